@NullMarked
package io.callbridge.core.phone;

import org.jspecify.annotations.NullMarked;
