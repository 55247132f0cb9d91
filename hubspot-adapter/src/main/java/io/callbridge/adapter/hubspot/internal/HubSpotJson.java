package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.message.CallerIdMatch;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.HubSpotMessageCodec;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.model.CallId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the lanes write and read: SDK arguments through the wire model's codec, and, outside the wire model, the
 * softphone's UI states and single fields of raw HubSpot payloads. One codec and one mapper for every agent; both are
 * immutable and thread-safe.
 */
final class HubSpotJson {
    static final HubSpotMessageCodec CODEC = new HubSpotMessageCodec();
    /** For the UI states and payload fields only; the wire model keeps its own strict mapper behind the codec. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HubSpotJson() {
    }

    /** The arguments of the SDK call for {@code message}: its wire data, or JSON {@code null} when it has none. */
    static String args(ToHubSpot message) {
        String data = CODEC.encodeData(message);
        return data == null ? "null" : data;
    }

    /** UI topic {@code hubspot.visibility}: which frame HubSpot minimised or hid. */
    static String visibility(FrameInfo frame, FromHubSpot.VisibilityChanged visibility) {
        ObjectNode state = JSON.createObjectNode();
        state.put("sessionId", frame.sessionId());
        state.put("role", frame.role());
        state.put("isMinimized", visibility.isMinimized());
        state.put("isHidden", visibility.isHidden());
        return JSON.writeValueAsString(state);
    }

    /** UI topic {@code hubspot.callerIdMatches}: the records HubSpot found for an inbound call, to choose from. */
    static String callerIdMatches(CallId callId, List<CallerIdMatch> matches) {
        ObjectNode state = JSON.createObjectNode();
        state.put("callId", callId.value());
        String data = CODEC.encodeData(new FromHubSpot.CallerIdMatchSucceeded(matches));
        state.set("callerIdMatches", JSON.readTree(Objects.requireNonNull(data)).get("callerIdMatches"));
        return JSON.writeValueAsString(state);
    }

    /** A text field of raw JSON by dotted path ({@code error.message}), or null when there is none. */
    static @Nullable String text(@Nullable String rawJson, String path) {
        if (rawJson == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(rawJson);
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node != null && node.isString() ? node.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
