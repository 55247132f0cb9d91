package io.callbridge.transport.websocket.internal;

/**
 * The WebSocket close codes this server sends of its own, besides the standard ones Jetty sends for it (1001 idle,
 * 1007 invalid UTF-8, 1009 too big, 1011). Every code is in the close-code table of {@code docs/bridge-protocol.md},
 * with what the shipped client does; {@code CloseCodeTableTest} keeps the two in step.
 */
final class CloseCodes {
    /** Server shutting down. The bridge reconnects. */
    static final int GOING_AWAY = 1001;
    /** A hello in a protocol version the server does not speak. The bridge gives up. */
    static final int UNSUPPORTED_VERSION = 1002;
    /** Authentication or policy failure a new attempt cannot fix (forged token, wrong CRM ...). The bridge gives up. */
    static final int POLICY = 1008;
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
