package io.callbridge.transport.websocket.internal.protocol;

import java.util.regex.Pattern;

/** Field checks shared by the frame records and the codec; each failure names the field. */
final class Checks {
    static final Pattern CRM = Pattern.compile("[a-z0-9]{1,32}");
    static final Pattern ROLE = Pattern.compile("[a-z0-9_-]{1,32}");
    /** Ids are the adapters' (invocations) or the bridge's (UI actions): printable ASCII without spaces. */
    static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private Checks() {
    }

    static String text(String field, String value, int maxLength) {
        if (value.isEmpty()) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, field, field + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, field,
                    field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String matching(String field, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, field, field + " must be " + what);
        }
        return value;
    }

    /**
     * What {@link #ID} matches, checked with a loop: ids are checked on every invocation, result and UI action, and a
     * regex matcher per check was a visible part of the server's allocation per frame.
     */
    static String id(String field, String value) {
        int n = value.length();
        boolean ok = n >= 1 && n <= 200;
        for (int i = 0; ok && i < n; i++) {
            char c = value.charAt(i);
            ok = c >= 0x21 && c <= 0x7E;
        }
        if (!ok) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, field,
                    field + " must be 1-200 printable ASCII characters without spaces");
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, field, field + " must not be negative");
        }
        return value;
    }
}
