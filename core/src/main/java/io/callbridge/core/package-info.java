@NullMarked
package io.callbridge.core;

import org.jspecify.annotations.NullMarked;
