package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.command.Dial;
import io.callbridge.core.model.CallId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ids the adapter gives its invocations are idempotency keys derived from the call or frame and the message, the
 * same in every bridge instance: plain while the protocol takes them ({@code Invocation.isValidId}, 200 printable
 * characters), else with the call id hashed.
 */
class InvocationIdTest {
    /** The longest call id that still fits {@code hubspot:<id>:OUTGOING_CALL_STARTED} in 200 characters. */
    private static final int LONGEST_PLAIN = 200 - "hubspot:".length() - ":OUTGOING_CALL_STARTED".length();

    @Test
    void callMessagesAreKeyedByCallAndTypeAndFrameMessagesBySessionTypeAndCount() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        String plain = "c".repeat(LONGEST_PLAIN);
        dial(h, plain);

        assertThat(h.hub.received()).extracting(FakeHubSpot.Received::invocationId).containsExactly(
                "hubspot:" + frame + ":INITIALIZED:1", "hubspot:" + frame + ":USER_AVAILABLE:2",
                "hubspot:" + plain + ":OUTGOING_CALL_STARTED");
    }

    @Test
    void aCallIdTooLongForAPlainIdIsHashed() throws Exception {
        Harness h = new Harness();
        h.logIn();
        h.readyFrame("widget");
        String longer = "c".repeat(LONGEST_PLAIN + 1);
        dial(h, longer);

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(longer.getBytes(StandardCharsets.UTF_8)));
        assertThat(h.hub.received().get(2).invocationId()).isEqualTo("hubspot:" + hash + ":OUTGOING_CALL_STARTED");
    }

    private static void dial(Harness h, String callId) {
        h.execute(new Dial(Harness.AGENT, Harness.number("+16175550142"), null, CallId.of(callId), null, Map.of()));
    }
}
