package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from one JSON object, each failure naming the field's path. A JSON {@code null} counts as
 * absent, as it does for the Open CTI library.
 */
final class JsonObjectReader {

    private final JsonNode node;
    private final String path;

    private JsonObjectReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonObjectReader root(JsonNode node) {
        if (!node.isObject()) {
            throw new OpenCtiMessageException(Code.MALFORMED_JSON, "$", "expected a JSON object");
        }
        return new JsonObjectReader(node, "");
    }

    String path() {
        return path.isEmpty() ? "$" : path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
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

    JsonObjectReader object(String key) {
        JsonNode value = req(key);
        if (!value.isObject()) {
            throw wrongType(key, "an object");
        }
        return new JsonObjectReader(value, pathOf(key));
    }

    @Nullable JsonObjectReader optObject(String key) {
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

    /** Any JSON value, converted to the model's plain-Java form; absent gives {@code null}. */
    @Nullable Object any(String key) {
        JsonNode value = opt(key);
        return value == null ? null : toJava(value);
    }

    Map<String, @Nullable Object> map(String key) {
        JsonNode value = req(key);
        if (!value.isObject()) {
            throw wrongType(key, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) toJava(value);
        return map;
    }

    @Nullable Map<String, @Nullable Object> optMap(String key) {
        return opt(key) == null ? null : map(key);
    }

    /** Elements of an array of objects, each with its indexed path. */
    List<JsonObjectReader> objects(String key) {
        JsonNode value = req(key);
        if (!value.isArray()) {
            throw wrongType(key, "an array");
        }
        List<JsonObjectReader> elements = new ArrayList<>(value.size());
        int i = 0;
        for (JsonNode element : value.values()) {
            String elementPath = pathOf(key) + "[" + i++ + "]";
            if (!element.isObject()) {
                throw new OpenCtiMessageException(Code.WRONG_TYPE, elementPath, "must be an object");
            }
            elements.add(new JsonObjectReader(element, elementPath));
        }
        return elements;
    }

    @Nullable List<JsonObjectReader> optObjects(String key) {
        return opt(key) == null ? null : objects(key);
    }

    /** Raw node, for values kept as JSON text. */
    @Nullable JsonNode node(String key) {
        return opt(key);
    }

    static @Nullable Object toJava(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.longValue()
                    : value.decimalValue();
        }
        if (value.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(value.size());
            for (JsonNode element : value.values()) {
                list.add(toJava(element));
            }
            return list;
        }
        if (value.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                map.put(e.getKey(), toJava(e.getValue()));
            }
            return map;
        }
        // Binary or POJO nodes never come out of the parser.
        throw new IllegalStateException("unexpected JSON node " + value.getNodeType());
    }
}
