/** The Guice wiring of {@code io.callbridge.rest.hubspot.recording}. */
@NullMarked
package io.callbridge.rest.hubspot.recording.inject;

import org.jspecify.annotations.NullMarked;
