package io.callbridge.adapter.hubspot.message;

import io.callbridge.adapter.hubspot.message.HubSpotMessageException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object and reports every problem with the full JSON path of the field, which is
 * what lets a bridge author fix a payload from the error alone. JSON {@code null} counts as absent, as
 * JavaScript's {@code undefined} keys are simply not serialised.
 */
final class Fields {

    private final JsonNode node;
    private final String path;
    private final @Nullable String messageType;

    private Fields(JsonNode node, String path, @Nullable String messageType) {
        this.node = node;
        this.path = path;
        this.messageType = messageType;
    }

    /** The {@code data} object of a message; the caller has checked it is an object. */
    static Fields of(JsonNode data, @Nullable String messageType) {
        return new Fields(data, "data", messageType);
    }

    static Fields of(JsonNode data) {
        return of(data, null);
    }

    String path() {
        return path;
    }

    String path(String name) {
        return name.isEmpty() ? path : path + "." + name;
    }

    HubSpotMessageException error(Code code, String field, String problem) {
        return new HubSpotMessageException(code, field, messageType,
                (messageType == null ? "" : messageType + ": ") + field + " " + problem);
    }

    @Nullable JsonNode optRaw(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    JsonNode raw(String name) {
        JsonNode value = optRaw(name);
        if (value == null) {
            throw error(Code.MISSING_FIELD, path(name), "is required but missing");
        }
        return value;
    }

    String string(String name) {
        return asString(raw(name), name);
    }

    @Nullable String optString(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : asString(value, name);
    }

    private String asString(JsonNode value, String name) {
        if (!value.isString()) {
            throw wrongType(name, "a string", value);
        }
        return value.stringValue();
    }

    long integer(String name) {
        return asLong(raw(name), name);
    }

    @Nullable Long optInteger(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : asLong(value, name);
    }

    int smallInteger(String name) {
        long value = integer(name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(Code.INVALID_VALUE, path(name), "is out of range: " + value);
        }
        return (int) value;
    }

    private long asLong(JsonNode value, String name) {
        if (!value.isNumber()) {
            throw wrongType(name, "an integer", value);
        }
        if (!value.isIntegralNumber()) {
            throw error(Code.INVALID_VALUE, path(name), "must be a whole number, was " + value);
        }
        if (!value.canConvertToLong()) {
            throw error(Code.INVALID_VALUE, path(name), "is out of range: " + value);
        }
        return value.longValue();
    }

    /** An integer the library allows as a number or as a string of digits (ids in engagement properties). */
    long lenientInteger(String name) {
        return asLenientLong(raw(name), name);
    }

    @Nullable Long optLenientInteger(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : asLenientLong(value, name);
    }

    private long asLenientLong(JsonNode value, String name) {
        if (value.isString()) {
            String text = value.stringValue().trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(Code.INVALID_VALUE, path(name), "must hold an integer, was '" + text + "'");
            }
        }
        if (!value.isNumber()) {
            throw wrongType(name, "an integer or a string of digits", value);
        }
        return asLong(value, name);
    }

    boolean bool(String name) {
        return asBoolean(raw(name), name);
    }

    @Nullable Boolean optBool(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : asBoolean(value, name);
    }

    private boolean asBoolean(JsonNode value, String name) {
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean", value);
        }
        return value.booleanValue();
    }

    <E extends Enum<E> & WireValue> E enumValue(String name, Class<E> type) {
        return asEnum(string(name), name, type);
    }

    <E extends Enum<E> & WireValue> @Nullable E optEnum(String name, Class<E> type) {
        String text = optString(name);
        return text == null ? null : asEnum(text, name, type);
    }

    private <E extends Enum<E> & WireValue> E asEnum(String text, String name, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireValue().equals(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.wireValue());
        }
        throw error(Code.INVALID_VALUE, path(name), "must be one of " + allowed + ", was '" + text + "'");
    }

    Fields object(String name) {
        return asObject(raw(name), path(name));
    }

    @Nullable Fields optObject(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : asObject(value, path(name));
    }

    private Fields asObject(JsonNode value, String fieldPath) {
        if (!value.isObject()) {
            throw error(Code.WRONG_TYPE, fieldPath, "must be an object, was " + kind(value));
        }
        return new Fields(value, fieldPath, messageType);
    }

    List<Fields> objects(String name) {
        JsonNode value = raw(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array", value);
        }
        List<Fields> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (item == null || item.isNull()) {
                throw error(Code.MISSING_FIELD, itemPath, "is required but null");
            }
            items.add(asObject(item, itemPath));
        }
        return items;
    }

    /** A nested JSON object kept as compact raw text. */
    @Nullable String optRawObject(String name) {
        JsonNode value = optRaw(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object", value);
        }
        return Checks.JSON.writeValueAsString(value);
    }

    /** Any nested JSON value kept as compact raw text. */
    @Nullable String optRawValue(String name) {
        JsonNode value = optRaw(name);
        return value == null ? null : Checks.JSON.writeValueAsString(value);
    }

    /** Builds a record, turning a constructor's rule violation into INVALID_VALUE at the right path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidFieldException e) {
            throw error(Code.INVALID_VALUE, path(e.wireField()), "is invalid: " + e.getMessage());
        }
    }

    private HubSpotMessageException wrongType(String name, String expected, JsonNode actual) {
        return error(Code.WRONG_TYPE, path(name), "must be " + expected + ", was " + kind(actual));
    }

    static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
