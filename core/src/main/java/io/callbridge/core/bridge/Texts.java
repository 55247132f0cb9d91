package io.callbridge.core.bridge;

import java.util.Objects;

/** Text rules every adapter applies the same way to what it writes into a CRM. */
public final class Texts {
    private Texts() {
    }

    /**
     * {@code text} cut to at most {@code maxChars} UTF-16 units, never between the two halves of a surrogate pair (an
     * emoji in a note must not become an unpaired surrogate, which CRMs refuse or show as garbage).
     *
     * @param maxChars at least 1
     */
    public static String truncate(String text, int maxChars) {
        Objects.requireNonNull(text, "text");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1 but was " + maxChars);
        }
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
