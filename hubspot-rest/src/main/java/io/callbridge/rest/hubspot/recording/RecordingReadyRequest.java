package io.callbridge.rest.hubspot.recording;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The body of HubSpot's "recording ready": {@code {"engagementId":17591596434}} (the call's object id). */
record RecordingReadyRequest(long engagementId) {

    RecordingReadyRequest {
        if (engagementId <= 0) {
            throw new IllegalArgumentException("engagementId must be positive but was " + engagementId);
        }
    }

    String toJson() {
        return RecordingWire.JSON.writeValueAsString(RecordingWire.JSON.createObjectNode()
                .put("engagementId", engagementId));
    }

    /** @throws IllegalArgumentException naming the field */
    static RecordingReadyRequest parse(String json) {
        try {
            JsonNode node = RecordingWire.JSON.readTree(json);
            JsonNode id = node == null ? null : node.get("engagementId");
            if (id == null || !id.isIntegralNumber()) {
                throw new IllegalArgumentException("engagementId must be a whole number");
            }
            return new RecordingReadyRequest(id.longValue());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a recording-ready body must be JSON");
        }
    }
}
