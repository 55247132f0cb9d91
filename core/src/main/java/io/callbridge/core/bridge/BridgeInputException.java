package io.callbridge.core.bridge;

import java.util.Objects;

/** Input from a bridge that an adapter refuses; names the field at fault so the bridge's developer can fix it. */
public final class BridgeInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of fault. */
    public enum Kind {
        UNKNOWN_EVENT,
        MISSING_FIELD,
        WRONG_TYPE,
        INVALID_VALUE,
        MALFORMED
    }

    private final Kind kind;
    private final String field;

    public BridgeInputException(Kind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path of the offending field, e.g. {@code data.phoneNumber}; the event name for UNKNOWN_EVENT. */
    public String field() {
        return field;
    }
}
