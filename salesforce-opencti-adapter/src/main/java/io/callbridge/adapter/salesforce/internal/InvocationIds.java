package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.bridge.Invocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Invocation ids: {@code <base>:<step>}, where the base is a call id (for a call's side effects) or a frame's session
 * id. Derived, never random, so that a retry, a re-attach or another node sends the same id for the same side effect.
 */
final class InvocationIds {
    private InvocationIds() {
    }

    static String of(String base, String step) {
        String id = base + ":" + step;
        if (Invocation.isValidId(id)) {
            return id;
        }
        // Call ids may be up to 255 characters and session ids are the transport's: a digest keeps the id short and
        // plain, and still derived from the base.
        return sha256(base) + ":" + step;
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
