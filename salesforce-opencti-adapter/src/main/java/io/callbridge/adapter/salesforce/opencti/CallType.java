package io.callbridge.adapter.salesforce.opencti;

import java.util.Locale;
import java.util.Optional;

/**
 * Open CTI's {@code CALL_TYPE} for {@code searchAndScreenPop}: lower-case on the wire, unlike the Task's
 * capitalised {@code CallType} picklist.
 */
public enum CallType {
    INBOUND, OUTBOUND, INTERNAL;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallType> fromWire(String value) {
        for (CallType type : values()) {
            if (type.wireValue().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
