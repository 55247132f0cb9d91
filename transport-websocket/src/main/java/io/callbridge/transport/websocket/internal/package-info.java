/**
 * Not API: the transport's implementation: the Jetty server, sessions, agent streams, invocation routing and UI state.
 * Use the transport through {@code WebSocketTransportModule}, {@code TransportSettings} and {@code AgentTokens}.
 *
 * <p>Everything here may change in any release without notice; only this module's own code may use it (an
 * architecture rule checks that).
 */
@NullMarked
package io.callbridge.transport.websocket.internal;

import org.jspecify.annotations.NullMarked;
