/** Guice wiring of the HubSpot REST fallback. */
@NullMarked
package io.callbridge.rest.hubspot.inject;

import org.jspecify.annotations.NullMarked;
