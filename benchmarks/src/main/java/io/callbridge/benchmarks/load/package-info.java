/** The load generator, its report, and the server-side pieces it starts in a separate JVM. */
@NullMarked
package io.callbridge.benchmarks.load;

import org.jspecify.annotations.NullMarked;
