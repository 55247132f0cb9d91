package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of one object of a Jackson tree, each failure an {@link OpenCtiMessageException} naming the field's
 * full path, which is what lets a bridge author fix a message from the error alone. A JSON {@code null} counts as
 * absent, as it does for the Open CTI library. Free-form values become the model's plain Java through Jackson's
 * databind ({@link OpenCtiJson#toJava}).
 */
final class Fields {

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The message itself; anything but an object is malformed. */
    static Fields root(JsonNode node) {
        if (!node.isObject()) {
            throw new OpenCtiMessageException(Code.MALFORMED_JSON, "$", "expected a JSON object");
        }
        return new Fields(node, "");
    }

    /** An object inside something else, e.g. a result's {@code returnValue}: paths in errors start at {@code path}. */
    static Fields root(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new OpenCtiMessageException(Code.WRONG_TYPE, path, "must be an object");
        }
        return new Fields(node, path);
    }

    String path() {
        return path.isEmpty() ? "$" : path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Runs a model constructor and reports its argument check as an invalid value at the argument's path here. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidInvocationException e) {
            throw new OpenCtiMessageException(Code.INVALID_VALUE, pathOf(e.argument()), e.getMessage(), e);
        }
    }

    private @Nullable JsonNode opt(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private JsonNode req(String key) {
        JsonNode value = opt(key);
        if (value == null) {
            throw new OpenCtiMessageException(Code.MISSING_FIELD, pathOf(key), "is required");
        }
        return value;
    }

    private OpenCtiMessageException wrongType(String key, String expected) {
        return new OpenCtiMessageException(Code.WRONG_TYPE, pathOf(key), "must be " + expected);
    }

    Fields object(String key) {
        JsonNode value = req(key);
        if (!value.isObject()) {
            throw wrongType(key, "an object");
        }
        return new Fields(value, pathOf(key));
    }

    @Nullable Fields optObject(String key) {
        return opt(key) == null ? null : object(key);
    }

    String string(String key) {
        JsonNode value = req(key);
        if (!value.isString()) {
            throw wrongType(key, "a string");
        }
        return value.stringValue();
    }

    @Nullable String optString(String key) {
        return opt(key) == null ? null : string(key);
    }

    /** An optional string where Salesforce writes "" for "none" (e.g. a navigation off a record page). */
    @Nullable String optText(String key) {
        String value = optString(key);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A string, or a whole JSON number as its decimal digits (Salesforce's guide types some numbers so). */
    String stringOrWholeNumber(String key) {
        JsonNode value = req(key);
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw wrongType(key, "a string or a whole number");
    }

    @Nullable Boolean optBoolean(String key) {
        return opt(key) == null ? null : bool(key);
    }

    boolean bool(String key) {
        JsonNode value = req(key);
        if (!value.isBoolean()) {
            throw wrongType(key, "a boolean");
        }
        return value.booleanValue();
    }

    boolean optBool(String key, boolean absent) {
        return opt(key) == null ? absent : bool(key);
    }

    int integer(String key) {
        JsonNode value = req(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(key, "an integer");
        }
        return value.intValue();
    }

    /** Any JSON value in plain Java; absent gives {@code null}. */
    @Nullable Object any(String key) {
        JsonNode value = opt(key);
        return value == null ? null : OpenCtiJson.toJava(value);
    }

    Map<String, @Nullable Object> map(String key) {
        JsonNode value = req(key);
        if (!value.isObject()) {
            throw wrongType(key, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) OpenCtiJson.toJava(value);
        return map;
    }

    @Nullable Map<String, @Nullable Object> optMap(String key) {
        return opt(key) == null ? null : map(key);
    }

    /** Elements of an array of objects, each with its indexed path. */
    List<Fields> objects(String key) {
        JsonNode value = req(key);
        if (!value.isArray()) {
            throw wrongType(key, "an array");
        }
        List<Fields> elements = new ArrayList<>(value.size());
        int i = 0;
        for (JsonNode element : value.values()) {
            String elementPath = pathOf(key) + "[" + i++ + "]";
            if (!element.isObject()) {
                throw new OpenCtiMessageException(Code.WRONG_TYPE, elementPath, "must be an object");
            }
            elements.add(new Fields(element, elementPath));
        }
        return elements;
    }

    @Nullable List<Fields> optObjects(String key) {
        return opt(key) == null ? null : objects(key);
    }

    /** The value as compact JSON text, for values the model keeps as JSON; absent gives {@code null}. */
    @Nullable String optJsonText(String key) {
        JsonNode value = opt(key);
        return value == null ? null : OpenCtiJson.MAPPER.writeValueAsString(value);
    }
}
