package io.callbridge.adapter.salesforce.opencti;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outcomes: Salesforce's callback result {@code {"success":…,"returnValue":…,"errors":…}} exactly as the bridge
 * received it, or {@code {"localFailure":{"kind":…,"message":…}}}. A result is read like every other message, into a
 * tree and then field by field, so a malformed one is refused with the same precise error wherever it comes from.
 * Stateless.
 */
final class OutcomeCodec {

    private OutcomeCodec() {
    }

    static String encode(InvocationOutcome outcome) {
        return OpenCtiJson.write(g -> write(g, outcome));
    }

    /** The outcome as a tree: exactly what {@link #encode} writes, read back. */
    static ObjectNode tree(InvocationOutcome outcome) {
        return (ObjectNode) OpenCtiJson.parse(encode(outcome));
    }

    private static void write(JsonGenerator g, InvocationOutcome outcome) {
        g.writeStartObject();
        if (outcome instanceof LocalFailure failure) {
            g.writeName("localFailure");
            g.writeStartObject();
            g.writeStringProperty("kind", failure.kind().name());
            g.writeStringProperty("message", failure.message());
            g.writeEndObject();
        } else if (outcome instanceof OpenCtiResult result) {
            g.writeBooleanProperty("success", result.success());
            g.writeName("returnValue");
            OpenCtiJson.writeValue(g, result.returnValue());
            g.writeName("errors");
            if (result.errors().isEmpty()) {
                // Salesforce sends null, not an empty list, when there are no errors.
                g.writeNull();
            } else {
                g.writeStartArray();
                for (OpenCtiError error : result.errors()) {
                    g.writeStartObject();
                    g.writeStringProperty("code", error.rawCode());
                    g.writeStringProperty("description", error.description());
                    String details = error.detailsJson();
                    if (details != null) {
                        g.writeName("details");
                        OpenCtiJson.writeJsonText(g, details, "details");
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else {
            throw new IllegalStateException("unhandled outcome " + outcome.getClass());
        }
        g.writeEndObject();
    }

    static InvocationOutcome decode(JsonNode tree) {
        Fields root = Fields.root(tree);
        Fields local = root.optObject("localFailure");
        if (local != null) {
            String kind = local.string("kind");
            LocalFailure.Kind parsed = OpenCtiJson.enumValue(LocalFailure.Kind.class, kind, local.pathOf("kind"));
            return new LocalFailure(parsed, local.string("message"));
        }
        return decodeResult(root);
    }

    /** Decodes a Salesforce callback result as the bridge received it. */
    static OpenCtiResult decodeResult(String json) {
        return decodeResult(Fields.root(OpenCtiJson.parse(json)));
    }

    /**
     * Reads an {@code errors} array on its own, e.g. the details a transport attached to a failed invocation; paths
     * in errors are those of a result's ({@code errors[0].code}).
     */
    static List<OpenCtiError> decodeErrors(String json) {
        ObjectNode wrapper = OpenCtiJson.MAPPER.createObjectNode();
        wrapper.put("success", false);
        wrapper.set("errors", OpenCtiJson.parse(json));
        return decodeResult(Fields.root(wrapper)).errors();
    }

    private static OpenCtiResult decodeResult(Fields root) {
        boolean success = root.bool("success");
        // Read once into plain Java: the flow looks into it (savedRecordId, searchMatches) without parsing again.
        @Nullable Object returnValue = root.any("returnValue");
        List<Fields> errorNodes = root.optObjects("errors");
        if (errorNodes == null) {
            return new OpenCtiResult(success, returnValue, List.of());
        }
        List<OpenCtiError> errors = new ArrayList<>(errorNodes.size());
        for (Fields e : errorNodes) {
            // A missing description is tolerated: losing the whole result over it would hide the failure.
            String description = e.optString("description");
            errors.add(OpenCtiError.of(e.string("code"), description == null ? "" : description,
                    e.optJsonText("details")));
        }
        return new OpenCtiResult(success, returnValue, errors);
    }
}
