package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each frame's own messages: to that frame only, retried with backoff while it lives, never given up. */
class FrameLaneTest {
    private static final String INIT = "INITIALIZED loggedIn=false available=false";
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(4), 2);

    private final Harness h = new Harness(HubSpotSettings.DEFAULTS.withRetry(POLICY));

    @Test
    void initializedThatTheFrameDoesNotAnswerGoesAgainToThatFrameWithBackoffBeyondTheAttemptsOfOwedMessages() {
        String remote = h.readyFrame("remote");
        h.hub.fail("INITIALIZED", InvocationResult.Kind.TIMEOUT, 3);
        String widget = h.readyFrame("widget");
        assertThat(h.hub.attempts("INITIALIZED")).hasSize(2);

        h.advance(Duration.ofMillis(1999));
        assertThat(h.hub.attempts("INITIALIZED")).hasSize(2);
        h.advance(Duration.ofMillis(1));
        assertThat(h.hub.attempts("INITIALIZED")).as("after 2 s").hasSize(3);
        h.advance(Duration.ofSeconds(4));
        assertThat(h.hub.attempts("INITIALIZED")).as("after 4 s more").hasSize(4);
        h.advance(Duration.ofSeconds(4));
        assertThat(h.hub.attempts("INITIALIZED")).as("after the longest backoff, 4 s, and more than maxAttempts")
                .hasSize(5);

        assertThat(h.hub.messages(widget)).containsExactly(INIT);
        assertThat(h.hub.messages(remote)).containsExactly(INIT);
        assertThat(h.hub.attempts("INITIALIZED")).extracting(FakeHubSpot.Received::invocationId).containsExactly(
                "hubspot:" + remote + ":INITIALIZED:1", "hubspot:" + widget + ":INITIALIZED:1",
                "hubspot:" + widget + ":INITIALIZED:2", "hubspot:" + widget + ":INITIALIZED:3",
                "hubspot:" + widget + ":INITIALIZED:4");
        assertThat(h.notices).isEmpty();

        h.advance(Duration.ofMinutes(5));
        assertThat(h.hub.attempts("INITIALIZED")).as("told once it answered").hasSize(5);
    }

    @Test
    void aFrameThatLeavesIsNotRetried() {
        h.hub.fail("INITIALIZED", InvocationResult.Kind.TIMEOUT, 1);
        String widget = h.readyFrame("widget");
        h.hub.leave(widget);
        h.settle();
        h.advance(Duration.ofMinutes(1));

        assertThat(h.hub.attempts("INITIALIZED")).hasSize(1);
    }
}
