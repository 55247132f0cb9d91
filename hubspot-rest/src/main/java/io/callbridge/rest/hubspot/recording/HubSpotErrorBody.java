package io.callbridge.rest.hubspot.recording;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's API error body, {@code {"status":"error","message":…,"correlationId":…,"category":…,"errors":[{"message":…,
 * "code":…,"context":{"propertyName":[…]}}]}}, read leniently (it is only shown).
 *
 * @param message HubSpot's text, which may quote what was sent (or, from a gateway, anything): kept out of
 *     {@link #summary()}
 */
record HubSpotErrorBody(@Nullable String category, @Nullable String message, @Nullable String correlationId,
        List<String> codes, List<String> fields) {

    HubSpotErrorBody {
        codes = List.copyOf(codes);
        fields = List.copyOf(fields);
    }


    static HubSpotErrorBody parse(String body) {
        try {
            JsonNode node = RecordingWire.JSON.readTree(body);
            if (node != null && node.isObject()) {
                List<String> codes = new ArrayList<>();
                List<String> fields = new ArrayList<>();
                node.path("errors").forEach(e -> {
                    String code = text(e, "code");
                    if (code != null) {
                        codes.add(code);
                    }
                    e.path("context").path("propertyName").forEach(p -> fields.add(p.asString()));
                });
                return new HubSpotErrorBody(text(node, "category"), text(node, "message"),
                        text(node, "correlationId"), codes, fields);
            }
        } catch (JacksonException e) {
            // not JSON
        }
        return new HubSpotErrorBody(null, null, null, List.of(), List.of());
    }

    /** What is safe to log and show: the category, codes, fields and correlation id, never HubSpot's message. */
    String summary() {
        StringBuilder s = new StringBuilder(category == null ? "(no category)" : category);
        if (!codes.isEmpty()) {
            s.append(": ").append(String.join(", ", codes));
        }
        if (!fields.isEmpty()) {
            s.append(" (fields ").append(String.join(", ", fields)).append(')');
        }
        if (correlationId != null) {
            s.append(" [correlationId ").append(correlationId).append(']');
        }
        return s.toString();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
