/** HubSpot's REST API as a second executor of owed call logs, for when no HubSpot frame is open. */
@NullMarked
package io.callbridge.rest.hubspot;

import org.jspecify.annotations.NullMarked;
