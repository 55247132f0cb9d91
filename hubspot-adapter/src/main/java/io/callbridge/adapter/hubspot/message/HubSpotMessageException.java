package io.callbridge.adapter.hubspot.message;

import org.jspecify.annotations.Nullable;

/**
 * A HubSpot message that cannot be decoded (or a model value that cannot exist). Unchecked: the caller is the
 * transport, which answers with a typed error and keeps the session up rather than handling each case.
 */
public final class HubSpotMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong, so the caller can answer with a typed error without parsing the text. */
    public enum Code {
        MALFORMED_JSON,
        UNKNOWN_MESSAGE_TYPE,
        MISSING_FIELD,
        WRONG_TYPE,
        INVALID_VALUE
    }

    private final Code code;
    private final @Nullable String field;
    private final @Nullable String messageType;

    public HubSpotMessageException(Code code, @Nullable String field, @Nullable String messageType, String message) {
        super(message);
        this.code = code;
        this.field = field;
        this.messageType = messageType;
    }

    public Code code() {
        return code;
    }

    /** JSON path of the offending field, such as {@code data.calleeInfo.calleeId}; null when not about a field. */
    public @Nullable String field() {
        return field;
    }

    /** The message type being decoded (for UNKNOWN_MESSAGE_TYPE, the unknown type itself), when known. */
    public @Nullable String messageType() {
        return messageType;
    }
}
