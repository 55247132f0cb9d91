/** Guice wiring of the HubSpot adapter; the only package of the adapter that knows Guice. */
@NullMarked
package io.callbridge.adapter.hubspot.inject;

import org.jspecify.annotations.NullMarked;
