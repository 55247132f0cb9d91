/** The Guice wiring of {@code io.callbridge.rest.hubspot.auth}. */
@NullMarked
package io.callbridge.rest.hubspot.auth.inject;

import org.jspecify.annotations.NullMarked;
