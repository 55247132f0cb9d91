package io.callbridge.core.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A CRM API method for a bridge to run, e.g. HubSpot's {@code outgoingCall} or Open CTI's {@code saveLog}.
 *
 * @param id unique per side effect and reused on every retry, so a bridge or CRM that sees it twice can tell (for a
 *     Salesforce Task log this is derived from the call id, which also lands in {@code CallObject})
 * @param method the CRM API method
 * @param argsJson the arguments as a JSON value
 * @param timeout how long a frame may take to answer before the invocation is retried elsewhere or fails
 */
public record Invocation(String id, String method, String argsJson, Target target, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ID_LENGTH = 200;

    public Invocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        // Ids travel in the bridge protocol and into CRM idempotency fields: printable ASCII, no spaces.
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invocation id must be 1-200 printable ASCII characters without spaces"
                    + " but was '" + id + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** Which frame runs it. */
    public sealed interface Target {
        /**
         * Exactly this frame, never another (e.g. the answer to that frame's own handshake). Fails with NO_FRAME when
         * it is gone.
         */
        record Frame(String sessionId) implements Target {
            public Frame {
                Objects.requireNonNull(sessionId, "sessionId");
            }
        }

        /**
         * One live frame: {@code preferredSessionId} if it is live (the frame where the user acted), else the most
         * recently active one; on a frame's loss or timeout, the next one.
         */
        record AnyFrame(@Nullable String preferredSessionId) implements Target { }
    }

    /**
     * Whether {@code id} can be an invocation id: 1-200 printable ASCII characters without spaces. Adapters that
     * derive ids from call or session ids ask this before falling back to a digest. A loop, since it runs for every
     * invocation an adapter makes.
     */
    public static boolean isValidId(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The invocation id of one side effect, derived rather than random so that a retry, a re-attached bridge or
     * another node sends the same id for the same side effect: {@code prefix + scope + ":" + step}, or, when that is
     * not a valid id ({@link #isValidId}: a long or unusual call or session id), {@code prefix + sha256(scope) + ":" +
     * step}, still derived from the scope.
     *
     * @param prefix e.g. {@code "hubspot:"}, or empty
     * @param scope what the side effect belongs to: a call id or a frame's session id
     * @param step which side effect of that scope, e.g. {@code saveLog}; printable ASCII without spaces
     */
    public static String deriveId(String prefix, String scope, String step) {
        String id = prefix + scope + ":" + step;
        if (isValidId(id)) {
            return id;
        }
        String hashed = prefix + sha256(scope) + ":" + step;
        if (!isValidId(hashed)) {
            throw new IllegalArgumentException("prefix '" + prefix + "' and step '" + step
                    + "' cannot make an invocation id");
        }
        return hashed;
    }

    /**
     * {@link #deriveId}'s inverse: the scope an id was derived from for {@code prefix} and {@code step}, or null when
     * the id is not one of theirs, or holds a digest in place of the scope (a scope of 64 lowercase hex digits reads as
     * a digest too). For a side effect's owner that needs to know which call an owed entry is about.
     */
    public static @Nullable String scopeOf(String id, String prefix, String step) {
        int end = id.length() - step.length() - 1;
        if (end <= prefix.length() || !id.startsWith(prefix) || !id.endsWith(step) || id.charAt(end) != ':'
                || !isValidId(id)) {
            return null;
        }
        String scope = id.substring(prefix.length(), end);
        return looksLikeDigest(scope) ? null : scope;
    }

    private static boolean looksLikeDigest(String scope) {
        if (scope.length() != 64) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
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
