package io.callbridge.transport.websocket.internal;

import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.transport.websocket.internal.protocol.BridgeFrame;

/** What an agent's stream needs of one authenticated connection. Methods never block and never throw. */
interface BridgeSession {

    String id();

    FrameInfo frame();

    void send(BridgeFrame frame);

    /**
     * Sends already-encoded JSON, e.g. a UI snapshot shared by every session of the stream.
     *
     * @param snapshot whether a newer snapshot supersedes it while it waits in the queue
     */
    void sendEncoded(String json, boolean snapshot);

    /**
     * When (in {@link System#nanoTime()}) the bridge last did something: its hello, or its latest crmEvent, uiAction or
     * result. Heartbeats do not count, so a forgotten frame that only pings stays idle.
     */
    long lastActivity();

    /** This session's allowance of repeated warnings (see {@link RepeatedWarnings}). */
    RepeatedWarnings warnings();

    /** Closes the connection soon, from another thread (callers may hold locks). */
    void closeLater(int code, String reason);
}
