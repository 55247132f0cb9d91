package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * HubSpot answers every OUTGOING_CALL_STARTED of every frame and tab with CREATE_ENGAGEMENT_SUCCEEDED, so engagements
 * that match no call of this bridge are routine: one WARN per agent bridge says so, the rest go to DEBUG.
 */
class UnmatchedEngagementLogTest {
    @Test
    void anEngagementForNoCallIsWarnedOncePerBridgeThenOnlyAtDebug() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple, the tests' binding, writes to whatever System.err is at the time of each message.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 3; i++) {
                h.hub.event(frame, "CREATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":" + (900 + i) + "}");
                h.settle();
            }
        } finally {
            System.setErr(original);
        }

        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(Arrays.stream(lines).filter(l -> l.contains("WARN") && l.contains("belongs to no call")))
                .hasSize(1);
        assertThat(h.notices).isEmpty();
    }
}
