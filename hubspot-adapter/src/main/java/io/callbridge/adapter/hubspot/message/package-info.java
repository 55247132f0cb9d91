/**
 * Typed model of the messages exchanged with HubSpot through the Calling Extensions SDK (0.9.7), in both
 * directions, and the JSON codec for them. See {@code docs/hubspot-sdk-0.9.7-notes.md} for where the library and
 * the project's protocol summary differ; the model follows the library.
 */
@NullMarked
package io.callbridge.adapter.hubspot.message;

import org.jspecify.annotations.NullMarked;
