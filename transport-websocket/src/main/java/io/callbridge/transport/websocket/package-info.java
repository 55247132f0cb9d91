@NullMarked
package io.callbridge.transport.websocket;

import org.jspecify.annotations.NullMarked;
