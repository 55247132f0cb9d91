package io.callbridge.rest.hubspot;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRecordingSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulatorServer;
import io.callbridge.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** The simulated HubSpot on a free port, tokens, a ledger, a clock, and the executor under test. */
public final class Rig implements AutoCloseable {
    public static final long PORTAL = 1_234_567L;
    public static final long OTHER_PORTAL = 7_654_321L;
    public static final long OWNER = 9001L;
    public static final AgentId AGENT = AgentId.of("acme", "alice");

    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final HubSpotPortalTokens accepted = new HubSpotPortalTokens(clock);
    public final HubSpotRestSimulator hubspot = new HubSpotRestSimulator(accepted, clock).portal(PORTAL)
            .portal(OTHER_PORTAL);
    /** HubSpot's "recording ready" endpoint, on the same server. */
    public final HubSpotRecordingSimulator recordings = new HubSpotRecordingSimulator(accepted, clock);
    final HubSpotRestSimulatorServer server = HubSpotRestSimulatorServer.start(hubspot, 0, recordings);
    final TestAccessTokens tokens = new TestAccessTokens(accepted);
    final CrmStateStore ledger = CrmStateStore.inMemory(clock);
    final List<NotifyAgent> notices = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    public HubSpotRestSettings settings = HubSpotRestSettings.DEFAULTS.withBaseUri(server.baseUri())
            .withRequestTimeout(Duration.ofSeconds(5));
    HubSpotSettings adapterSettings = HubSpotSettings.DEFAULTS;
    private int calls;

    /** The simulated HubSpot's API root. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The tokens the rig hands out, as an auth module would. */
    public HubSpotAccessTokens tokens() {
        return tokens;
    }

    HubSpotRestExecutor executor() {
        return executor(ledger);
    }

    HubSpotRestExecutor executor(CrmStateStore store) {
        return new HubSpotRestExecutor(client(), store, settings, adapterSettings, clock, notices::add);
    }

    HubSpotClient client() {
        return new HubSpotClient(http, tokens, settings, clock);
    }

    /**
     * A call wrapped up four minutes ago (past the default deadline), as the HubSpot adapter leaves it: the portal
     * (and the engagement, if HubSpot made one) in its CRM links, the contact it is about as its record.
     */
    public Call wrappedUp(@Nullable Long portal, @Nullable Long engagementId, @Nullable CrmRecordRef record,
            @Nullable String disposition) {
        return wrappedUp(AGENT, portal, engagementId, record, disposition);
    }

    /** {@link #wrappedUp(Long, Long, CrmRecordRef, String)}, of {@code agent}. */
    public Call wrappedUp(AgentId agent, @Nullable Long portal, @Nullable Long engagementId,
            @Nullable CrmRecordRef record, @Nullable String disposition) {
        Instant wrapped = clock.instant().minus(Duration.ofMinutes(4));
        Map<String, String> links = new HashMap<>();
        if (portal != null) {
            links.put("hubspot.portalId", Long.toString(portal));
        }
        if (engagementId != null) {
            links.put("hubspot.engagementId", Long.toString(engagementId));
        }
        links.put("hubspot.ownerId", Long.toString(OWNER));
        Call dialled = Call.outbound(CallId.of("call-" + (++calls)), agent, new PhoneNumber("+14155550100", null,
                "+1 415 555 0100"), new PhoneNumber("+14155550199", null, "(415) 555-0199"),
                wrapped.minus(Duration.ofMinutes(3)));
        return dialled.toBuilder().state(CallState.WRAPPED_UP).endStatus(EndStatus.COMPLETED)
                .connectedAt(wrapped.minus(Duration.ofMinutes(2))).endedAt(wrapped.minusSeconds(30))
                .wrappedUpAt(wrapped).outcome(new CallOutcome(disposition, "Talked about the renewal", null))
                .record(record).crmLinks(links).build();
    }

    static CrmRecordRef contact(String id) {
        return new CrmRecordRef("hubspot", "CONTACT", id, "Jane Doe");
    }

    public static OwedDelivery owed(Call call) {
        return OwedDelivery.of(HubSpotCallLog.key(call.id()), call.agent(), HubSpotCallLog.CRM,
                HubSpotCallLog.METHOD, "{}");
    }

    /** The call as core holds it after the service wrote the outcome's links. */
    static Call withLinks(Call call, Map<String, String> links) {
        Map<String, String> all = new HashMap<>(call.crmLinks());
        all.putAll(links);
        return call.toBuilder().crmLinks(all).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
