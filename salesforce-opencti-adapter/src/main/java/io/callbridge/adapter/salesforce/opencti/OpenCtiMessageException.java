package io.callbridge.adapter.salesforce.opencti;

/**
 * A JSON message could not be decoded into the Open CTI model. Carries a code the session can turn into a
 * typed error reply and the JSON path of the offending field, so bad input is reported, never fatal.
 */
public final class OpenCtiMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Code {
        /** Not JSON, or not a JSON object where one is needed. */
        MALFORMED_JSON,
        UNKNOWN_METHOD,
        UNKNOWN_EVENT,
        MISSING_FIELD,
        WRONG_TYPE,
        /** Well-typed but not acceptable, e.g. a screen-pop search string of two characters. */
        INVALID_VALUE
    }

    private final Code code;
    private final String field;

    public OpenCtiMessageException(Code code, String field, String message) {
        super(code + " at " + field + ": " + message);
        this.code = code;
        this.field = field;
    }

    public OpenCtiMessageException(Code code, String field, String message, Throwable cause) {
        super(code + " at " + field + ": " + message, cause);
        this.code = code;
        this.field = field;
    }

    public Code code() {
        return code;
    }

    /** Dotted JSON path of the field at fault, e.g. {@code args.params.recordId}; {@code $} for the whole message. */
    public String field() {
        return field;
    }
}
