package io.callbridge.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The project's id of a call. The same value is HubSpot's {@code externalCallId} and Salesforce's Task
 * {@code CallObject}, which is why it is limited to 255 printable characters.
 */
public record CallId(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@+-]{1,255}");

    public CallId {
        Objects.requireNonNull(value, "callId");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "callId must be 1-255 characters of letters, digits and ._:@+- but was '" + value + "'");
        }
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
