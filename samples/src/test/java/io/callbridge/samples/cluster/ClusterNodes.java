package io.callbridge.samples.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.CallEngine;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several callbridge nodes of one deployment, each a whole application as a vendor starts it (its own Guice injector
 * through {@link CallbridgeLauncher}, its own Jetty bridge server on a free loopback port, both adapters), sharing one
 * real redis-server through {@link RedisClusterModule}, one agent-token secret and one phone system. The phone system
 * is a {@link FakePhoneSystem} every node places calls on and whose reports go to whichever node the test names with
 * {@link #reportTo}, as a vendor's webhooks reach any node behind a load balancer.
 */
final class ClusterNodes implements AutoCloseable {
    private static final byte[] SECRET = "multi-node-test-secret-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    /** Short, so that a claim a closed node held lapses within the test (a claim lease is three of these, 3 s). */
    static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(1);

    /** One node. */
    record Node(String name, CallbridgeLauncher.Running running) {
        CallEngine engine() {
            return running.instance(CallEngine.class);
        }

        TelephonyEvents events() {
            return running.instance(TelephonyEvents.class);
        }

        URI bridgeUri() {
            return URI.create("ws://127.0.0.1:" + running.port() + "/bridge/v1");
        }
    }

    final AgentTokens tokens = new AgentTokens(SECRET, Clock.systemUTC());
    private final AtomicReference<Node> reportTarget = new AtomicReference<>();
    /** Reports the agents' calling number, which HubSpot's OUTGOING_CALL_STARTED needs before it may go out. */
    final FakePhoneSystem phone = new FakePhoneSystem(() -> Objects.requireNonNull(reportTarget.get(),
            "name the node the phone system reports to").events())
            .callerId(new PhoneNumberParser("US").parse("+14155550000"));
    private final RedisServer redis;
    private final String prefix = "multi-node-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
    private final List<Node> nodes = new ArrayList<>();
    private final List<CrmFrame> frames = new ArrayList<>();

    ClusterNodes(RedisServer redis) {
        this.redis = redis;
    }

    /** Starts one more node of the deployment. */
    synchronized Node start(String name) {
        return start(name, Modules.EMPTY_MODULE);
    }

    /** Starts one more node of the deployment, with {@code overrides} replacing bindings of the cluster module. */
    synchronized Node start(String name, Module overrides) {
        HubSpotSettings hubspot = HubSpotSettings.DEFAULTS.withInvocationTimeout(INVOCATION_TIMEOUT);
        SalesforceSettings salesforce = SalesforceSettings.DEFAULTS.withInvocationTimeout(INVOCATION_TIMEOUT);
        Module test = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                        .toInstance(TransportSettings.localEphemeral());
                OptionalBinder.newOptionalBinder(binder(), AgentTokens.class).setBinding().toInstance(tokens);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
                OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(hubspot);
                OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding()
                        .toInstance(salesforce);
            }
        };
        // Redis first, so that its connection is the last service to stop.
        Node node = new Node(name, CallbridgeLauncher.start(
                Modules.override(new RedisClusterModule(RedisSettings.of(redis.uri()).withKeyPrefix(prefix)
                        .withCommandTimeout(Duration.ofSeconds(1)))).with(overrides),
                new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new WebSocketTransportModule(), test));
        nodes.add(node);
        return node;
    }

    /** From now on the phone system reports to {@code node}. */
    void reportTo(Node node) {
        reportTarget.set(node);
    }

    /** A CRM frame of {@code agent} connected to {@code node}. */
    synchronized CrmFrame open(Node node, AgentId agent, String crm, String role) {
        CrmFrame frame = CrmFrame.open(node, crm, role, tokens.issue(agent, crm, Duration.ofMinutes(5)));
        frames.add(frame);
        return frame;
    }

    @Override
    public synchronized void close() {
        frames.forEach(CrmFrame::close);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).running().close();
        }
        nodes.clear();
    }
}
