/**
 * Translation between core and HubSpot's Calling Extensions SDK for each agent: not API, may change at any time.
 */
@NullMarked
package io.callbridge.adapter.hubspot.internal;

import org.jspecify.annotations.NullMarked;
