package io.callbridge.adapter.hubspot.message;

/** Where NAVIGATE_TO_RECORD opens the record. */
public enum OpenIn implements WireValue {
    CURRENT_TAB("CURRENT_TAB"),
    NEW_TAB("NEW_TAB");

    private final String wireValue;

    OpenIn(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
