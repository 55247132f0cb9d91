/** Guice wiring of the load server; the only package of the module that knows Guice. */
@NullMarked
package io.callbridge.benchmarks.inject;

import org.jspecify.annotations.NullMarked;
