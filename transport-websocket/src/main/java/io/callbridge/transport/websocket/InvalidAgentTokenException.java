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
        /** Well-formed but the signature does not match: not issued with this server's secret, or altered. */
        FORGED,
        EXPIRED,
        /** Correctly signed, but expiring further ahead than any token may live: not issued by a sane issuer. */
        TOO_LONG_LIVED
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
