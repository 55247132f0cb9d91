@NullMarked
package io.callbridge.core.inject;

import org.jspecify.annotations.NullMarked;
