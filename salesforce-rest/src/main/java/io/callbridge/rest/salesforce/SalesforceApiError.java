package io.callbridge.rest.salesforce;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a Salesforce REST error body ({@code [{"message", "errorCode", "fields"}]}).
 *
 * <p>{@link #message()} is Salesforce's own text, which may quote the values it refused (a subject with a phone
 * number in it, a validation rule's message): the module never logs it, at any level, nor tells it to the agent, and
 * {@link #toString()} leaves it out; {@link #summary()} is the safe part, the code and the fields' API names.
 *
 * @param errorCode e.g. {@code REQUIRED_FIELD_MISSING}, {@code INVALID_FIELD}, {@code REQUEST_LIMIT_EXCEEDED}
 * @param fields the API names of the fields the error is about; may be empty
 */
public record SalesforceApiError(String errorCode, String message, List<String> fields) {
    private static final Pattern QUOTED_COLUMN = Pattern.compile("No such column '([A-Za-z][A-Za-z0-9_]*)'");

    public SalesforceApiError {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields);
    }

    /**
     * The fields the error names: {@link #fields()}, or for {@code INVALID_FIELD}, which Salesforce sends without
     * them, the API name its message quotes (an API name, so never a value).
     */
    public List<String> fieldsNamed() {
        if (!fields.isEmpty()) {
            return fields;
        }
        Matcher m = QUOTED_COLUMN.matcher(message);
        return m.find() ? List.of(m.group(1)) : List.of();
    }

    /** The code and the fields, without {@link #message()}: a record's own {@code toString} would print it. */
    @Override
    public String toString() {
        return "SalesforceApiError[errorCode=" + errorCode + ", fields=" + fields + "]";
    }

    /** The code and the fields, e.g. {@code REQUIRED_FIELD_MISSING (Subject)}: safe to log and to show. */
    public String summary() {
        List<String> named = fieldsNamed();
        return named.isEmpty() ? errorCode : errorCode + " (" + String.join(", ", named) + ")";
    }
}
