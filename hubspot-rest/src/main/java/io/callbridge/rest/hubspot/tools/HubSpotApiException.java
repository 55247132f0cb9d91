package io.callbridge.rest.hubspot.tools;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot refused a settings request: the HTTP status and HubSpot's error body ({@code category}, {@code message},
 * the fields named in {@code errors[].context.propertyName}). The message never holds the developer API key.
 */
public final class HubSpotApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final @Nullable String category;
    private final List<String> fields;

    HubSpotApiException(String what, int status, String body) {
        this(what, status, Parsed.of(body));
    }

    private HubSpotApiException(String what, int status, Parsed parsed) {
        super(what + ": HubSpot answered " + status + (parsed.category == null ? "" : " " + parsed.category)
                + (parsed.message == null ? "" : ": " + parsed.message)
                + (parsed.fields.isEmpty() ? "" : " (fields: " + String.join(", ", parsed.fields) + ")")
                + (parsed.correlationId == null ? "" : " [correlationId " + parsed.correlationId + "]"));
        this.status = status;
        this.category = parsed.category;
        this.fields = List.copyOf(parsed.fields);
    }

    public int status() {
        return status;
    }

    public @Nullable String category() {
        return category;
    }

    /** The fields HubSpot named, if any. */
    public List<String> fields() {
        return fields;
    }

    private record Parsed(@Nullable String category, @Nullable String message, @Nullable String correlationId,
            List<String> fields) {
        static Parsed of(String body) {
            try {
                JsonNode node = CallingSettings.JSON.readTree(body);
                if (node != null && node.isObject()) {
                    List<String> fields = new ArrayList<>();
                    node.path("errors").forEach(e -> e.path("context").path("propertyName")
                            .forEach(p -> fields.add(p.asString())));
                    String message = text(node, "message");
                    if (message != null && message.length() > 300) {
                        message = message.substring(0, 300) + "…";
                    }
                    return new Parsed(text(node, "category"), message, text(node, "correlationId"), fields);
                }
            } catch (JacksonException e) {
                // not JSON
            }
            return new Parsed(null, null, null, List.of());
        }

        private static @Nullable String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || !v.isString() ? null : v.asString();
        }
    }
}
