/**
 * Setting up a vendor's HubSpot app: {@link io.callbridge.rest.hubspot.tools.HubSpotCallingSettingsTool} (a command
 * line tool) and {@link io.callbridge.rest.hubspot.tools.HubSpotCallingSettingsApi} register or update the app's
 * calling-extension settings and its recording URL template through HubSpot's API, with the developer API key.
 */
@NullMarked
package io.callbridge.rest.hubspot.tools;

import org.jspecify.annotations.NullMarked;
