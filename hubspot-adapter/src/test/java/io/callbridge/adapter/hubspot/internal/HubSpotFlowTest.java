package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static io.callbridge.adapter.hubspot.internal.Harness.DIALLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.Presence;
import io.callbridge.testkit.FakePhoneSystem;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Whole flows through the real engine and the fake phone system, each checked against the exact sequence of SDK
 * messages HubSpot receives.
 */
class HubSpotFlowTest {
    private static final String INIT = "INITIALIZED loggedIn=true available=true";
    /** What follows INITIALIZED for an available agent: the SDK's INITIALIZED carries no availability. */
    private static final String AVAILABLE = "USER_AVAILABLE";
    private static final String ID = DIALLED.value();
    private static final String STARTED = "OUTGOING_CALL_STARTED " + ID + " to=+16175550142 createEngagement=true";
    private static final String OUTCOME_ID = "f240bbac-87c9-4f6e-bf70-924b57d47db7";

    @Test
    void outboundCallAnsweredAndCompletedWithNotesAndDisposition() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withDispositions(Map.of("connected", OUTCOME_ID)));
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        Call placed = h.call(DIALLED);
        h.phone.answer(DIALLED, true);
        h.settle();
        h.advance(Duration.ofSeconds(184));
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, new CallOutcome("connected", "Discussed renewal; send quote by Friday.",
                URI.create("https://recordings.example.com/calls/1.mp3")));

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");

        JsonNode started = h.hub.data("OUTGOING_CALL_STARTED");
        assertThat(started.get("dialingContext")).isEqualTo(Harness.dialNumberData());
        assertThat(started.get("fromNumber").asString()).isEqualTo("+16175550100");
        assertThat(started.get("callStartTime").asLong()).isEqualTo(placed.createdAt().toEpochMilli());

        JsonNode properties = h.hub.data("CALL_COMPLETED").get("engagementProperties");
        assertThat(properties.get("hs_timestamp").asLong()).isEqualTo(placed.createdAt().toEpochMilli());
        assertThat(properties.get("hs_call_body").asString()).isEqualTo("Discussed renewal; send quote by Friday.");
        assertThat(properties.get("hs_call_disposition").asString()).isEqualTo(OUTCOME_ID);
        assertThat(properties.get("hs_call_duration").asString()).isEqualTo("184000");
        assertThat(properties.get("hs_call_direction").asString()).isEqualTo("OUTBOUND");
        assertThat(properties.get("hs_call_status").asString()).isEqualTo("COMPLETED");
        assertThat(properties.get("hs_call_from_number").asString()).isEqualTo("+16175550100");
        assertThat(properties.get("hs_call_to_number").asString()).isEqualTo("+16175550142");
        assertThat(properties.get("hs_call_recording_url").asString())
                .isEqualTo("https://recordings.example.com/calls/1.mp3");
        // The SDK's types: without hs_call_source = INTEGRATIONS_PLATFORM the recording does not enter HubSpot's
        // recording and transcription pipeline.
        assertThat(properties.get("hs_call_source").asString()).isEqualTo("INTEGRATIONS_PLATFORM");
        assertThat(properties.get("hs_call_callee_object_id").asString()).isEqualTo("9001");
        assertThat(properties.get("hs_call_callee_object_type").asString()).isEqualTo("CONTACT");
        assertThat(properties.get("hubspot_owner_id").asString()).isEqualTo(Long.toString(FakeHubSpot.OWNER));
        assertThat(properties.get("hs_call_title").asString()).isEqualTo("Outbound call to +16175550142");

        // Invocation ids are idempotency keys derived from the call and the message.
        assertThat(h.hub.received()).extracting(FakeHubSpot.Received::invocationId)
                .contains("hubspot:" + ID + ":CALL_COMPLETED", "hubspot:" + ID + ":OUTGOING_CALL_STARTED");

        Call done = h.call(DIALLED);
        assertThat(done.record()).isEqualTo(new CrmRecordRef("hubspot", "CONTACT", "9001", null));
        assertThat(FakeHubSpot.JSON.readTree(done.crmContext().get("hubspot.dialingContext")))
                .isEqualTo(Harness.dialNumberData());
        assertThat(done.crmLinks()).containsEntry("hubspot.engagementId", "5001")
                .containsKeys("hubspot.started", "hubspot.answered", "hubspot.ended", "hubspot.completed");
        assertThat(h.phone.requestKinds(DIALLED)).containsExactly("placeCall", "hangUp");
    }

    @Test
    void outboundBusy() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        h.phone.script("+16175550142", FakePhoneSystem.Script.BUSY);
        h.clickToCall(frame);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ENDED " + ID + " engagement=5001 BUSY",
                "CALL_COMPLETED " + ID + " engagement=5001 status=BUSY");
        assertThat(h.hub.data("CALL_COMPLETED").get("engagementProperties").get("hs_call_duration").asString())
                .isEqualTo("0");
    }

    @Test
    void outboundNoAnswer() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        h.phone.script("+16175550142", FakePhoneSystem.Script.NO_ANSWER);
        h.clickToCall(frame);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ENDED " + ID + " engagement=5001 NO_ANSWER",
                "CALL_COMPLETED " + ID + " engagement=5001 status=NO_ANSWER");
    }

    @Test
    void hubSpotEndsTheCall() {
        Harness h = new Harness();
        String frame = h.connectedCallOn("widget");
        h.hub.event(frame, "END_CALL", "{\"externalCallId\":\"" + ID + "\"}");
        h.settle();
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(h.phone.requestKinds(DIALLED)).containsExactly("placeCall", "hangUp");
    }

    @Test
    void engagementCreationFailureIsShownAndTheCallCompletesWithoutAnEngagement() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.FAIL;
        String frame = h.connectedCallOn("widget");
        h.hangUp(DIALLED);

        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code, CoreEvent.AgentNotice::message,
                CoreEvent.AgentNotice::callId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hubspot.CREATE_ENGAGEMENT_FAILED",
                        "Contact 9001 was deleted.", DIALLED));
        h.wrapUp(DIALLED, CallOutcome.NONE);

        // HubSpot's widget learns that a call ended only from CALL_ENDED, and the SDK posts it as given: so it goes
        // without an engagement id, at once (no wait for a timeout when HubSpot said no engagement will come).
        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=none COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=none status=COMPLETED");
        assertThat(h.hub.data("CALL_ENDED").has("engagementId")).isFalse();
        assertThat(h.call(DIALLED).crmLinks()).containsEntry("hubspot.engagementFailed", "Contact 9001 was deleted.");
    }

    @Test
    void completionWaitsForTheEngagementIdUntilTheTimeout() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE;
        String frame = h.connectedCallOn("widget");
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "CALL_ANSWERED " + ID);

        h.advance(Duration.ofSeconds(29));
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "CALL_ANSWERED " + ID);

        h.advance(Duration.ofSeconds(1));
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=none COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=none status=COMPLETED");

        // An engagement id that turns up after the completion changes nothing.
        h.hub.event(frame, "CREATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":777}");
        h.advance(Duration.ofMinutes(5));
        assertThat(h.hub.messages()).hasSize(6);
    }

    @Test
    void aLateEngagementIdStillEndsAndCompletesTheCall() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE;
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        h.advance(Duration.ofSeconds(10));
        h.hub.event(frame, "ENGAGEMENT_CREATED", "{\"engagementId\":777}");
        h.settle();

        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED,
                "CALL_ENDED " + ID + " engagement=777 CANCELED",
                "CALL_COMPLETED " + ID + " engagement=777 status=CANCELED");
    }

    @Test
    void inboundWithOneCallerIdMatchNavigatesToTheRecord() {
        Harness h = new Harness();
        h.hub.callerIdMatches = matches(1);
        h.logIn();
        h.readyFrame("remote");
        CallId id = h.ring("+16175550142");
        h.execute(new CallCommand.Answer(AGENT, id));
        h.hangUp(id);
        h.wrapUp(id, new CallOutcome(null, "Called back about the quote.", null));

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "NAVIGATE_TO_RECORD 0-1/9001",
                "CALL_ANSWERED " + id,
                "CALL_ENDED " + id + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + id + " engagement=5001 status=COMPLETED");
        assertThat(h.hub.data("NAVIGATE_TO_RECORD").get("objectCoordinates").get("portalId").asLong())
                .isEqualTo(FakeHubSpot.PORTAL);
        assertThat(h.call(id).record()).isEqualTo(new CrmRecordRef("hubspot", "CONTACT", "9001", "Jordan Lee"));
        JsonNode properties = h.hub.data("CALL_COMPLETED").get("engagementProperties");
        assertThat(properties.get("hs_call_direction").asString()).isEqualTo("INBOUND");
        assertThat(properties.get("hs_call_callee_object_id").asString()).isEqualTo("9001");
        assertThat(properties.get("hs_call_title").asString()).isEqualTo("Call with Jordan Lee");
        assertThat(properties.get("hs_call_body").asString()).isEqualTo("Called back about the quote.");
        assertThat(h.hub.ui()).isEmpty();
    }

    @Test
    void inboundWithSeveralMatchesShowsTheListAndDoesNotNavigate() {
        Harness h = new Harness();
        h.hub.callerIdMatches = matches(2);
        h.logIn();
        h.readyFrame("remote");
        CallId id = h.ring("+16175550142");
        h.execute(new CallCommand.Answer(AGENT, id));
        h.hangUp(id);
        h.wrapUp(id, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "CALL_ANSWERED " + id,
                "CALL_ENDED " + id + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + id + " engagement=5001 status=COMPLETED");
        assertThat(h.call(id).record()).isNull();
        assertThat(h.hub.ui()).hasSize(2);
        assertThat(h.hub.ui().get(0).getKey()).isEqualTo("hubspot.callerIdMatches");
        JsonNode published = FakeHubSpot.JSON.readTree(h.hub.ui().get(0).getValue());
        assertThat(published.get("callId").asString()).isEqualTo(id.value());
        assertThat(published.get("callerIdMatches")).isEqualTo(matches(2));
        // Cleared once the call is over, so a stale choice is never offered.
        assertThat(h.hub.ui().get(1)).isEqualTo(Map.entry("hubspot.callerIdMatches", "null"));
        assertThat(h.hub.data("CALL_COMPLETED").get("engagementProperties").has("hs_call_callee_object_id"))
                .isFalse();
    }

    @Test
    void inboundWithSeveralMatchesCanBeSetToNavigateToTheFirst() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withMultipleMatches(
                HubSpotSettings.MultipleMatches.NAVIGATE_TO_FIRST));
        h.hub.callerIdMatches = matches(2);
        h.logIn();
        h.readyFrame("remote");
        CallId id = h.ring("+16175550142");

        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "NAVIGATE_TO_RECORD 0-1/9001");
        assertThat(h.hub.ui()).hasSize(1);
    }

    @Test
    void inboundWithNoMatch() {
        Harness h = new Harness();
        h.hub.callerIdMatches = FakeHubSpot.JSON.createArrayNode();
        h.logIn();
        h.readyFrame("remote");
        CallId id = h.ring("+16175550142");
        h.execute(new CallCommand.Answer(AGENT, id));
        h.hangUp(id);
        h.wrapUp(id, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "CALL_ANSWERED " + id,
                "CALL_ENDED " + id + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + id + " engagement=5001 status=COMPLETED");
        assertThat(h.hub.ui()).isEmpty();
    }

    @Test
    void inboundMissed() {
        Harness h = new Harness();
        h.logIn();
        h.readyFrame("widget");
        CallId id = h.ring("+16175550142");
        h.phone.end(id, EndStatus.MISSED);
        h.settle();
        // No wrap-up by the agent: core wraps a missed call up by itself (CoreSettings.autoWrapUp).

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "CALL_ENDED " + id + " engagement=5001 MISSED",
                "CALL_COMPLETED " + id + " engagement=5001 status=NO_ANSWER");
    }

    @Test
    void inboundRejected() {
        Harness h = new Harness();
        h.logIn();
        h.readyFrame("widget");
        CallId id = h.ring("+16175550142");
        h.execute(new CallCommand.Reject(AGENT, id));
        h.settle();
        // No wrap-up by the agent: core wraps a declined call up by itself (CoreSettings.autoWrapUp).

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "CALL_ENDED " + id + " engagement=5001 REJECTED",
                "CALL_COMPLETED " + id + " engagement=5001 status=CANCELED");
    }

    @Test
    void transfer() {
        Harness h = new Harness();
        String frame = h.connectedCallOn("widget");
        h.execute(new CallCommand.Transfer(AGENT, DIALLED, "+16175550199"));
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(
                INIT, AVAILABLE,
                STARTED,
                "CALL_ANSWERED " + ID,
                "CALL_TRANSFERRED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
    }

    @Test
    void finalizeEngagementWhenConfigured() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withFinalizeEngagement(true));
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED,
                "CALL_ENDED " + ID + " engagement=5001 CANCELED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=CANCELED",
                "FINALIZE_ENGAGEMENT " + ID + " engagement=5001");
    }

    @Test
    void whenTheDrivingFrameGoesAwayMidCallAnotherTakesOverWithoutLossOrRepeat() {
        Harness h = new Harness();
        h.logIn();
        String widget = h.readyFrame("widget");
        String window = h.readyFrame("window");
        h.clickToCall(widget);
        h.hub.hold(widget); // CALL_ANSWERED will be in flight on the widget when it goes
        h.phone.answer(DIALLED, true);
        h.settle();
        assertThat(h.hub.messages(widget)).containsExactly(INIT, AVAILABLE, STARTED);

        h.hub.leave(widget);
        h.settle();
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages(widget)).containsExactly(INIT, AVAILABLE, STARTED);
        assertThat(h.hub.messages(window)).containsExactly(INIT, AVAILABLE,
                "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        // The transport's retry reused the id: HubSpot can tell a repeat from a new message.
        assertThat(h.hub.received()).filteredOn(r -> r.type().equals("CALL_ANSWERED"))
                .extracting(FakeHubSpot.Received::invocationId).containsExactly("hubspot:" + ID + ":CALL_ANSWERED");
    }

    @Test
    void whenTheOnlyFrameReloadsMidCallTheNewOneGetsWhatWasPending() {
        Harness h = new Harness();
        h.logIn();
        String first = h.readyFrame("widget");
        h.clickToCall(first);
        h.hub.hold(first);
        h.phone.answer(DIALLED, true);
        h.settle();
        FakeHubSpot before = h.hub;
        before.leave(first); // NO_FRAME for the CALL_ANSWERED in flight
        h.detach();

        h.attach();
        String second = h.readyFrame("widget");
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(before.messages()).containsExactly(INIT, AVAILABLE, STARTED);
        assertThat(h.hub.messages(second)).containsExactly(INIT, AVAILABLE,
                "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
    }

    @Test
    void aFullReattachAfterWrapUpCompletesTheCallExactlyOnce() {
        Harness h = new Harness();
        String first = h.connectedCallOn("widget");
        h.hangUp(DIALLED);
        h.hub.hold(first); // the completion is in flight when the page goes
        h.wrapUp(DIALLED, CallOutcome.NONE);
        FakeHubSpot before = h.hub;
        before.leave(first);
        h.detach();
        assertThat(h.call(DIALLED).crmLinks()).doesNotContainKey("hubspot.completed");

        FakeHubSpot second = h.attach();
        h.readyFrame("widget");
        FakeHubSpot third;
        h.hub.leave(h.hub.frames().get(0).sessionId());
        h.detach();
        third = h.attach();
        h.readyFrame("remote");

        assertThat(before.messages()).containsExactly(INIT, AVAILABLE, STARTED, "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED");
        assertThat(second.messages()).containsExactly(INIT, AVAILABLE,
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(third.messages()).containsExactly(INIT, AVAILABLE);
        assertThat(h.call(DIALLED).crmLinks()).containsKey("hubspot.completed");
        assertThat(h.call(DIALLED).state()).isEqualTo(CallState.WRAPPED_UP);
    }

    @Test
    void aCallPlacedWhileNoFrameWasReadyIsAnnouncedWhenOneIs() {
        Harness h = new Harness();
        h.logIn();
        h.execute(new io.callbridge.core.command.Dial(AGENT, Harness.number("+16175550142"), null,
                CallId.of("vendor-1"), null, Map.of()));
        assertThat(h.hub.messages()).isEmpty();

        h.readyFrame("widget");
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE,
                "OUTGOING_CALL_STARTED vendor-1 to=+16175550142 createEngagement=true");
    }

    @Test
    void agentStateReachesEveryFrameAndTheWidgetIsSized() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withWidgetSize(
                new io.callbridge.adapter.hubspot.message.SizeInfo(320, 600)));
        String widget = h.readyFrame("widget");
        String remote = h.readyFrame("remote");
        h.logIn();
        h.execute(new AgentCommand.SetPresence(AGENT, Presence.away("lunch")));
        h.execute(new AgentCommand.SetPresence(AGENT, Presence.AVAILABLE));
        h.execute(new AgentCommand.LogOut(AGENT));

        assertThat(h.hub.messages(widget)).containsExactly("INITIALIZED loggedIn=false available=false",
                "RESIZE_WIDGET 320x600", "LOGGED_IN", "USER_AVAILABLE", "USER_UNAVAILABLE", "USER_AVAILABLE",
                "LOGGED_OUT");
        assertThat(h.hub.messages(remote)).containsExactly("INITIALIZED loggedIn=false available=false",
                "LOGGED_IN", "USER_AVAILABLE", "USER_UNAVAILABLE", "USER_AVAILABLE", "LOGGED_OUT");
        assertThat(h.hub.received().get(0).data().get("sizeInfo").get("width").asInt()).isEqualTo(320);
    }

    @Test
    void aPhoneSystemFailureIsShownInHubSpot() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        h.phone.script("+16175550142", FakePhoneSystem.Script.REFUSE);
        h.clickToCall(frame);

        // Refused at once, before the phone system said which number calls: HubSpot is never told of a call without
        // its required fromNumber, and the refusal is shown where the user clicked.
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE,
                "ERROR The phone system could not place the call: number +16175550142 is barred");
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.attempts("OUTGOING_CALL_STARTED")).isEmpty();
        assertThat(h.hub.attempts("CALL_COMPLETED")).isEmpty();
    }

    @Test
    void aCallWhosePhoneSystemNamesNoCallingNumberIsAnnouncedWithTheConfiguredFallback() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withFallbackFromNumber("+14155550000"));
        h.phone.callerId(null);
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        h.phone.answer(DIALLED, true);
        h.settle();
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(h.hub.data("OUTGOING_CALL_STARTED").get("fromNumber").asString()).isEqualTo("+14155550000");
        assertThat(h.hub.data("CALL_COMPLETED").get("engagementProperties").get("hs_call_from_number").asString())
                .isEqualTo("+14155550000");
    }

    @Test
    void anAnsweredCallThatNobodyNamedACallingNumberForIsReportedNotAnnouncedEmpty() {
        Harness h = new Harness();
        h.phone.callerId(null);
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        h.settle();
        // Dialling without a number: the announcement waits for one, as the number may still come.
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE);

        h.phone.answer(DIALLED, true);
        h.settle();

        // Answered and still no number: never an OUTGOING_CALL_STARTED without its required fromNumber, but never
        // silence either. Told once, in HubSpot and in the softphone.
        String error = "ERROR This call cannot be logged in HubSpot: the phone system did not say which number is"
                + " calling (fromNumber)";
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, error);
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code).containsExactly("hubspot.NO_CALLING_NUMBER");
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.attempts("OUTGOING_CALL_STARTED")).isEmpty();
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, error);
    }

    @Test
    void aDialWhileLoggedOutIsRefusedVisibly() {
        Harness h = new Harness();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);

        assertThat(h.engine.calls(AGENT)).isEmpty();
        assertThat(h.hub.messages()).hasSize(2);
        assertThat(h.hub.messages().get(1)).startsWith("ERROR Could not call +1 (617) 555-0142: ");
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code).containsExactly("hubspot.DIAL_NUMBER_REJECTED");
    }

    @Test
    void hubSpotFailuresReachTheAgentWithHubSpotsReason() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        h.hub.event(frame, "UPDATE_ENGAGEMENT_FAILED", "{\"error\":{\"message\":\"Disposition is unknown\"}}");
        h.hub.event(frame, "NAVIGATE_TO_RECORD_FAILED", "{}");
        h.hub.event(frame, "FAILED", "{\"message\":\"Something broke\"}");
        h.settle();

        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code, CoreEvent.AgentNotice::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hubspot.UPDATE_ENGAGEMENT_FAILED",
                                "Disposition is unknown"),
                        org.assertj.core.groups.Tuple.tuple("hubspot.NAVIGATE_TO_RECORD_FAILED",
                                "HubSpot reported NAVIGATE_TO_RECORD_FAILED"),
                        org.assertj.core.groups.Tuple.tuple("hubspot.FAILED", "Something broke"));
        // HubSpot's own failures are not sent back to it as errors.
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE);
    }

    @Test
    void visibilityChangesArePublishedToTheSoftphone() {
        Harness h = new Harness();
        String frame = h.readyFrame("widget");
        h.hub.event(frame, "VISIBILITY_CHANGED", "{\"isMinimized\":true,\"isHidden\":false}");
        h.settle();

        assertThat(h.hub.ui()).hasSize(1);
        assertThat(h.hub.ui().get(0).getKey()).isEqualTo("hubspot.visibility");
        assertThat(FakeHubSpot.JSON.readTree(h.hub.ui().get(0).getValue()).get("isMinimized").asBoolean()).isTrue();
    }

    private static ArrayNode matches(int count) {
        JsonNode all = Harness.fixture("from-hubspot/CALLER_ID_MATCH_SUCCEEDED.json").get("data")
                .get("callerIdMatches");
        ArrayNode out = FakeHubSpot.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            out.add(all.get(i));
        }
        return out;
    }

    /** HubSpot's END_CALL for a call that already ended arrives late: the agent's newer call goes on. */
    @Test
    void aLateEndCallNamingAnEndedCallLeavesTheNewerCallAlone() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        h.clickToCall(frame);
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        tools.jackson.databind.node.ObjectNode second = (tools.jackson.databind.node.ObjectNode)
                Harness.dialNumberData().deepCopy();
        second.put("startTimestamp", 1763740900000L);
        h.hub.event(frame, "DIAL_NUMBER", second.toString());
        h.settle();
        Call newer = h.engine.calls(AGENT).stream().filter(c -> !c.id().equals(DIALLED)).findFirst().orElseThrow();
        h.phone.answer(newer.id(), true);
        h.settle();

        h.hub.event(frame, "END_CALL", "{\"externalCallId\":\"" + ID + "\"}");
        h.settle();

        assertThat(h.call(newer.id()).state()).isEqualTo(CallState.CONNECTED);
        h.hub.event(frame, "END_CALL", "{}");
        h.settle();
        assertThat(h.call(newer.id()).state()).isEqualTo(CallState.ENDED);
    }

    /**
     * The SDK's INITIALIZED type carries no isAvailable (only isLoggedIn and engagementId), so a reloaded or new frame
     * is told the agent's availability explicitly right after it.
     */
    @Test
    void initializedIsFollowedByTheAgentsAvailability() {
        Harness h = new Harness();
        h.logIn();
        String available = h.readyFrame("widget");
        h.execute(new AgentCommand.SetPresence(AGENT, Presence.away("lunch")));
        String away = h.readyFrame("window");

        assertThat(h.hub.messages(available)).startsWith(INIT, "USER_AVAILABLE");
        assertThat(h.hub.messages(away)).containsExactly("INITIALIZED loggedIn=true available=false",
                "USER_UNAVAILABLE");
    }
}
