/** A phone system that exists only in memory, for the demo and the browser tests. */
@NullMarked
package io.callbridge.samples.phone;

import org.jspecify.annotations.NullMarked;
