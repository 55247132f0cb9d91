package io.callbridge.samples.rest;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulatorServer;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestServer;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import io.callbridge.rest.hubspot.HubSpotRestSettings;
import io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules;
import io.callbridge.rest.hubspot.inject.HubSpotRestModule;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.inject.SalesforceRestModule;
import io.callbridge.samples.cluster.CrmFrame;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One or more real callbridge nodes (CallbridgeLauncher: core, both adapters, the WebSocket transport, both REST
 * fallbacks) with the HubSpot and Salesforce REST simulators on free loopback ports, a {@link FakePhoneSystem}, and
 * short timings: wrap-up timeout, REST deadlines and the server-side sweep. Frames are {@link CrmFrame}s over real
 * WebSockets.
 */
final class RestRig implements AutoCloseable {
    static final long PORTAL = 22104933L;
    static final String HUBSPOT_TOKEN = "pat-na1-e2e-test-token";
    static final String CONSUMER_KEY = "3MVGsim.e2e-consumer-key";
    static final String USERNAME = "integration@acme.example";
    static final Duration WRAP_UP_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEADLINE = Duration.ofSeconds(1);
    static final Duration SWEEP = Duration.ofMillis(100);
    static final AtomicLong CLICKS = new AtomicLong(1763740800000L + System.nanoTime() % 1_000_000);
    private static final byte[] SECRET = "rest-e2e-test-secret-of-32-bytes!!!!".getBytes(StandardCharsets.US_ASCII);

    final AgentTokens tokens = new AgentTokens(SECRET, Clock.systemUTC());
    final HubSpotPortalTokens portalTokens = new HubSpotPortalTokens(Clock.systemUTC());
    final HubSpotRestSimulator hubspot = new HubSpotRestSimulator(portalTokens, Clock.systemUTC()).portal(PORTAL)
            .record(PORTAL, "contacts", "9001");
    final HubSpotRestSimulatorServer hubspotServer;
    final KeyPair keys = keyPair();
    final SalesforceRestServer salesforceServer;
    final SalesforceRestSimulator salesforce;
    private final AtomicReference<CallbridgeLauncher.Running> reportTo = new AtomicReference<>();
    final FakePhoneSystem phone = new FakePhoneSystem(() -> Objects.requireNonNull(reportTo.get(),
            "no node to report to").instance(TelephonyEvents.class))
            .callerId(new PhoneNumberParser("US").parse("+14155550000"));
    private final List<CallbridgeLauncher.Running> nodes = new ArrayList<>();
    private final List<CrmFrame> frames = new ArrayList<>();

    RestRig() throws Exception {
        portalTokens.acceptForever(HUBSPOT_TOKEN, PORTAL);
        hubspotServer = HubSpotRestSimulatorServer.start(hubspot, 0);
        salesforceServer = SalesforceRestServer.start(CONSUMER_KEY, keys.getPublic(), Set.of(USERNAME));
        salesforce = salesforceServer.simulator();
    }

    /** The modules of one node, {@code extra} (e.g. the Redis module, overrides) first. */
    /** The HubSpot adapter's settings of the nodes started from now on. */
    HubSpotSettings hubSpotSettings = HubSpotSettings.DEFAULTS.withInvocationTimeout(Duration.ofSeconds(1));

