package io.callbridge.adapter.hubspot.message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validation shared by the record constructors, so that no model value built in Java can be invalid. */
final class Checks {

    /**
     * The one mapper of the package. A configured mapper is immutable and thread-safe, so sharing it is not
     * shared mutable state. Trailing tokens and duplicate keys are rejected: both hide malformed input.
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Checks() {
    }

    static String text(String value, String wireField) {
        Objects.requireNonNull(value, wireField);
        if (value.isBlank()) {
            throw new InvalidFieldException(wireField, "must not be blank");
        }
        return value;
    }

    static @Nullable String optText(@Nullable String value, String wireField) {
        return value == null ? null : text(value, wireField);
    }

    static long id(long value, String wireField) {
        if (value <= 0) {
            throw new InvalidFieldException(wireField, "must be a positive id, was " + value);
        }
        return value;
    }

    static @Nullable Long optId(@Nullable Long value, String wireField) {
        return value == null ? null : id(value, wireField);
    }

    static long nonNegative(long value, String wireField) {
        if (value < 0) {
            throw new InvalidFieldException(wireField, "must not be negative, was " + value);
        }
        return value;
    }

    static @Nullable Long optNonNegative(@Nullable Long value, String wireField) {
        return value == null ? null : nonNegative(value, wireField);
    }

    /** HubSpot accepts only secure recording URLs; anything else would be silently dropped on its side. */
    static @Nullable URI optHttps(@Nullable URI value, String wireField) {
        if (value != null && (!"https".equalsIgnoreCase(value.getScheme()) || value.getHost() == null)) {
            throw new InvalidFieldException(wireField, "must be an absolute https URL, was " + value);
        }
        return value;
    }

    /** Timestamps travel as epoch milliseconds; finer precision would not survive a round trip. */
    static Instant millis(Instant value, String wireField) {
        Objects.requireNonNull(value, wireField);
        return value.truncatedTo(ChronoUnit.MILLIS);
    }

    static @Nullable Duration optMillis(@Nullable Duration value, String wireField) {
        if (value == null) {
            return null;
        }
        if (value.isNegative()) {
            throw new InvalidFieldException(wireField, "must not be negative, was " + value);
        }
        return value.truncatedTo(ChronoUnit.MILLIS);
    }

    static <T> List<T> list(List<T> value, String wireField) {
        Objects.requireNonNull(value, wireField);
        return List.copyOf(value);
    }

    /** Raw JSON of any kind, stored in compact form so that equal payloads compare equal. */
    static String json(String raw, String wireField) {
        return JSON.writeValueAsString(parse(raw, wireField));
    }

    static @Nullable String optJson(@Nullable String raw, String wireField) {
        return raw == null ? null : json(raw, wireField);
    }

    /** Raw JSON that must be an object, stored in compact form. */
    static String jsonObject(String raw, String wireField) {
        JsonNode node = parse(raw, wireField);
        if (!node.isObject()) {
            throw new InvalidFieldException(wireField, "must be a JSON object");
        }
        return JSON.writeValueAsString(node);
    }

    static @Nullable String optJsonObject(@Nullable String raw, String wireField) {
        return raw == null ? null : jsonObject(raw, wireField);
    }

    private static JsonNode parse(String raw, String wireField) {
        Objects.requireNonNull(raw, wireField);
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new InvalidFieldException(wireField, "must hold JSON, was empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidFieldException(wireField, "must hold valid JSON: " + e.getOriginalMessage());
        }
    }
}
