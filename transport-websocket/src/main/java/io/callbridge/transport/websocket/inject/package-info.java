@NullMarked
package io.callbridge.transport.websocket.inject;

import org.jspecify.annotations.NullMarked;
