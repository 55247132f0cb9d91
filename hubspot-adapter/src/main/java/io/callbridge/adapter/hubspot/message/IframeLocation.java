package io.callbridge.adapter.hubspot.message;

/** Where HubSpot shows this calling-app frame; a user may have several at once. */
public enum IframeLocation implements WireValue {
    WIDGET("widget"),
    REMOTE("remote"),
    WINDOW("window");

    private final String wireValue;

    IframeLocation(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
