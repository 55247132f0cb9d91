/**
 * The HubSpot adapter's public surface: its settings. The wire model lives in {@code message}, the translation in
 * {@code internal}, the Guice wiring in {@code inject}.
 */
@NullMarked
package io.callbridge.adapter.hubspot;

import org.jspecify.annotations.NullMarked;
