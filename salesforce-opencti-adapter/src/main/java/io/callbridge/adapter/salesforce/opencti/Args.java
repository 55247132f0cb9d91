package io.callbridge.adapter.salesforce.opencti;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the model records; each failure names the argument it is about. */
final class Args {

    /** Object, field and flow API names: a letter, then letters, digits and underscores (incl. {@code __c}). */
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** Lightning Message Service channels are custom metadata, so they always end in {@code __c}. */
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__c");
    /** SLDS utility icon keys such as {@code call} or {@code end_call}. */
    private static final Pattern ICON_KEY = Pattern.compile("[a-z][a-z0-9_]*");

    private Args() {
    }

    static <T> T present(@Nullable T value, String argument) {
        if (value == null) {
            throw new InvalidInvocationException(argument, "is required");
        }
        return value;
    }

    static String nonBlank(@Nullable String value, String argument) {
        if (present(value, argument).isBlank()) {
            throw new InvalidInvocationException(argument, "must not be blank");
        }
        return value;
    }

    static @Nullable String nonBlankIfPresent(@Nullable String value, String argument) {
        return value == null ? null : nonBlank(value, argument);
    }

    static String salesforceId(@Nullable String value, String argument) {
        if (!SalesforceIds.isValid(present(value, argument))) {
            throw new InvalidInvocationException(argument, "must be a 15 or 18 character Salesforce id");
        }
        return value;
    }

    static @Nullable String salesforceIdIfPresent(@Nullable String value, String argument) {
        return value == null ? null : salesforceId(value, argument);
    }

    static String apiName(@Nullable String value, String argument) {
        if (!API_NAME.matcher(present(value, argument)).matches()) {
            throw new InvalidInvocationException(argument, "must be an API name (a letter, then letters, digits or _)");
        }
        return value;
    }

    static @Nullable String apiNameIfPresent(@Nullable String value, String argument) {
        return value == null ? null : apiName(value, argument);
    }

    static String channelName(@Nullable String value, String argument) {
        if (!CHANNEL_NAME.matcher(present(value, argument)).matches()) {
            throw new InvalidInvocationException(argument, "must be a message channel API name ending in __c");
        }
        return value;
    }

    static String iconKey(@Nullable String value, String argument) {
        if (!ICON_KEY.matcher(present(value, argument)).matches()) {
            throw new InvalidInvocationException(argument, "must be an SLDS utility icon key such as 'call'");
        }
        return value;
    }

    static int range(int value, int min, int max, String argument) {
        if (value < min || value > max) {
            throw new InvalidInvocationException(argument, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A URL inside the org: screen pops must not leave Lightning, so no scheme, no host. */
    static String relativeUrl(@Nullable String value, String argument) {
        nonBlank(value, argument);
        if (!value.startsWith("/") || value.startsWith("//")) {
            throw new InvalidInvocationException(argument, "must be a relative URL starting with a single /");
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                throw new InvalidInvocationException(argument, "must be a relative URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInvocationException(argument, "is not a valid URL: " + e.getReason());
        }
        return value;
    }

    /**
     * A copy of a record field map ({@code field → scalar}); null values are kept because on an update
     * they clear the field.
     */
    static Map<String, @Nullable Object> fieldMap(@Nullable Map<String, ? extends @Nullable Object> fields,
            String argument) {
        present(fields, argument);
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends @Nullable Object> e : fields.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw new InvalidInvocationException(argument, "field names must not be blank");
            }
            Object v = e.getValue();
            // The field's path is only built for a value that needs a closer look.
            copy.put(key, JsonValues.isPlain(v) ? v : JsonValues.scalar(v, argument + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    static @Nullable Map<String, @Nullable Object> fieldMapIfPresent(
            @Nullable Map<String, ? extends @Nullable Object> fields, String argument) {
        return fields == null ? null : fieldMap(fields, argument);
    }

    static <T> List<T> list(@Nullable List<T> values, String argument) {
        present(values, argument);
        for (int i = 0; i < values.size(); i++) {
            present(values.get(i), argument + "[" + i + "]");
        }
        return List.copyOf(values);
    }
}
