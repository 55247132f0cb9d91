package io.callbridge.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks of link keys and invocation ids accept exactly what their regular expressions accept. */
class CheckLoopsTest {
    private static final Pattern LINK_KEY = Pattern.compile("[a-z][a-zA-Z0-9]*\\.[a-zA-Z0-9._-]{1,64}");
    private static final Pattern INVOCATION_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Test
    void linkKeysMatchTheRegexForEveryCharacterInEveryPart() {
        for (String key : candidates("hubspot.engagementId", 66)) {
            assertThat(CallCommand.LinkCrmArtefact.isLinkKey(key)).as("'%s'", key)
                    .isEqualTo(LINK_KEY.matcher(key).matches());
        }
    }

    @Test
    void invocationIdsMatchTheRegexForEveryCharacterAndLength() {
        for (String id : candidates("hubspot.outgoingCall.c-7f3a", 201)) {
            boolean accepted;
            try {
                new Invocation(id, "m", "{}", new Invocation.Target.AnyFrame(null), Duration.ofSeconds(1));
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertThat(accepted).as("'%s'", id).isEqualTo(INVOCATION_ID.matcher(id).matches());
        }
    }

    /** The seed with each character 0-383 at each position, cut and padded to lengths around the limits, and noise. */
    private static List<String> candidates(String seed, int longest) {
        List<String> out = new ArrayList<>(List.of("", ".", "a.", ".a", "a.b", "A.b", "ab", "a..", "a.b.c", "1.a"));
        for (int position = 0; position < seed.length(); position++) {
            for (char c = 0; c < 384; c++) {
                out.add(seed.substring(0, position) + c + seed.substring(position + 1));
            }
        }
        for (int length = longest - 3; length <= longest + 1; length++) {
            out.add(seed + "x".repeat(Math.max(0, length - seed.length())));
        }
        Random random = new Random(7);
        String alphabet = "aZ09._- .\t\u00e9\u0000~!";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(b.toString());
        }
        return out;
    }
}
