package io.callbridge.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A refusal with its reason.
 *
 * @param field the input field at fault, when one is (e.g. {@code presence})
 */
public record CoreError(ErrorCode code, String message, @Nullable String field) {
    public CoreError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static CoreError of(ErrorCode code, String message) {
        return new CoreError(code, message, null);
    }

    public static CoreError invalid(String field, String message) {
        return new CoreError(ErrorCode.INVALID_ARGUMENT, message, field);
    }

    @Override
    public String toString() {
        return code + (field == null ? "" : " (" + field + ")") + ": " + message;
    }
}
