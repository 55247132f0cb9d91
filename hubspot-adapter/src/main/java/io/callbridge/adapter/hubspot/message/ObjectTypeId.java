package io.callbridge.adapter.hubspot.message;

/** HubSpot object type id used in object coordinates. */
public enum ObjectTypeId implements WireValue {
    CONTACT("0-1"),
    COMPANY("0-2");

    private final String wireValue;

    ObjectTypeId(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
