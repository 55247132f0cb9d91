package io.callbridge.adapter.hubspot.message;

/** Engagement property {@code hs_call_status}. The library's internal ENDING is not a valid property value. */
public enum CallStatus implements WireValue {
    BUSY("BUSY"),
    CALLING_CRM_USER("CALLING_CRM_USER"),
    CANCELED("CANCELED"),
    COMPLETED("COMPLETED"),
    CONNECTING("CONNECTING"),
    FAILED("FAILED"),
    IN_PROGRESS("IN_PROGRESS"),
    NO_ANSWER("NO_ANSWER"),
    QUEUED("QUEUED"),
    RINGING("RINGING");

    private final String wireValue;

    CallStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
