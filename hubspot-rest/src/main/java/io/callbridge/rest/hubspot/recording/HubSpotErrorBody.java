package io.callbridge.rest.hubspot.recording;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's API error body, {@code {"status":"error","message":…,"correlationId":…,"category":…,"errors":[{"message":…,
 * "context":{"propertyName":[…]}}]}}, read leniently (it is only shown).
 */
record HubSpotErrorBody(@Nullable String category, @Nullable String message, @Nullable String correlationId,
        List<String> fields) {

    static HubSpotErrorBody parse(String body) {
        try {
            JsonNode node = RecordingWire.JSON.readTree(body);
            if (node != null && node.isObject()) {
                List<String> fields = new ArrayList<>();
                node.path("errors").forEach(e -> e.path("context").path("propertyName").forEach(
                        p -> fields.add(p.asString())));
                return new HubSpotErrorBody(text(node, "category"), text(node, "message"),
                        text(node, "correlationId"), fields);
            }
        } catch (JacksonException e) {
            // not JSON
        }
        return new HubSpotErrorBody(null, null, null, List.of());
    }

    String summary() {
        StringBuilder s = new StringBuilder(category == null ? "(no category)" : category);
        if (message != null) {
            s.append(": ").append(message.length() > 300 ? message.substring(0, 300) + "…" : message);
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
