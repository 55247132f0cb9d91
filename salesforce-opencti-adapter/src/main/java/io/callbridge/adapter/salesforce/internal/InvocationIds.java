package io.callbridge.adapter.salesforce.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Invocation ids: {@code <base>:<step>}, where the base is a call id (for a call's side effects) or a frame's session
 * id. Derived, never random, so that a retry, a re-attach or another node sends the same id for the same side effect.
 */
final class InvocationIds {
    /** The bridge protocol allows at most this many characters in an id, all printable ASCII but the space. */
    private static final int MAX_LENGTH = 200;

    private InvocationIds() {
    }

    static String of(String base, String step) {
        String id = base + ":" + step;
        if (allowed(id)) {
            return id;
        }
        // Call ids may be up to 255 characters and session ids are the transport's: a digest keeps the id short and
        // plain, and still derived from the base.
        return sha256(base) + ":" + step;
    }

    /** Whether the protocol takes {@code id} as it is; a loop, as this runs for every invocation sent. */
    static boolean allowed(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
