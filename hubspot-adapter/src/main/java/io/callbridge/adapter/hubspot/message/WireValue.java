package io.callbridge.adapter.hubspot.message;

/** An enum constant with the exact text HubSpot puts on the wire (which is not always the Java name). */
public interface WireValue {
    String wireValue();
}
