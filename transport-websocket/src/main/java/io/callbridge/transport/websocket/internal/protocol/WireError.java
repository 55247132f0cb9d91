package io.callbridge.transport.websocket.internal.protocol;

/** The codes of {@code error} frames and of transport-made errors in {@code ack}s. Stable: bridges switch on them. */
public enum WireError {
    /** Not JSON, or not a JSON object. */
    MALFORMED_JSON,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    FRAME_TOO_LARGE,
    BINARY_NOT_SUPPORTED,
    RATE_LIMITED,
    /** A frame type the bridge must not send now (a second hello, a server-to-bridge type). */
    UNEXPECTED_FRAME,
    /** A result for an invocation this session was never sent. */
    UNKNOWN_INVOCATION,
    UNKNOWN_ACTION,
    /** The adapter refused a CRM event; {@code field} names the offending field. */
    UNKNOWN_EVENT,
    /** The adapter failed unexpectedly; the event was not applied. */
    ADAPTER_FAILURE,
    /**
     * The server's state store (e.g. Redis) is unreachable, so the frame was not handled; send it again shortly.
     * Refusals of actions and events by core carry core's own {@code STORE_UNAVAILABLE} in their {@code ack}.
     */
    STORE_UNAVAILABLE,
    /** The server failed unexpectedly; nothing was changed. */
    INTERNAL
}
