@NullMarked
package io.callbridge.core.event;

import org.jspecify.annotations.NullMarked;
