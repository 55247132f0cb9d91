package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.DIALLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A page that completed HubSpot's handshake loses its socket and opens a new session without a reload (network blip,
 * server restart). The SDK raises READY only once per page, so the new session brings no READY: its hello says the
 * page is past the handshake, and HubSpot must go on hearing about the calls through it.
 */
class HubSpotReconnectTest {
    private static final String ID = DIALLED.value();
    private static final String INIT = "INITIALIZED loggedIn=true available=true";
    /** What follows INITIALIZED for an available agent: the SDK's INITIALIZED carries no availability. */
    private static final String AVAILABLE = "USER_AVAILABLE";

    @Test
    void afterTheOnlySocketDropsAndComesBackHubSpotHearsTheRestOfTheCallAndTheNextDial() {
        Harness h = new Harness();
        String first = h.connectedCallOn("widget");
        FakeHubSpot.Page page = h.hub.drop(first);
        h.detach(); // the agent's last socket went: the transport closes the bridge

        h.attach();
        String second = h.hub.rejoin(page); // no READY: the page did its handshake before
        h.settle();
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages(second)).containsExactly(
                // The page ran INITIALIZED already; what HubSpot may have missed meanwhile is stated again.
                "LOGGED_IN", "USER_AVAILABLE",
                "CALL_ENDED " + ID + " engagement=5001 COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=5001 status=COMPLETED");
        assertThat(h.call(DIALLED).state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(h.hub.callMessagesBeforeInitialized()).isEmpty();
    }

    @Test
    void aNewSessionOfAHandshakenPageOnALiveBridgeTakesTheNextDial() {
        Harness h = new Harness();
        h.logIn();
        String widget = h.readyFrame("widget");
        String window = h.readyFrame("window");
        String again = h.hub.reconnect(widget); // the window keeps the bridge alive
        h.settle();
        h.clickToCall(again);

        assertThat(h.hub.messages(again)).first().isEqualTo("LOGGED_IN");
        assertThat(h.hub.messages(again)).contains(
                "OUTGOING_CALL_STARTED " + ID + " to=+16175550142 createEngagement=true");
        assertThat(h.hub.messages(window)).doesNotContain(
                "OUTGOING_CALL_STARTED " + ID + " to=+16175550142 createEngagement=true");
    }

    @Test
    void aPageThatLostItsSocketBeforeInitializedGetsItOnTheNewSession() {
        Harness h = new Harness();
        h.logIn();
        String first = h.hub.join("widget");
        h.hub.hold(first); // INITIALIZED stays in flight
        h.hub.ready(first);
        h.settle();
        String second = h.hub.reconnect(first);
        h.settle();

        assertThat(h.hub.messages(second)).containsExactly(INIT, AVAILABLE);
    }

