/**
 * Not API: the bridge protocol's frame model and codec, as the server implements it. The protocol itself, which is
 * versioned and stable, is documented in {@code docs/bridge-protocol.md}.
 *
 * <p>Everything here may change in any release without notice; only this module's own code may use it (an
 * architecture rule checks that).
 */
@NullMarked
package io.callbridge.transport.websocket.internal.protocol;

import org.jspecify.annotations.NullMarked;
