@NullMarked
package io.callbridge.core.internal;

import org.jspecify.annotations.NullMarked;
