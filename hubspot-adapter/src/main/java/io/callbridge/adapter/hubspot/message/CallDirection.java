package io.callbridge.adapter.hubspot.message;

/** Engagement property {@code hs_call_direction}, seen from the HubSpot user. */
public enum CallDirection implements WireValue {
    INBOUND("INBOUND"),
    OUTBOUND("OUTBOUND");

    private final String wireValue;

    CallDirection(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
