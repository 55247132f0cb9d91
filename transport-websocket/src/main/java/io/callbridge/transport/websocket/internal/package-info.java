@NullMarked
package io.callbridge.transport.websocket.internal;

import org.jspecify.annotations.NullMarked;
