/** The operations module's Guice module. */
@NullMarked
package io.callbridge.operations.inject;

import org.jspecify.annotations.NullMarked;
