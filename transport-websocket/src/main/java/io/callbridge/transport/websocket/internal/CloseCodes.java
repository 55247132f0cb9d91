package io.callbridge.transport.websocket.internal;

/**
 * Every WebSocket close code this server sends, its own and those Jetty sends for it. Each is in the close-code table
 * of {@code docs/bridge-protocol.md} with what the shipped client does; {@code CloseCodeTableTest} keeps the two in
 * step, and the client's own tests check it against the table.
 */
final class CloseCodes {
    /** Normal close: the answer to a bridge's own close. The bridge reconnects. */
    static final int NORMAL = 1000;
    /** Server shutting down, or (Jetty) idle timeout. The bridge reconnects. */
    static final int GOING_AWAY = 1001;
    /** A hello in a protocol version the server does not speak, or (Jetty) a protocol violation. The bridge gives up. */
    static final int UNSUPPORTED_VERSION = 1002;
    /** (Jetty) A text frame that is not valid UTF-8. The bridge reconnects. */
    static final int INVALID_UTF8 = 1007;
    /** Authentication or policy failure a new attempt cannot fix (forged token, wrong CRM ...). The bridge gives up. */
    static final int POLICY = 1008;
    /** (Jetty) A frame above the hard cap. The bridge reconnects. */
    static final int TOO_BIG = 1009;
    /** The session could not be set up, or (Jetty) failed unexpectedly. The bridge reconnects. */
    static final int SERVER_ERROR = 1011;
    /** Try again later: the bridge was too slow, or the agent has too many busy sessions. The bridge reconnects. */
    static final int TRY_AGAIN_LATER = 1013;
    /** The token is no longer valid (expired, unknown key): the bridge gets a new one and reconnects. */
    static final int TOKEN_NO_LONGER_VALID = 4001;
    /**
     * The agent opened one session more than allowed, and this, its session idle longest, made room for it. The bridge
     * does not reconnect by itself: it would only push out another frame of the agent.
     */
    static final int REPLACED = 4002;

    private CloseCodes() {
    }
}
