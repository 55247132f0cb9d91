package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.command.NotifyAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors shown in HubSpot: in order, once a frame is ready, the newest kept, retried like any owed message. */
class ErrorLaneTest {
    private static final String INIT = "INITIALIZED loggedIn=false available=false";
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(8), 3);

    private final Harness h = new Harness(HubSpotSettings.DEFAULTS.withRetry(POLICY));

    private void notice(String message) {
        h.execute(new NotifyAgent(AGENT, "provider.failure", message, null));
    }

    @Test
    void errorsRaisedBeforeAnyFrameIsReadyAreShownInOrderOnceOneIsAndOnlyTheNewest() {
        List<String> expected = new ArrayList<>(List.of(INIT));
        for (int i = 1; i <= ErrorLane.MAX_QUEUED + 5; i++) {
            notice("failure " + i);
            if (i > 5) {
                expected.add("ERROR failure " + i);
            }
        }
        assertThat(h.hub.messages()).isEmpty();

        h.readyFrame("widget");

        assertThat(h.hub.messages()).containsExactlyElementsOf(expected);
    }

    @Test
    void anErrorNoFrameAnsweredIsRetriedWithBackoffAndTheNextWaitsItsTurn() {
        h.readyFrame("widget");
        h.hub.fail("ERROR", InvocationResult.Kind.TIMEOUT, 1);
        notice("first");
        notice("second");
        assertThat(h.hub.messages()).containsExactly(INIT);

        h.advance(Duration.ofSeconds(2));
        assertThat(h.hub.messages()).containsExactly(INIT, "ERROR first", "ERROR second");
    }

    @Test
    void anErrorThatCannotBeShownIsDroppedAfterTheLastAttemptWithoutAnotherNotice() {
        h.readyFrame("widget");
        h.hub.fail("ERROR", InvocationResult.Kind.TIMEOUT, POLICY.maxAttempts());
        notice("lost");
        notice("shown");
        h.advance(Duration.ofMinutes(1));

        assertThat(h.hub.attempts("ERROR")).extracting(FakeHubSpot.Received::summary)
                .containsExactly("ERROR lost", "ERROR lost", "ERROR lost", "ERROR shown");
        assertThat(h.hub.messages()).containsExactly(INIT, "ERROR shown");
        assertThat(h.notices).extracting(n -> n.code()).containsExactly("provider.failure", "provider.failure");
    }

    @Test
    void anErrorGoesToTheFrameWhereTheUserActedWhileItIsReady() {
        String widget = h.readyFrame("widget");
        String window = h.readyFrame("window"); // now the most recently active
        h.clickToCall(widget); // logged out: core refuses the dial, shown where the click came from

        assertThat(h.hub.messages(widget)).hasSize(2).last().asString().startsWith("ERROR Could not call ");
        assertThat(h.hub.messages(window)).containsExactly(INIT);
    }
}
