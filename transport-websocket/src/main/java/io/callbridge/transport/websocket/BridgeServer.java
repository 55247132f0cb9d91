package io.callbridge.transport.websocket;

import io.callbridge.core.Service;

/**
 * The HTTP/WebSocket server that hosts bridge sessions and the adapters' static pages. Started and stopped by the
 * launcher as a core {@link Service}; {@link #stop()} is graceful (stops accepting, writes what is queued, closes
 * sessions with 1001).
 */
public interface BridgeServer extends Service {

    /** The port actually bound; meaningful once started (useful with port 0). */
    int port();

    /** Whether the server serves TLS. */
    boolean secure();
}
