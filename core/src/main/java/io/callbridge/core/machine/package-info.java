@NullMarked
package io.callbridge.core.machine;

import org.jspecify.annotations.NullMarked;
