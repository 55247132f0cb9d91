/**
 * Translation between core and HubSpot's Calling Extensions SDK for each agent. Not API: every type here may change
 * or go away without notice, even the public {@code HubSpotCrmBridge}, which is public only so that the adapter's Guice
 * module can bind it. Use {@code HubSpotAdapterModule} and {@code HubSpotSettings} instead.
 */
@NullMarked
package io.callbridge.adapter.hubspot.internal;

import org.jspecify.annotations.NullMarked;
