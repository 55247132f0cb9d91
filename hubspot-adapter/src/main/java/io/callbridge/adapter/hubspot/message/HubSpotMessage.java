package io.callbridge.adapter.hubspot.message;

/**
 * One message of the HubSpot Calling Extensions SDK protocol, in either direction. {@link #type()} is the wire
 * {@code type}; the record's components are the wire {@code data}.
 */
public sealed interface HubSpotMessage permits ToHubSpot, FromHubSpot {

    String type();
}
