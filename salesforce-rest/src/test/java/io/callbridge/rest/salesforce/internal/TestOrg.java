package io.callbridge.rest.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestServer;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** A simulated org on a free port, a key pair whose certificate it trusts, and the executor's collaborators. */
final class TestOrg implements AutoCloseable {
    static final String CONSUMER_KEY = "3MVGsim.consumer-key";
    static final String USERNAME = "integration@acme.example";
    static final AgentId AGENT = new AgentId("acme", "agent-1");
    static final SalesforceSettings ADAPTER = SalesforceSettings.DEFAULTS;

    final Clock clock = Clock.systemUTC();
    final KeyPair keys = keyPair();
    final SalesforceRestServer server;
    final SalesforceRestSimulator sim;
    final SalesforceRestSettings settings;
    final CrmStateStore ledger = CrmStateStore.inMemory(clock);
    final RecordingEngine engine = new RecordingEngine();
    final HttpClient http = HttpClient.newHttpClient();

    TestOrg() throws Exception {
        server = SalesforceRestServer.start(url -> new SalesforceRestSimulator(url, url, CONSUMER_KEY,
                keys.getPublic(), Set.of(USERNAME), clock));
        sim = server.simulator();
        settings = SalesforceRestSettings.of(server.url(), CONSUMER_KEY, USERNAME, pem(keys))
                .withRequestTimeout(Duration.ofSeconds(5));
    }

    SalesforceRestExecutor executor() {
        return executor(settings, ledger);
    }

    SalesforceRestExecutor executor(SalesforceRestSettings s, CrmStateStore store) {
        return executor(s, store, clock);
    }

    SalesforceRestExecutor executor(SalesforceRestSettings s, CrmStateStore store, Clock executorClock) {
        return new SalesforceRestExecutor(s, ADAPTER, store, engine, executorClock, http);
    }

    /** An outbound call of {@link #AGENT}, wrapped up {@code ago}. */
    static Call wrappedUp(String id, Duration ago) {
        return wrappedUp(id, AGENT, ago);
    }

    /** An outbound call of {@code agent}, wrapped up {@code ago}. */
    static Call wrappedUp(String id, AgentId agent, Duration ago) {
        Instant wrapped = Instant.now().minus(ago);
        Call dialled = Call.outbound(CallId.of(id), agent, new PhoneNumber("+14155550100", null, "+1 415 555 0100"),
                new PhoneNumber("+14155550199", null, "(415) 555-0199"), wrapped.minusSeconds(120));
        return dialled.toBuilder().state(CallState.WRAPPED_UP).connectedAt(wrapped.minusSeconds(110))
                .endedAt(wrapped.minusSeconds(30)).endStatus(EndStatus.COMPLETED).wrappedUpAt(wrapped)
                .outcome(new CallOutcome("interested", "call back at +1 415 555 0199", null)).build();
    }

    static OwedDelivery saveLog(Call call) {
        return OwedDelivery.of(SalesforceCallLog.saveLogKey(call.id()), call.agent(), SalesforceCallLog.CRM,
                SalesforceCallLog.SAVE_LOG, "{}");
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
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
