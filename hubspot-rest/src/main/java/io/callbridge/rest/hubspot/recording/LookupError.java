package io.callbridge.rest.hubspot.recording;

/** The body of a refused recording look-up: {@code {"message":"…"}}. */
record LookupError(String message) {
    String toJson() {
        return RecordingWire.JSON.writeValueAsString(RecordingWire.JSON.createObjectNode().put("message", message));
    }
}
