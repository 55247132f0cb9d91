package io.callbridge.transport.websocket;

import java.util.Objects;

/** A token that does not authenticate anyone. The message is safe to show to the bridge: it reveals no secret. */
public final class InvalidAgentTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the token was refused. */
    public enum Reason {
        MISSING,
        /** Not in the token format at all. */
        MALFORMED,
        /** Well-formed but the signature does not match: not issued with this server's key, or altered. */
        FORGED,
        /** Was valid; a new token would be. */
        EXPIRED,
        /**
         * Names a key that is neither the current nor the previous one: rotated out, or not known here yet. (The key id
         * is not authenticated, so a forgery naming an unknown key lands here too; a new token costs it nothing.)
         */
        UNKNOWN_KEY,
        /** Correctly signed, but expiring further ahead than any token may live: not issued by a sane issuer. */
        TOO_LONG_LIVED;

        /** Whether a new token from the issuer would be accepted: the token is no longer valid rather than bad. */
        public boolean renewable() {
            return this == EXPIRED || this == UNKNOWN_KEY;
        }
    }

    private final Reason reason;

    public InvalidAgentTokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
