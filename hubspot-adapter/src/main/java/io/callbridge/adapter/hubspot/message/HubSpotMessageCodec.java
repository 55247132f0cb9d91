package io.callbridge.adapter.hubspot.message;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JSON codec for {@link HubSpotMessage}s. Decoding is strict about the fields it knows (a precise
 * {@link HubSpotMessageException} naming the JSON path) and tolerant of extra ones, because HubSpot adds fields
 * without notice. Encoding writes {@code {"type": …, "data": {…}}} and omits absent optional fields, as the SDK's
 * JavaScript does; messages that carry no data on the wire (LOGGED_IN and the like) are written without
 * {@code data}. Immutable and thread-safe: share one instance.
 */
public final class HubSpotMessageCodec {

    public HubSpotMessageCodec() {
        // Stateless: all configuration lives in the package's single immutable mapper.
    }

    /** Decodes an event HubSpot sent to the calling app. {@code dataJson} may be null when there is no data. */
    public FromHubSpot decodeEvent(String type, @Nullable String dataJson) {
        checkType(type);
        if (!Decoder.FROM_HUBSPOT_TYPES.contains(type)) {
            throw Decoder.unknownType(type, "from-HubSpot");
        }
        return Decoder.event(type, Decoder.parseData(dataJson, type));
    }

    /** Decodes a message the calling app sends to HubSpot. {@code dataJson} may be null when there is no data. */
    public ToHubSpot decodeMessage(String type, @Nullable String dataJson) {
        checkType(type);
        if (!Decoder.TO_HUBSPOT_TYPES.contains(type)) {
            throw Decoder.unknownType(type, "to-HubSpot");
        }
        return Decoder.message(type, Decoder.parseData(dataJson, type));
    }

    /** The whole message as {@code {"type": …, "data": …}}. */
    public String encode(HubSpotMessage message) {
        return Encoder.envelope(message);
    }

    /** Only the {@code data} part, or null when the message carries no data on the wire. */
    public @Nullable String encodeData(HubSpotMessage message) {
        return Encoder.data(message);
    }

    /** Every type {@link #decodeMessage} knows. */
    public Set<String> toHubSpotTypes() {
        return Decoder.TO_HUBSPOT_TYPES;
    }

    /** Every type {@link #decodeEvent} knows. */
    public Set<String> fromHubSpotTypes() {
        return Decoder.FROM_HUBSPOT_TYPES;
    }

    private static void checkType(@Nullable String type) {
        if (type == null || type.isBlank()) {
            throw new HubSpotMessageException(HubSpotMessageException.Code.MISSING_FIELD, "type", null,
                    "type is required but missing");
        }
    }
}
