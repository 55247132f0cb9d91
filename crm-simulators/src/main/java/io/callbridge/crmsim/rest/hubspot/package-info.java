/**
 * A simulated HubSpot REST API, as strict as HubSpot's own (per its public API reference), for tests and the demo.
 */
@NullMarked
package io.callbridge.crmsim.rest.hubspot;

import org.jspecify.annotations.NullMarked;
