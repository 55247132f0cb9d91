package io.callbridge.core.phone;

/** Text that is not a phone number. The message names the input and says what is wrong with it. */
public final class InvalidPhoneNumberException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. */
    public enum Reason {
        EMPTY,
        NOT_A_NUMBER,
        UNKNOWN_REGION,
        TOO_SHORT,
        TOO_LONG,
        INVALID_COUNTRY_CODE,
        NOT_POSSIBLE
    }

    private final String input;
    private final Reason reason;

    InvalidPhoneNumberException(String input, Reason reason, String detail) {
        super("'" + input + "' is not a phone number: " + detail);
        this.input = input;
        this.reason = reason;
    }

    public String input() {
        return input;
    }

    public Reason reason() {
        return reason;
    }
}
