package io.callbridge.adapter.hubspot.message;

/** Engagement property {@code hs_call_source}; the only accepted value routes recordings to HubSpot's transcription pipeline. */
public enum CallSource implements WireValue {
    INTEGRATIONS_PLATFORM("INTEGRATIONS_PLATFORM");

    private final String wireValue;

    CallSource(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
