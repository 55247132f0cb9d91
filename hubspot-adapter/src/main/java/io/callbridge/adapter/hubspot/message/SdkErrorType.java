package io.callbridge.adapter.hubspot.message;

/** Error type the SDK itself puts into an ERROR message (its automatic reply to an unknown message type). */
public enum SdkErrorType implements WireValue {
    UNKNOWN_MESSAGE_TYPE("UNKNOWN_MESSAGE_TYPE");

    private final String wireValue;

    SdkErrorType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
