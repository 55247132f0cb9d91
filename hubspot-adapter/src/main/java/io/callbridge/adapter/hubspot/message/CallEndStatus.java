package io.callbridge.adapter.hubspot.message;

/** How a call ended, as {@code callEndStatus} of CALL_ENDED. */
public enum CallEndStatus implements WireValue {
    COMPLETED("COMPLETED"),
    FAILED("FAILED"),
    CANCELED("CANCELED"),
    BUSY("BUSY"),
    NO_ANSWER("NO_ANSWER"),
    REJECTED("REJECTED"),
    MISSED("MISSED");

    private final String wireValue;

    CallEndStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
