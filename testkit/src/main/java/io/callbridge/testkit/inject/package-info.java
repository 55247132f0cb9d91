/** Guice wiring of core with the testkit's fakes. */
@NullMarked
package io.callbridge.testkit.inject;

import org.jspecify.annotations.NullMarked;
