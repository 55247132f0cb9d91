package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static io.callbridge.adapter.hubspot.internal.Harness.DIALLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The durable outbox of the call log: the lane parks the call's CALL_COMPLETED in the delivery store as soon as it
 * follows the call, under the key its frame delivery uses, so that a server-side executor can log the call when no frame
 * comes back; what that executor writes on the call ({@link HubSpotCallLog#doneLinks}) is what a frame's log writes, so
 * a frame that returns sends nothing more.
 */
class ParkedCallLogTest {
    private static final String OUTCOME_ID = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
    private static final HubSpotSettings SETTINGS = HubSpotSettings.DEFAULTS.withDispositions(
            Map.of("connected", OUTCOME_ID));

    private final Harness h = new Harness(SETTINGS);
    private final String key = HubSpotCallLog.key(DIALLED);

    @Test
    void theLogIsParkedAsSoonAsTheLaneFollowsTheCallAndGoneOnceTheFrameLoggedIt() {
        h.logIn();
        String widget = h.readyFrame("widget");
        h.clickToCall(widget);

        assertThat(h.store.get(key)).as("parked before the call is even answered").hasValueSatisfying(owed -> {
            assertThat(owed.agent()).isEqualTo(AGENT);
            assertThat(owed.crm()).isEqualTo(HubSpotCallLog.CRM);
            assertThat(owed.method()).isEqualTo(HubSpotCallLog.METHOD);
            assertThat(owed.argsJson()).isEqualTo("{}");
            assertThat(owed.claimant()).isNull();
            assertThat(owed.attempts()).isZero();
        });
        assertThat(h.store.owedBy(HubSpotCallLog.CRM, 10)).extracting(OwedDelivery::key).containsExactly(key);
        // What the handshake said is on the call, for a log without a frame.
        assertThat(HubSpotCallLog.portalId(h.call(DIALLED))).isEqualTo(FakeHubSpot.PORTAL);
        assertThat(HubSpotCallLog.ownerId(h.call(DIALLED))).isEqualTo(FakeHubSpot.OWNER);

        h.phone.answer(DIALLED, true);
        h.settle();
        h.advance(Duration.ofSeconds(42));
        h.hangUp(DIALLED);
        assertThat(h.store.get(key)).as("still owed after the end").isPresent();
        assertThat(HubSpotCallLog.readyToLog(h.call(DIALLED))).isFalse();

        h.wrapUp(DIALLED, new CallOutcome("connected", "Quote by Friday.",
                URI.create("https://recordings.example.com/calls/1.mp3")));

        assertThat(h.hub.attempts("CALL_COMPLETED")).hasSize(1);
        assertThat(h.store.get(key)).as("the frame's delivery finished the parked entry").isEmpty();
        assertThat(h.store.pending(AGENT)).isEmpty();
        assertThat(HubSpotCallLog.settled(h.call(DIALLED))).isTrue();
        assertThat(HubSpotCallLog.readyToLog(h.call(DIALLED))).isTrue();
    }

    @Test
    void theKeyIsTheInvocationIdAndThePropertiesAreWhatTheFrameGot() {
        h.connectedCallOn("widget");
        h.advance(Duration.ofSeconds(95));
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, new CallOutcome("connected", "Discussed renewal.",
                URI.create("https://recordings.example.com/calls/1.mp3")));

        FakeHubSpot.Received completed = h.hub.attempts("CALL_COMPLETED").get(0);
        assertThat(completed.invocationId()).isEqualTo(key).isEqualTo("hubspot:" + DIALLED.value() + ":CALL_COMPLETED");
        assertThat(HubSpotCallLog.callOf(key)).isEqualTo(DIALLED);
        assertThat(HubSpotCallLog.engagementId(h.call(DIALLED))).isEqualTo(completed.data().get("engagementId")
                .asLong());

        String ours = HubSpotJson.args(new ToHubSpot.CallCompleted(DIALLED.value(), null, null,
                HubSpotCallLog.properties(h.call(DIALLED), SETTINGS)));
        JsonNode properties = FakeHubSpot.JSON.readTree(ours).get("engagementProperties");
        assertThat(properties).isEqualTo(completed.data().get("engagementProperties"));
        assertThat(properties.get("hubspot_owner_id").asString()).isEqualTo(Long.toString(FakeHubSpot.OWNER));
        assertThat(properties.get("hs_call_disposition").asString()).isEqualTo(OUTCOME_ID);
    }

    @Test
    void keysOfOtherStepsAndCrmsNameNoCall() {
        CallId call = CallId.of("call-7:a");
        assertThat(HubSpotCallLog.callOf(HubSpotCallLog.key(call))).isEqualTo(call);
        assertThat(HubSpotCallLog.callOf("hubspot:call-7:CALL_ENDED")).isNull();
        assertThat(HubSpotCallLog.callOf("call-7:saveLog")).isNull();
        assertThat(HubSpotCallLog.callOf("hubspot::CALL_COMPLETED")).isNull();
        assertThat(HubSpotCallLog.callOf("hubspot:bad id:CALL_COMPLETED")).isNull();
        CallId tooLong = CallId.of("c".repeat(250));
        assertThat(HubSpotCallLog.key(tooLong)).hasSizeLessThanOrEqualTo(200);
        assertThat(HubSpotCallLog.callOf(HubSpotCallLog.key(tooLong))).isNotEqualTo(tooLong);
    }

    @Test
    void everyStepTheLaneSendsAboutACallNamesItsCallAndOtherEntriesNone() {
        h.connectedCallOn("widget");
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        List<FakeHubSpot.Received> about = h.hub.received().stream()
                .filter(r -> r.data().path("externalCallId").asString("").equals(DIALLED.value())).toList();
        assertThat(about).extracting(FakeHubSpot.Received::type)
                .contains("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        for (FakeHubSpot.Received r : about) {
            assertThat(HubSpotCallLog.callOfStep(r.invocationId(), r.type())).as("%s %s", r.type(), r.invocationId())
                    .isEqualTo(DIALLED);
        }

        assertThat(HubSpotCallLog.callOfStep("hubspot:call-7:CALL_ENDED", "CALL_ANSWERED")).as("another method")
                .isNull();
        assertThat(HubSpotCallLog.callOfStep("hubspot:widget-1:ERROR:3", "ERROR")).as("a notice, no call").isNull();
        assertThat(HubSpotCallLog.callOfStep("call-7:CALL_ENDED", "CALL_ENDED")).as("another CRM's").isNull();
        assertThat(HubSpotCallLog.callOfStep("hubspot::CALL_ENDED", "CALL_ENDED")).isNull();
        CallId tooLong = CallId.of("c".repeat(250));
        String digested = Invocation.deriveId("hubspot:", tooLong.value(), "CALL_ENDED");
        assertThat(HubSpotCallLog.callOfStep(digested, "CALL_ENDED")).as("a digest names no call").isNull();
    }

    @Test
    void aCallLoggedByRestIsNotCompletedAgainByAFrameThatComesBackAfterTheWrapUp() {
        String widget = h.connectedCallOn("widget");
        assertThat(h.store.get(key)).isPresent();
        h.hub.leave(widget);
        h.detach(); // the agent closed the HubSpot tab: nobody sends CALL_ENDED or CALL_COMPLETED
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        // A server-side executor: claims the parked key, logs by REST, writes the links, finishes the entry.
        Instant now = h.clock.instant();
        OwedDelivery parked = h.store.get(key).orElseThrow();
        assertThat(parked.claimant()).isNull();
        assertThat(HubSpotCallLog.readyToLog(h.call(DIALLED))).isTrue();
        assertThat(HubSpotCallLog.settled(h.call(DIALLED))).isFalse();
        OwedDelivery claimed = h.store.claim(parked, "rest", now, now.plusSeconds(30)).orElseThrow();
        HubSpotCallLog.doneLinks(now, HubSpotCallLog.engagementId(h.call(DIALLED))).forEach((k, v) ->
                h.execute(new CallCommand.LinkCrmArtefact(AGENT, DIALLED, k, v)));
        assertThat(h.store.finish(key, claimed.fence())).isTrue();
        assertThat(HubSpotCallLog.settled(h.call(DIALLED))).isTrue();
        assertThat(h.call(DIALLED).crmLinks()).containsEntry("hubspot.loggedVia", "rest");

        FakeHubSpot next = h.attach();
        h.readyFrame("widget");
        h.advance(Duration.ofMinutes(5));

        assertThat(next.attempts("CALL_COMPLETED")).isEmpty();
        assertThat(next.attempts("CALL_ENDED")).as("no earlier step goes late either").isEmpty();
        assertThat(next.attempts("FINALIZE_ENGAGEMENT")).isEmpty();
        assertThat(h.store.get(key)).as("a settled call is not parked again").isEmpty();
    }

    @Test
    void aCallHubSpotNeverHeardOfIsNotLeftParked() {
        h.logIn();
        String widget = h.readyFrame("widget");
        h.phone.script("+16175550142", io.callbridge.testkit.FakePhoneSystem.Script.REFUSE);
        h.clickToCall(widget);
        // Refused before the phone system named a calling number: never announced, so never logged.
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.attempts("CALL_COMPLETED")).isEmpty();
        assertThat(h.store.get(key)).as("taken back, so no server-side executor logs it").isEmpty();
    }

    @Test
    void aStoreThatCannotBeReachedNeitherStopsTheLaneNorLosesTheParking() {
        UnreachableStore down = new UnreachableStore(DeliveryStore.inMemory());
        Harness lane = new Harness(SETTINGS, down);
        lane.logIn();
        String widget = lane.readyFrame("widget");
        down.unreachable = true;
        lane.clickToCall(widget);

        assertThat(lane.hub.attempts("OUTGOING_CALL_STARTED")).as("the call goes on").hasSize(1);
        assertThat(down.parks).as("tried").isPositive();
        assertThat(down.get(key)).isEmpty();

        down.unreachable = false;
        lane.phone.answer(DIALLED, true);
        lane.settle();
        assertThat(down.get(key)).as("parked at the next pump").hasValueSatisfying(o -> assertThat(o.claimant())
                .isNull());
        int parks = down.parks;
        lane.advance(Duration.ofSeconds(10));
        lane.hangUp(DIALLED);
        assertThat(down.parks).as("once parked, not again").isEqualTo(parks);
    }

    /** A real store whose park fails while {@link #unreachable}, as a store whose server is down does. */
    private static final class UnreachableStore implements DeliveryStore {
        private final DeliveryStore real;
        volatile boolean unreachable;
        int parks;

        UnreachableStore(DeliveryStore real) {
            this.real = real;
        }

        @Override
        public boolean park(OwedDelivery owed) {
            parks++;
            if (unreachable) {
                throw new StoreUnavailableException("store down");
            }
            return real.park(owed);
        }

        @Override
        public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until) {
            return real.claim(owed, claimant, now, until);
        }

        @Override
        public boolean renew(String key, long fence, Instant until) {
            return real.renew(key, fence, until);
        }

        @Override
        public Optional<Integer> attemptFailed(String key, long fence) {
            return real.attemptFailed(key, fence);
        }

        @Override
        public boolean release(String key, long fence) {
            return real.release(key, fence);
        }

        @Override
        public boolean finish(String key, long fence) {
            return real.finish(key, fence);
        }

        @Override
        public List<OwedDelivery> owedBy(String crm, int limit) {
            return real.owedBy(crm, limit);
        }

        @Override
        public Optional<OwedDelivery> get(String key) {
            return real.get(key);
        }

        @Override
        public List<OwedDelivery> pending(AgentId agent) {
            return real.pending(agent);
        }
    }

    @Test
    void failedLinksAreTheFailureMarker() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(HubSpotCallLog.failedLinks(at)).containsExactly(Map.entry("hubspot.completeFailed", at.toString()));
        assertThat(HubSpotCallLog.doneLinks(at, 5001L)).containsOnly(Map.entry("hubspot.completed", at.toString()),
                Map.entry("hubspot.finalized", at.toString()), Map.entry("hubspot.engagementId", "5001"),
                Map.entry("hubspot.loggedVia", "rest"));
        assertThat(HubSpotCallLog.doneLinks(at, null)).doesNotContainKey("hubspot.engagementId");
    }

    @Test
    void announcedMeansTheStartStepsMarkerIsOnTheCall() {
        h.logIn();
        String widget = h.readyFrame("widget");
        h.clickToCall(widget);
        h.phone.answer(DIALLED, true);
        h.settle();
        assertThat(h.call(DIALLED).crmLinks()).containsKey(CallStep.START.marker());
        assertThat(HubSpotCallLog.announced(h.call(DIALLED))).isTrue();
        Call marked = h.call(DIALLED).toBuilder().crmLinks(Map.of(CallStep.START.marker(), "2026-01-02T03:04:05Z"))
                .build();
        assertThat(HubSpotCallLog.announced(marked)).isTrue();
        assertThat(HubSpotCallLog.announced(marked.toBuilder().crmLinks(Map.of()).build())).isFalse();
    }
}
