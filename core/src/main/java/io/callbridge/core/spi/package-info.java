@NullMarked
package io.callbridge.core.spi;

import org.jspecify.annotations.NullMarked;
