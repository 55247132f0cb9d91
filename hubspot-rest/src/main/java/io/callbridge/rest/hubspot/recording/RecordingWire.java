package io.callbridge.rest.hubspot.recording;

/** Holder of the JSON mapper the recording bodies share. */
final class RecordingWire {
    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private RecordingWire() {
    }
}
