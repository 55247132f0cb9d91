@NullMarked
package io.callbridge.core.bridge;

import org.jspecify.annotations.NullMarked;
