package io.callbridge.adapter.salesforce.opencti;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a result's {@code errors}. The raw code is kept next to the enum so an unknown code that a
 * newer Salesforce release sends is still reported as it was.
 *
 * @param detailsJson the optional {@code details} as JSON text (Salesforce sends a string or an object)
 */
public record OpenCtiError(Code code, String rawCode, String description, @Nullable String detailsJson) {

    public enum Code {
        INVALID_PARAM, GENERIC_ERROR, SERVER_ERROR, SOFTPHONE_CONTAINER_ERROR,
        /** Any code this model does not know; {@link OpenCtiError#rawCode()} has it. */
        UNKNOWN;

        public static Code of(String rawCode) {
            for (Code code : values()) {
                if (code != UNKNOWN && code.name().equals(rawCode)) {
                    return code;
                }
            }
            return UNKNOWN;
        }
    }

    public OpenCtiError {
        Args.present(code, "code");
        Args.present(rawCode, "rawCode");
        Args.present(description, "description");
        if (Code.of(rawCode) != code) {
            throw new InvalidInvocationException("code", "does not match raw code '" + rawCode + "'");
        }
    }

    /** The usual way to build one: the enum follows from the raw code. */
    public static OpenCtiError of(String rawCode, String description, @Nullable String detailsJson) {
        return new OpenCtiError(Code.of(Args.present(rawCode, "code")), rawCode, description, detailsJson);
    }
}
