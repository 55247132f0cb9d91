package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The codec's one Jackson configuration and the plumbing its parts share. Immutable and thread-safe. */
final class OpenCtiJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final JsonMapper MAPPER = JsonMapper.builder()
            // A repeated key could smuggle a second value past a validating reader.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keeps decimals exact through a round trip (field values may be currency).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private OpenCtiJson() {
    }

    /** Parses with the codec's settings; anything but one JSON value is MALFORMED_JSON at {@code $}. */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new OpenCtiMessageException(Code.MALFORMED_JSON, "$", e.getOriginalMessage(), e);
        }
    }

    static JsonNode embedded(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON text: " + e.getOriginalMessage(), e);
        }
    }

    /** Runs a model constructor and reports its argument check as an invalid value at the field's path. */
    static <T> T validated(JsonObjectReader at, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInvocationException e) {
            throw new OpenCtiMessageException(Code.INVALID_VALUE, at.pathOf(e.argument()), e.getMessage(), e);
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new OpenCtiMessageException(Code.INVALID_VALUE, path, "unknown value '" + value + "'");
    }

    static JsonNode toNode(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long l) {
            // Same node type the parser produces, so decoded-then-encoded trees compare equal.
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toNode(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set((String) k, toNode(v)));
            return object;
        }
        // The model normalises every JSON value (see JsonValues), so nothing else can get here.
        throw new IllegalStateException("not a model JSON value: " + value.getClass());
    }
}
