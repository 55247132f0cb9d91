package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.DIALLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.CallOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call's steps go through core's Delivery with HubSpot's verdicts: what no frame answered is retried with backoff and
 * given up visibly after the last attempt, what the SDK refused is final at once, what found no frame waits for one, and
 * a frame that becomes ready sends what waited at once.
 */
class CallLaneDeliveryTest {
    private static final String ID = DIALLED.value();
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(8), 4);
    private static final String INIT = "INITIALIZED loggedIn=true available=true";
    /** What follows INITIALIZED for an available agent: the SDK's INITIALIZED carries no availability. */
    private static final String AVAILABLE = "USER_AVAILABLE";
    private static final String STARTED = "OUTGOING_CALL_STARTED " + ID + " to=+16175550142 createEngagement=true";

    private final Harness h = new Harness(HubSpotSettings.DEFAULTS.withRetry(POLICY));

    /** Logged in, one ready widget, the golden click-to-call announced; returns the widget's session. */
    private String callStarted() {
        h.logIn();
        String widget = h.readyFrame("widget");
        h.clickToCall(widget);
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED);
        return widget;
    }

    private int answeredAttempts() {
        return h.hub.attempts("CALL_ANSWERED").size();
    }

    @Test
    void aStepNoFrameAnswersBacksOffThenGivesUpWithAnErrorInHubSpotAndANoticeAndTheCallGoesOn() {
        callStarted();
        h.hub.fail("CALL_ANSWERED", InvocationResult.Kind.TIMEOUT, POLICY.maxAttempts());
        h.phone.answer(DIALLED, true);
        h.settle();
        assertThat(answeredAttempts()).isEqualTo(1);

        h.advance(Duration.ofMillis(1999));
        assertThat(answeredAttempts()).as("first backoff: 2 s").isEqualTo(1);
        h.advance(Duration.ofMillis(1));
        assertThat(answeredAttempts()).isEqualTo(2);
        h.advance(Duration.ofSeconds(4));
        assertThat(answeredAttempts()).as("then 4 s").isEqualTo(3);
        h.advance(Duration.ofSeconds(7));
        assertThat(answeredAttempts()).as("then 8 s").isEqualTo(3);
        assertThat(h.notices).isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(answeredAttempts()).isEqualTo(4);

        String expected = "HubSpot did not receive CALL_ANSWERED: no frame answered within PT10S (gave up after 4"
                + " attempts)";
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code, CoreEvent.AgentNotice::message,
                CoreEvent.AgentNotice::callId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hubspot.DELIVERY_FAILED", expected, DIALLED));
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "ERROR " + expected);
        assertThat(h.call(DIALLED).crmLinks()).containsKey("hubspot.answerFailed").doesNotContainKey("hubspot.answered");

        h.advance(Duration.ofMinutes(10));
        assertThat(answeredAttempts()).as("given up for good").isEqualTo(4);
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, "ERROR " + expected,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(h.hub.attempts("CALL_ANSWERED")).extracting(FakeHubSpot.Received::invocationId)
                .containsOnly("hubspot:" + ID + ":CALL_ANSWERED");
    }

    @Test
    void aStepTheSdkRefusesIsFinalAtOnceTheAgentIsToldAndTheCallGoesOn() {
        callStarted();
        h.hub.fail("CALL_ANSWERED", InvocationResult.Kind.CRM_ERROR, 1);
        h.phone.answer(DIALLED, true);
        h.settle();
        h.advance(Duration.ofMinutes(10));

        assertThat(answeredAttempts()).isEqualTo(1);
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code, CoreEvent.AgentNotice::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hubspot.DELIVERY_FAILED",
                        "HubSpot did not accept CALL_ANSWERED: SDK threw: CALL_ANSWERED refused"));
        // HubSpot refused it, so it knows; the notice reaches the agent's softphone, no ERROR is sent back.
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED);

        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
    }

    @Test
    void aFrameBecomingReadyCutsABackoffShortAndTheStepGoesAtOnce() {
        callStarted();
        h.hub.fail("CALL_ANSWERED", InvocationResult.Kind.TIMEOUT, 1);
        h.phone.answer(DIALLED, true);
        h.settle();
        assertThat(answeredAttempts()).isEqualTo(1);

        h.readyFrame("window"); // no time passes
        assertThat(answeredAttempts()).isEqualTo(2);
        assertThat(h.hub.messages()).containsExactly(INIT, AVAILABLE, STARTED, INIT, AVAILABLE, "CALL_ANSWERED " + ID);
        assertThat(h.notices).isEmpty();

        h.advance(Duration.ofMinutes(1));
        assertThat(answeredAttempts()).as("the cancelled backoff sends nothing more").isEqualTo(2);
    }

    @Test
    void aStepThatFoundNoFrameWaitsWithoutGivingUpAndGoesWhenAFrameIsReady() {
        String widget = callStarted();
        h.hub.hold(widget);
        h.phone.answer(DIALLED, true);
        h.settle();
        h.hub.leave(widget); // the page is gone with CALL_ANSWERED in flight: NO_FRAME, and the bridge stays
        h.settle();

        h.advance(Duration.ofHours(1));
        assertThat(h.notices).as("waiting for a frame is not an attempt").isEmpty();
        assertThat(answeredAttempts()).isZero();

        String window = h.readyFrame("window");
        assertThat(h.hub.messages(window)).containsExactly(INIT, AVAILABLE, "CALL_ANSWERED " + ID);
        assertThat(h.call(DIALLED).crmLinks()).containsKey("hubspot.answered");
    }

    @Test
    void aStepGivenUpIsNotOwedAgainByTheNextBridge() {
        String widget = callStarted();
        h.hub.fail("CALL_ANSWERED", InvocationResult.Kind.CRM_ERROR, 1);
        h.phone.answer(DIALLED, true);
        h.settle();
        h.hub.leave(widget);
        h.detach();

        FakeHubSpot next = h.attach();
        h.readyFrame("widget");
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(next.messages()).containsExactly(INIT, AVAILABLE,
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code).containsExactly("hubspot.DELIVERY_FAILED");
    }

    @Test
    void aStepTheCallMovedPastWhileBackingOffIsDroppedNotSentLate() {
        Harness inbound = new Harness(HubSpotSettings.DEFAULTS.withRetry(POLICY));
        inbound.hub.callerIdMatches = Harness.fixture("from-hubspot/CALLER_ID_MATCH_SUCCEEDED.json").get("data")
                .get("callerIdMatches").deepCopy();
        ((tools.jackson.databind.node.ArrayNode) inbound.hub.callerIdMatches).remove(1);
        inbound.logIn();
        inbound.readyFrame("remote");
        inbound.hub.fail("NAVIGATE_TO_RECORD", InvocationResult.Kind.TIMEOUT, 1);
        var id = inbound.ring("+16175550142");
        assertThat(inbound.hub.attempts("NAVIGATE_TO_RECORD")).hasSize(1);

        // The screen pop is only for a live call: once the caller hangs up, the retry would be too late.
        inbound.phone.end(id, io.callbridge.core.model.EndStatus.MISSED);
        inbound.settle();
        inbound.advance(Duration.ofMinutes(1));

        assertThat(inbound.hub.attempts("NAVIGATE_TO_RECORD")).hasSize(1);
        assertThat(inbound.hub.messages()).containsExactly(INIT, AVAILABLE,
                "INCOMING_CALL " + id + " from=+16175550142 createEngagement=true",
                "CALL_ENDED " + id + " engagement=5001 MISSED",
                "CALL_COMPLETED " + id + " engagement=5001 status=NO_ANSWER");
        assertThat(inbound.notices).isEmpty();
    }
}
