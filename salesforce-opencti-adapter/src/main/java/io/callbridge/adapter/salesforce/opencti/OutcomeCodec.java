package io.callbridge.adapter.salesforce.opencti;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outcomes: Salesforce's callback result {@code {"success":…,"returnValue":…,"errors":…}} exactly as the bridge
 * received it, or {@code {"localFailure":{"kind":…,"message":…}}}. Stateless.
 */
final class OutcomeCodec {

    /**
     * The bare streaming parser behind {@link #plainResult}, with the mapper's duplicate check: the mapper's own
     * {@code createParser} sets up a whole deserialization context the one-pass reading never uses.
     */
    private static final JsonFactory RESULTS = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private OutcomeCodec() {
    }

    static String encode(InvocationOutcome outcome) {
        return OpenCtiJson.MAPPER.writeValueAsString(tree(outcome));
    }

    static ObjectNode tree(InvocationOutcome outcome) {
        ObjectNode root = OpenCtiJson.NODES.objectNode();
        if (outcome instanceof LocalFailure failure) {
            ObjectNode local = root.putObject("localFailure");
            local.put("kind", failure.kind().name());
            local.put("message", failure.message());
        } else if (outcome instanceof OpenCtiResult result) {
            root.put("success", result.success());
            root.set("returnValue", OpenCtiJson.toNode(result.returnValue()));
            if (result.errors().isEmpty()) {
                // Salesforce sends null, not an empty list, when there are no errors.
                root.putNull("errors");
            } else {
                ArrayNode errors = root.putArray("errors");
                for (OpenCtiError error : result.errors()) {
                    ObjectNode e = errors.addObject();
                    e.put("code", error.rawCode());
                    e.put("description", error.description());
                    String details = error.detailsJson();
                    if (details != null) {
                        e.set("details", OpenCtiJson.embedded(details, "details"));
                    }
                }
            }
        } else {
            throw new IllegalStateException("unhandled outcome " + outcome.getClass());
        }
        return root;
    }

    static InvocationOutcome decode(JsonNode tree) {
        JsonObjectReader root = JsonObjectReader.root(tree);
        JsonObjectReader local = root.optObject("localFailure");
        if (local != null) {
            String kind = local.string("kind");
            LocalFailure.Kind parsed = OpenCtiJson.enumValue(LocalFailure.Kind.class, kind, local.pathOf("kind"));
            return new LocalFailure(parsed, local.string("message"));
        }
        return decodeResult(root);
    }

    /** Decodes a Salesforce callback result as the bridge received it. */
    static OpenCtiResult decodeResult(String json) {
        OpenCtiResult plain = plainResult(json);
        return plain != null ? plain : decodeResult(JsonObjectReader.root(OpenCtiJson.parse(json)));
    }

    /**
     * The result almost every invocation gets (an object with a boolean {@code success}, any {@code returnValue} and
     * no {@code errors}) read in one pass, without a tree. Null for anything else (errors, a wrong type, a missing
     * field, malformed JSON): the tree reader then decodes it or refuses it with its precise message, so both ways
     * give the same answer for every input.
     */
    private static @Nullable OpenCtiResult plainResult(String json) {
        try (JsonParser p = RESULTS.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Boolean success = null;
            Object returnValue = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "success" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                            return null;
                        }
                        success = value == JsonToken.VALUE_TRUE;
                    }
                    case "returnValue" -> returnValue = plainValue(p, value);
                    case "errors" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (success == null || p.nextToken() != null) {
                return null;
            }
            return new OpenCtiResult(success, returnValue, List.of());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The value at the parser's current token in plain Java, as {@link JsonObjectReader#toJava} reads a tree. */
    private static @Nullable Object plainValue(JsonParser p, JsonToken token) {
        switch (token) {
            case VALUE_STRING:
                return p.getString();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(p.getBigIntegerValue()) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case START_ARRAY: {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(plainValue(p, t));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    map.put(name, plainValue(p, p.nextToken()));
                }
                return map;
            }
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static OpenCtiResult decodeResult(JsonObjectReader root) {
        boolean success = root.bool("success");
        // Read once into plain Java: the flow looks into it (savedRecordId, searchMatches) without parsing again.
        @Nullable Object returnValue = root.any("returnValue");
        List<JsonObjectReader> errorNodes = root.optObjects("errors");
        if (errorNodes == null) {
            return new OpenCtiResult(success, returnValue, List.of());
        }
        List<OpenCtiError> errors = new ArrayList<>(errorNodes.size());
        for (JsonObjectReader e : errorNodes) {
            // A missing description is tolerated: losing the whole result over it would hide the failure.
            String description = e.optString("description");
            JsonNode details = e.node("details");
            errors.add(OpenCtiError.of(e.string("code"), description == null ? "" : description,
                    details == null ? null : OpenCtiJson.MAPPER.writeValueAsString(details)));
        }
        return new OpenCtiResult(success, returnValue, errors);
    }

    /**
     * Reads an {@code errors} array on its own, e.g. the details a transport attached to a failed invocation.
     *
     * @throws OpenCtiMessageException if {@code json} is not an array of error objects
     */
    static List<OpenCtiError> decodeErrors(String json) {
        ObjectNode wrapper = OpenCtiJson.NODES.objectNode();
        wrapper.put("success", false);
        wrapper.set("errors", OpenCtiJson.parse(json));
        return decodeResult(JsonObjectReader.root(wrapper)).errors();
    }
}
