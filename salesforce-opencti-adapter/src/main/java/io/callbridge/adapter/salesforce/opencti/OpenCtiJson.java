package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter's one Jackson configuration, and the one way its codec parts write and read JSON: every message is
 * written by a {@link JsonGenerator} of its own (the model is small and closed, so a tree in between would only be
 * copied), and read into a tree by the same mapper, whose databind turns free-form values into the model's plain
 * Java. Immutable and thread-safe.
 */
final class OpenCtiJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            // A repeated key could smuggle a second value past a validating reader.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keeps decimals exact through a round trip (field values may be currency).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Room for a typical message (a saveLog is about 300 characters), so the buffer does not grow. */
    private static final int INITIAL_CAPACITY = 384;

    private OpenCtiJson() {
    }

    /** Compact JSON text, written by one generator of the mapper. */
    static String write(Consumer<JsonGenerator> body) {
        StringWriter out = new StringWriter(INITIAL_CAPACITY);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.accept(g);
        }
        return out.toString();
    }

    /** Parses with the codec's settings; anything but one JSON value is MALFORMED_JSON at {@code $}. */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new OpenCtiMessageException(Code.MALFORMED_JSON, "$", e.getOriginalMessage(), e);
        }
    }

    /** A JSON value in plain Java (maps, lists, strings, numbers, booleans, null), as databind reads it. */
    static @Nullable Object toJava(JsonNode value) {
        return MAPPER.treeToValue(value, Object.class);
    }

    /** A model JSON value as the codec writes it, read back: what tests build expected trees from. */
    static JsonNode toNode(@Nullable Object value) {
        return parse(write(g -> writeValue(g, value)));
    }

    /**
     * A model JSON value (see {@link JsonValues}: null, String, Boolean, Long, BigDecimal, List, Map), written as the
     * mapper writes it: numbers in their {@code toString} form, map entries in their order.
     */
    static void writeValue(JsonGenerator g, @Nullable Object value) {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            // The model normalises every JSON value (see JsonValues), so nothing else can get here.
            throw new IllegalStateException("not a model JSON value: " + value.getClass());
        }
    }

    /**
     * Copies JSON text the model keeps as it is (an error's {@code details}) into {@code g}, token by token: in compact
     * form, and refused with {@link IllegalArgumentException} unless it is exactly one JSON value.
     */
    static void writeJsonText(JsonGenerator g, String json, String what) {
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException(what + " is not valid JSON text: it is empty");
            }
            g.copyCurrentStructure(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(what + " is not valid JSON text: more than one value");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON text: " + e.getOriginalMessage(), e);
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
}
