package io.callbridge.transport.websocket;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The real application (core's engine, the transport, a fake adapter, an in-memory phone system) on a free port. */
final class TestCallbridge implements AutoCloseable {
    static final byte[] SECRET = "integration-test-secret-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    static final String ALLOWED_ORIGIN = "https://crm.example";

    final InMemoryPhoneSystem phone = new InMemoryPhoneSystem();
    final FakeCrmBridge crm = new FakeCrmBridge();
    /** The application's own, from its configured keys: what the vendor's backend would use. */
    final AgentTokens tokens;
    final CallbridgeLauncher.Running running;
    final CallEngine engine;

    TestCallbridge(TransportSettings settings) {
        this(settings, null);
    }

    /** @param staticFiles where static files come from, or null for the default (the test class path) */
    TestCallbridge(TransportSettings settings, StaticFiles staticFiles) {
        this(settings, staticFiles, true);
    }

    /**
     * @param testKey sign tokens with {@link #SECRET} under {@link AgentTokens#DEFAULT_KEY_ID} when the settings name no
     *     key; false: leave the settings as they are
     */
    TestCallbridge(TransportSettings settings, StaticFiles staticFiles, boolean testKey) {
        this(settings, staticFiles, testKey, new AbstractModule() { });
    }

    /** @param extra bindings a test adds last (e.g. its own {@link TransportExecutors}) */
    TestCallbridge(TransportSettings settings, StaticFiles staticFiles, boolean testKey, com.google.inject.Module extra) {
        TransportSettings effective = testKey && settings.tokenKey() == null
                ? settings.withTokenKeys(TokenKey.of(AgentTokens.DEFAULT_KEY_ID, SECRET), null)
                : settings;
        running = CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(), extra, new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                        .toInstance(effective);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
                MapBinder.newMapBinder(binder(), String.class, CrmBridge.class).addBinding(FakeCrmBridge.CRM)
                        .toInstance(crm);
                if (staticFiles != null) {
                    OptionalBinder.newOptionalBinder(binder(), StaticFiles.class).setBinding().toInstance(staticFiles);
                }
            }
        });
        engine = running.instance(CallEngine.class);
        tokens = running.instance(AgentTokens.class);
        crm.engine = engine;
    }

    TestCallbridge() {
        this(defaults());
    }

    static TransportSettings defaults() {
        return TransportSettings.localEphemeral().withAllowedOrigins(java.util.Set.of(ALLOWED_ORIGIN));
    }

    URI bridgeUri() {
        String scheme = running.instance(BridgeServer.class).secure() ? "wss" : "ws";
        return URI.create(scheme + "://127.0.0.1:" + running.port() + "/bridge/v1");
    }

    URI httpUri(String path) {
        String scheme = running.instance(BridgeServer.class).secure() ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + running.port() + path);
    }

    String token(AgentId agent) {
        return tokens.issue(agent, FakeCrmBridge.CRM, Duration.ofMinutes(5));
    }

    static ObjectNode hello(String token, String role, Long resumeAfter) {
        ObjectNode hello = BridgeClient.JSON.createObjectNode();
        hello.put("type", "hello");
        hello.put("v", 1);
        hello.put("token", token);
        hello.put("crm", FakeCrmBridge.CRM);
        hello.put("role", role);
        if (resumeAfter != null) {
            hello.put("resumeAfter", resumeAfter);
        }
        return hello;
    }

    /** A bridge of {@code agent} that said hello and got its welcome (returned in {@link Session#welcome}). */
    Session open(AgentId agent, String role, Long resumeAfter) {
        BridgeClient client = BridgeClient.connect(bridgeUri());
        client.send(hello(token(agent), role, resumeAfter));
        JsonNode welcome = client.awaitType("welcome");
        return new Session(client, welcome);
    }

    Session open(AgentId agent) {
        return open(agent, "widget", null);
    }

    record Session(BridgeClient client, JsonNode welcome) implements AutoCloseable {
        String id() {
            return welcome.get("sessionId").asString();
        }

        /** Sends a UI action and returns its ack. */
        JsonNode act(String id, String action, String argsJson) {
            client.send("{\"type\":\"uiAction\",\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"args\":"
                    + argsJson + "}");
            return client.await(f -> "ack".equals(f.path("type").asString()) && id.equals(f.path("id").asString()),
                    "ack " + id);
        }

        /** Waits for a UI snapshot whose state satisfies the condition. */
        JsonNode awaitUi(java.util.function.Predicate<JsonNode> state, String what) {
            return client.await(f -> "ui".equals(f.path("type").asString()) && state.test(f.get("state")), what);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Override
    public void close() {
        running.close();
    }
}
