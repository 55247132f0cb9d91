/**
 * Access tokens for HubSpot's API: a private app's token for a vendor with one portal
 * ({@link io.callbridge.rest.hubspot.auth.HubSpotPrivateAppToken}), or OAuth for a vendor whose app many portals
 * install ({@link io.callbridge.rest.hubspot.auth.HubSpotOAuth}: the install and callback endpoints, tokens per portal
 * in core's {@link io.callbridge.core.spi.CrmStateStore}, refreshed once across threads and nodes). Wire either with
 * {@link io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules}.
 */
@NullMarked
package io.callbridge.rest.hubspot.auth;

import org.jspecify.annotations.NullMarked;