    List<Module> modules() {
        HubSpotSettings hs = hubSpotSettings;
        SalesforceSettings sf = SalesforceSettings.DEFAULTS.withInvocationTimeout(Duration.ofSeconds(1));
        HubSpotRestSettings hsRest = HubSpotRestSettings.DEFAULTS.withBaseUri(hubspotServer.baseUri())
                .withDeadline(DEADLINE).withDispositions(Map.of("connected", "Connected")).withRequestTimeout(Duration.ofSeconds(20))
                .withSearchSettle(Duration.ofMillis(200)).withRetryBackoff(Duration.ofMillis(200))
                .withMaxRetryBackoff(Duration.ofSeconds(1));
        SalesforceRestSettings sfRest = SalesforceRestSettings.of(salesforceServer.url(), CONSUMER_KEY, USERNAME,
                pem(keys)).withDeadlineAfterWrapUp(DEADLINE).withRequestTimeout(Duration.ofSeconds(20));
        Module test = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                        .toInstance(TransportSettings.localEphemeral());
                OptionalBinder.newOptionalBinder(binder(), AgentTokens.class).setBinding().toInstance(tokens);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
                OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(hs);
                OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(sf);
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding()
                        .toInstance(CoreSettings.DEFAULTS.withWrapUpTimeout(WRAP_UP_TIMEOUT));
                OptionalBinder.newOptionalBinder(binder(), ServerSideSettings.class).setBinding()
                        .toInstance(ServerSideSettings.DEFAULTS.withSweepInterval(SWEEP)
                                .withClaimLease(Duration.ofSeconds(3)));
                OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding()
                        .toInstance(hsRest);
            }
        };
        return new ArrayList<>(List.of(new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new WebSocketTransportModule(), new HubSpotRestModule(),
                HubSpotAuthModules.privateApp(HUBSPOT_TOKEN, PORTAL), new SalesforceRestModule(sfRest), test));
    }

    /** Starts a node with the given modules (see {@link #modules}); the phone system reports to the first one. */
    synchronized CallbridgeLauncher.Running start(List<Module> modules) {
        CallbridgeLauncher.Running node = CallbridgeLauncher.start(modules.toArray(Module[]::new));
        nodes.add(node);
        reportTo.compareAndSet(null, node);
        return node;
    }

    CallbridgeLauncher.Running start() {
        return start(modules());
    }

    void reportTo(CallbridgeLauncher.Running node) {
        reportTo.set(node);
    }

    static URI bridge(CallbridgeLauncher.Running node) {
        return URI.create("ws://127.0.0.1:" + node.port() + "/bridge/v1");
    }

    /** A frame of {@code agent} on {@code node}. */
    synchronized CrmFrame open(CallbridgeLauncher.Running node, AgentId agent, String crm, String role,
            CrmFrame.Options options) {
        CrmFrame frame = CrmFrame.open(bridge(node), tokens.issue(agent, crm, Duration.ofMinutes(5)), crm, role,
                options);
        frames.add(frame);
        return frame;
    }

    /** A HubSpot frame that says READY (so the adapter knows the portal) and reacts to nothing by itself. */
    static CrmFrame.Options hubSpotPage(Set<String> unanswered) {
        return new CrmFrame.Options(unanswered, true, false, m -> Duration.ZERO);
    }

    static void logInAvailable(CrmFrame frame) {
        accepted(frame.act("login", CrmFrame.JSON.createObjectNode()));
        accepted(frame.act("presence", args("status", "AVAILABLE")));
        frame.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available");
    }

    /** Dials from a HubSpot frame (the contact 9001 of the portal) and lets the far end answer. */
    CallId dialHubSpotAndConnect(CrmFrame frame) {
        return dialHubSpotAndConnect(frame, true);
    }

    /** Dials from a HubSpot frame; with {@code engagement}, HubSpot's SDK made the call's engagement. */
    CallId dialHubSpotAndConnect(CrmFrame frame, boolean engagement) {
        long click = CLICKS.incrementAndGet();
        ObjectNode data = CrmFrame.JSON.createObjectNode().put("phoneNumber", "+16175550142").put("objectId", 9001)
                .put("objectType", "CONTACT").put("portalId", PORTAL).put("countryCode", "US")
                .put("startTimestamp", click);
        frame.crmEvent("DIAL_NUMBER", data);
        JsonNode ui = frame.awaitUi(s -> s.path("calls").size() > 0, "the dialled call");
        CallId call = CallId.of(ui.path("calls").get(ui.path("calls").size() - 1).path("id").asString());
        frame.awaitInvoked("OUTGOING_CALL_STARTED");
        if (engagement) {
            // HubSpot's SDK creates the engagement in the portal and tells the page its id.
            long id = hubspot.createEngagement(PORTAL, Map.of("hs_timestamp", String.valueOf(click),
                    "hs_call_status", "CONNECTING"));
            frame.crmEvent("CREATE_ENGAGEMENT_SUCCEEDED", CrmFrame.JSON.createObjectNode().put("engagementId", id));
        }
        phone.answer(call, true);
        frame.awaitUi(s -> state(s, call).equals("CONNECTED"), "the call connected");
        return call;
    }

    /** Clicks to dial a Lead from a Salesforce tab and lets the far end answer. */
    CallId dialSalesforceAndConnect(CrmFrame tab) {
        tab.crmEvent("onClickToDial", CrmFrame.JSON.readTree(
                "{\"number\":\"(617) 555-0142\",\"recordId\":\"00Q000000000001AAA\",\"objectType\":\"Lead\"}"));
        JsonNode dialing = tab.awaitUi(s -> s.path("calls").size() == 1, "the call on the tab");
        CallId call = CallId.of(dialing.path("calls").get(0).path("id").asString());
        phone.answer(call, true);
        tab.awaitUi(s -> state(s, call).equals("CONNECTED"), "the call connected");
        return call;
    }

    /** What the node knows of the call and its owed entries, for failure messages. */
    static String describe(CallbridgeLauncher.Running node, CallId id) {
        return node.instance(CallEngine.class).call(id).map(c -> c.state() + " " + c.crmLinks()).orElse("no call")
                + " owed " + node.instance(DeliveryStore.class).owedBy("hubspot", 50)
                + node.instance(DeliveryStore.class).owedBy("salesforce", 50);
    }

    static Call call(CallbridgeLauncher.Running node, CallId id) {
        return node.instance(CallEngine.class).call(id).orElseThrow(() -> new AssertionError("no call " + id));
    }

    /**
     * The CRM's owed call logs: the entries a REST executor takes ({@code CALL_COMPLETED}, {@code saveLog},
     * {@code completeWork}). Other owed entries are the frame's own (a {@code CALL_ENDED} the widget closed before
     * answering, say); they wait for the agent's next frame, no executor takes them, and a test that waited for them
     * to go would fail whenever the frame closed a moment early.
     */
    static List<DeliveryStore.OwedDelivery> owed(CallbridgeLauncher.Running node, String crm) {
        return node.instance(DeliveryStore.class).owedBy(crm, 500).stream()
                .filter(o -> LOG_METHODS.contains(o.method())).toList();
    }

    private static final Set<String> LOG_METHODS = Set.of(HubSpotCallLog.METHOD, SalesforceCallLog.SAVE_LOG,
            SalesforceCallLog.COMPLETE_WORK_METHOD);

    static String state(JsonNode ui, CallId call) {
        for (JsonNode c : ui.path("calls")) {
            if (call.value().equals(c.path("id").asString())) {
                return c.path("state").asString();
            }
        }
        return "";
    }

    static void accepted(JsonNode ack) {
        if (!ack.path("ok").asBoolean()) {
            throw new AssertionError("refused: " + ack);
        }
    }

    static ObjectNode args(String name, String value) {
        return CrmFrame.JSON.createObjectNode().put(name, value);
    }

    /** Waits for {@code condition}, polling. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition,
            java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; " + state.get());
            }
            sleep(20);
        }
    }

    /**
     * Lets a few deadlines and sweeps pass: for checking that something did NOT happen (a second log), which no
     * event announces.
     */
    static void quietPeriod() {
        sleep(DEADLINE.plus(WRAP_UP_TIMEOUT).plus(SWEEP.multipliedBy(20)).toMillis());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every key of the links of the call with the given prefix, with values. */
    static Map<String, String> links(Call call, String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        call.crmLinks().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        frames.forEach(CrmFrame::close);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        hubspotServer.close();
        salesforceServer.close();
    }
}
