@NullMarked
package io.callbridge.transport.websocket.internal.protocol;

import org.jspecify.annotations.NullMarked;
