package io.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.LogContext;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.operations.inject.OperationsModule;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * A call through a real server with the operations module installed: a bridge on the JDK's WebSocket client logs in,
 * dials, is refused a second dial, runs one side effect that succeeds and one the CRM refuses; then the Prometheus
 * endpoint, scraped over HTTP, shows each of those counted, and the log lines of the agent's work carry its MDC.
 */
class OperationsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final byte[] SECRET = "operations-test-secret-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    private final LoggingCrm crm = new LoggingCrm();
    private final List<Map<String, String>> providerMdc = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger callbridgeLogger = (Logger) LoggerFactory.getLogger("io.callbridge");
    private CallbridgeLauncher.Running app;

    @BeforeEach
    void start() {
        logged.start();
        callbridgeLogger.addAppender(logged);
        callbridgeLogger.setLevel(Level.DEBUG);
        TelephonyProvider phone = new TelephonyProvider() {
            @Override
            public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
                Map<String, String> mdc = MDC.getCopyOfContextMap();
                providerMdc.add(mdc == null ? Map.of() : mdc);
            }

            @Override
            public void answer(CallId callId) {
            }

            @Override
            public void reject(CallId callId) {
            }

            @Override
            public void hangUp(CallId callId) {
            }

            @Override
            public void hold(CallId callId) {
            }

            @Override
            public void resume(CallId callId) {
            }

            @Override
            public void transfer(CallId callId, String target) {
            }

            @Override
            public void setMuted(CallId callId, boolean muted) {
            }
        };
        app = CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(), new OperationsModule(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(
                                TransportSettings.localEphemeral().withTokenKeys(TokenKey.of("k1", SECRET), null));
                        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                                .toInstance(phone);
                        MapBinder.newMapBinder(binder(), String.class, CrmBridge.class).addBinding(LoggingCrm.CRM)
                                .toInstance(crm);
                    }
                });
        crm.scheduler = app.instance(BridgeScheduler.class);
        crm.store = app.instance(DeliveryStore.class);
    }

    @AfterEach
    void stop() {
        app.close();
        callbridgeLogger.detachAppender(logged);
        callbridgeLogger.setLevel(null);
    }

    @Test
    void theScrapedMetricsCountWhatACallThroughTheServerDid() throws Exception {
        String token = app.instance(AgentTokens.class).issue(ALICE, LoggingCrm.CRM, Duration.ofMinutes(5));
        TestBridge bridge = new TestBridge(URI.create("ws://127.0.0.1:" + app.port() + "/bridge/v1"));
        bridge.send("{\"type\":\"hello\",\"v\":1,\"token\":\"" + token + "\",\"crm\":\"" + LoggingCrm.CRM
                + "\",\"role\":\"widget\"}");
        bridge.awaitType("welcome");
        assertThat(bridge.act("a1", "login", "{}").path("ok").asBoolean()).isTrue();
        JsonNode dialed = bridge.act("a2", "dial", "{\"number\":\"+14155550100\"}");
        CallId call = CallId.of(dialed.path("callId").asString());
        app.instance(TelephonyEvents.class).report(new ProviderEvent.Answered(call));
        assertThat(bridge.act("a3", "dial", "{\"number\":\"+14155550101\"}").path("ok").asBoolean()).isFalse();

        bridge.send("{\"type\":\"crmEvent\",\"name\":\"log\",\"data\":\"log-1\"}");
        JsonNode first = bridge.await(f -> "invoke".equals(f.path("type").asString())
                && "log-1".equals(f.path("id").asString()), "invoke log-1");
        bridge.send("{\"type\":\"result\",\"id\":\"" + first.path("id").asString() + "\",\"ok\":true,\"value\":{}}");
        bridge.send("{\"type\":\"crmEvent\",\"name\":\"log\",\"data\":\"log-2\"}");
        JsonNode second = bridge.await(f -> "invoke".equals(f.path("type").asString())
                && "log-2".equals(f.path("id").asString()), "invoke log-2");
        bridge.send("{\"type\":\"result\",\"id\":\"" + second.path("id").asString()
                + "\",\"ok\":false,\"error\":{\"code\":\"CRM_ERROR\",\"message\":\"refused\"}}");
        eventually(() -> crm.settled.size() == 2, "both side effects settled");
        assertThat(crm.settled).containsExactly("log-1 ok", "log-2 failed");

        String scraped = eventuallyScrape(text -> text.contains(
                "callbridge_side_effects_failed_total{crm=\"testcrm\",method=\"saveLog\"} 1"));
        assertThat(scraped)
                .contains("callbridge_sessions{crm=\"testcrm\"} 1.0")
                .contains("callbridge_calls_total{state=\"CONNECTED\"} 1.0")
                .contains("callbridge_calls_total{state=\"ENDED\"} 0.0")
                .contains("callbridge_refusals_total{code=\"AGENT_BUSY\"} 1.0")
                .contains("callbridge_refusals_total{code=\"UNKNOWN_CALL\"} 0.0")
                .contains("callbridge_side_effects_pending{crm=\"testcrm\"} 0.0")
                .contains("callbridge_invocations_seconds_count{crm=\"testcrm\",method=\"saveLog\",outcome=\"ok\"} 1")
                .contains("callbridge_invocations_seconds_count{crm=\"testcrm\",method=\"saveLog\","
                        + "outcome=\"crm_error\"} 1")
                // The hello, then every frame after it: login, two dials, two events, two results.
                .contains("callbridge_frames_received_total{crm=\"none\"} 1.0")
                .contains("callbridge_frames_received_total{crm=\"testcrm\"} " + (bridge.sent - 1) + ".0");
        assertThat(counter(scraped, "callbridge_frames_sent_total{crm=\"testcrm\"}"))
                .isGreaterThanOrEqualTo(3 + 2 + 1);
        assertThat(counter(scraped, "callbridge_calls_total{state=\"QUEUED\"}")
                + counter(scraped, "callbridge_calls_total{state=\"DIALING\"}")).isEqualTo(1);

        bridge.close();
        eventuallyScrape(text -> text.contains("callbridge_sessions{crm=\"testcrm\"} 0.0"));
    }

    @Test
    void theAgentsWorkLogsWithItsTenantAgentAndCallInTheMdc() throws Exception {
        String token = app.instance(AgentTokens.class).issue(ALICE, LoggingCrm.CRM, Duration.ofMinutes(5));
        TestBridge bridge = new TestBridge(URI.create("ws://127.0.0.1:" + app.port() + "/bridge/v1"));
        bridge.send("{\"type\":\"hello\",\"v\":1,\"token\":\"" + token + "\",\"crm\":\"" + LoggingCrm.CRM
                + "\",\"role\":\"widget\"}");
        bridge.awaitType("welcome");
        bridge.act("a1", "login", "{}");
        CallId call = CallId.of(bridge.act("a2", "dial", "{\"number\":\"+14155550100\"}").path("callId").asString());
        bridge.send("{\"type\":\"crmEvent\",\"name\":\"log\",\"data\":\"log-1\"}");
        JsonNode invoke = bridge.await(f -> "invoke".equals(f.path("type").asString()), "invoke");
        bridge.send("{\"type\":\"result\",\"id\":\"" + invoke.path("id").asString()
                + "\",\"ok\":false,\"error\":{\"code\":\"CRM_ERROR\",\"message\":\"refused\"}}");
        eventually(() -> crm.settled.size() == 1, "the side effect settled");

        // Core, asking the phone system to dial.
        assertThat(providerMdc).singleElement().satisfies(mdc -> assertThat(mdc)
                .containsEntry(LogContext.TENANT, "acme").containsEntry(LogContext.AGENT, "alice")
                .containsEntry(LogContext.CALL, call.value()));
        // The transport, handing the bridge's event to the adapter.
        assertThat(crm.eventMdc).singleElement().satisfies(mdc -> assertThat(mdc)
                .containsEntry(LogContext.TENANT, "acme").containsEntry(LogContext.AGENT, "alice"));
        // Core's delivery engine, on the adapter's serial queue, giving the side effect up.
        ILoggingEvent gaveUp = logged.list.stream()
                .filter(e -> e.getLoggerName().endsWith(".Delivery") && e.getLevel() == Level.WARN)
                .findFirst().orElseThrow(() -> new AssertionError("no WARN from Delivery in " + logged.list));
        assertThat(gaveUp.getMDCPropertyMap()).containsEntry(LogContext.TENANT, "acme")
                .containsEntry(LogContext.AGENT, "alice");
        // Nothing the agent dialled reaches a log line at INFO or above.
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("5550100"));
        bridge.close();
    }

    private String eventuallyScrape(java.util.function.Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/metrics")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            text = response.body();
            if (wanted.test(text)) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the scrape never showed what was wanted:\n" + text);
    }

    private static double counter(String scraped, String series) {
        for (String line : scraped.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
