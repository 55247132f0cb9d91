package io.callbridge.rest.hubspot.recording;

import java.net.URI;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What HubSpot expects back from a recording look-up: {@code {"authenticatedUrl":"https://…"}}. */
record RecordingLookupResponse(URI authenticatedUrl) {

    RecordingLookupResponse {
        Objects.requireNonNull(authenticatedUrl, "authenticatedUrl");
        if (!"https".equalsIgnoreCase(authenticatedUrl.getScheme())) {
            throw new IllegalArgumentException("authenticatedUrl must be an https URL");
        }
    }

    String toJson() {
        return RecordingWire.JSON.writeValueAsString(RecordingWire.JSON.createObjectNode()
                .put("authenticatedUrl", authenticatedUrl.toString()));
    }

    /** @throws IllegalArgumentException naming the field */
    static RecordingLookupResponse parse(String json) {
        try {
            JsonNode node = RecordingWire.JSON.readTree(json);
            JsonNode url = node == null ? null : node.get("authenticatedUrl");
            if (url == null || !url.isString()) {
                throw new IllegalArgumentException("authenticatedUrl must be text");
            }
            return new RecordingLookupResponse(URI.create(url.asString()));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a recording look-up answer must be JSON");
        }
    }

    @Override
    public String toString() {
        return "RecordingLookupResponse[" + authenticatedUrl.getHost() + "]";
    }
}