    /**
     * A reload races CREATE_ENGAGEMENT_SUCCEEDED: the SDK posts it into the reloading frame, where it is lost. The next
     * SYNC (so READY) names the engagement, which links the call: CALL_ENDED goes, CALL_COMPLETED carries the id.
     */
    @Test
    void theEngagementIdInTheReloadedFramesSyncRelinksTheCall() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE; // the success went into the frame that was reloading
        h.logIn();
        String first = h.readyFrame("widget");
        h.clickToCall(first);
        h.hub.leave(first);
        String reloaded = h.hub.join("widget");
        h.hub.ready(reloaded, 7007L);
        h.settle();
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages(reloaded)).containsExactly(INIT, "USER_AVAILABLE",
                "CALL_ENDED " + ID + " engagement=7007 CANCELED",
                "CALL_COMPLETED " + ID + " engagement=7007 status=CANCELED");
    }

    /**
     * The frame reloads right after it passed OUTGOING_CALL_STARTED on: HubSpot's CREATE_ENGAGEMENT_SUCCEEDED goes into
     * the page that is going, or HubSpot's own frame manager drops it while the new page has not answered SYNC, and
     * the new SYNC names no engagement (the browser test's host does exactly this). HubSpot never says it again, so the
     * call must not wait for it: CALL_ENDED as the call ends and CALL_COMPLETED after the wrap-up, both without an id.
     * Before, both waited {@code engagementIdTimeout} (30 s) after the end.
     */
    @Test
    void aReloadThatLostTheEngagementAndASyncNamingNoneEndsAndCompletesTheCallWithoutWaiting() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE; // the success went into the frame that was reloading
        h.logIn();
        String first = h.readyFrame("widget");
        h.clickToCall(first);
        h.hub.leave(first);
        String reloaded = h.hub.join("widget");
        h.hub.ready(reloaded); // the reloaded page's SYNC names no engagement
        h.settle();
        h.phone.answer(DIALLED, true);
        h.settle();
        h.hangUp(DIALLED);

        assertThat(h.hub.messages(reloaded)).containsExactly(INIT, AVAILABLE, "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=none COMPLETED");
        h.wrapUp(DIALLED, CallOutcome.NONE);
        assertThat(h.hub.messages(reloaded)).containsExactly(INIT, AVAILABLE, "CALL_ANSWERED " + ID,
                "CALL_ENDED " + ID + " engagement=none COMPLETED",
                "CALL_COMPLETED " + ID + " engagement=none status=COMPLETED");
        assertThat(h.call(DIALLED).crmLinks()).containsKey(CallScript.ENGAGEMENT_LOST);
        // Nothing further, however long one waits.
        h.advance(Duration.ofMinutes(2));
        assertThat(h.hub.messages(reloaded)).hasSize(5);
    }

    /** HubSpot slower than the reload: its answer reaches the new page after all and is used. */
    @Test
    void anEngagementThatReachesTheReloadedPageAfterItsSyncIsStillUsed() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE;
        h.logIn();
        String first = h.readyFrame("widget");
        h.clickToCall(first);
        h.hub.leave(first);
        String reloaded = h.hub.join("widget");
        h.hub.ready(reloaded);
        h.settle();
        h.hub.event(reloaded, "CREATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":7008}");
        h.settle();
        h.hangUp(DIALLED);
        h.wrapUp(DIALLED, CallOutcome.NONE);

        assertThat(h.hub.messages(reloaded)).containsExactly(INIT, AVAILABLE,
                "CALL_ENDED " + ID + " engagement=7008 CANCELED",
                "CALL_COMPLETED " + ID + " engagement=7008 status=CANCELED");
    }

    /**
     * Another frame's page load says nothing about what HubSpot posted to the frame that announced the call: that one
     * is still there and its engagement may still come, so the call goes on waiting for it.
     */
    @Test
    void aNewPageInAnotherLocationDoesNotGiveUpTheEngagementOfTheWidgetsCall() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE;
        h.logIn();
        String widget = h.readyFrame("widget");
        h.clickToCall(widget);
        h.readyFrame("window");
        h.hangUp(DIALLED);

        assertThat(h.call(DIALLED).crmLinks()).doesNotContainKey(CallScript.ENGAGEMENT_LOST);
        assertThat(h.hub.messages()).noneMatch(m -> m.startsWith("CALL_ENDED"));
        h.hub.event(widget, "CREATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":7009}");
        h.settle();
        assertThat(h.hub.messages()).contains("CALL_ENDED " + ID + " engagement=7009 CANCELED");
    }

    /**
     * The reload comes while OUTGOING_CALL_STARTED is out: the old page ran it and kept its outcome, the new page
     * answers the re-sent invocation from that (no second announcement), and HubSpot's answer went into the old page.
     */
    @Test
    void aReloadWhileTheAnnouncementIsOutAlsoStopsTheWaitOnceItIsDeliveredThroughThatLocation() {
        Harness h = new Harness();
        h.hub.engagements = FakeHubSpot.Engagements.NONE;
        h.logIn();
        String first = h.readyFrame("widget");
        String second = h.readyFrame("remote"); // keeps the bridge; not where the call is announced
        h.hub.hold(second);
        h.hub.hold(first); // OUTGOING_CALL_STARTED stays in flight on the widget
        h.clickToCall(first);
        String reloaded = h.hub.join("widget");
        h.hub.ready(reloaded); // the widget's new page, while the old one still holds the announcement
        h.settle();
        h.hub.release(first);
        h.settle();
        h.hub.leave(first);
        h.hangUp(DIALLED);

        assertThat(h.call(DIALLED).crmLinks()).containsKey(CallScript.ENGAGEMENT_LOST);
        assertThat(h.hub.messages()).contains("CALL_ENDED " + ID + " engagement=none CANCELED");
        h.hub.release(second);
    }

    @Test
    void anEngagementIdInSyncThatACallAlreadyHasLinksNothingElse() {
        Harness h = new Harness();
        h.logIn();
        String first = h.readyFrame("widget");
        h.clickToCall(first); // engagement 5001
        h.hub.leave(first);
        String reloaded = h.hub.join("widget");
        h.hub.ready(reloaded, 5001L);
        h.settle();

        assertThat(h.call(DIALLED).crmLinks()).containsEntry(CallScript.ENGAGEMENT_ID, "5001");
        assertThat(h.notices).isEmpty();
    }
}
