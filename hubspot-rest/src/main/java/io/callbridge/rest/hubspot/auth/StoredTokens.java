package io.callbridge.rest.hubspot.auth;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One portal's OAuth tokens as kept in the {@code hubspot.tokens} namespace of the CRM state store, as JSON:
 * {@code {"portalId":…,"accessToken":…,"refreshToken":…,"expiresAt":"…Z","scopes":[…]}} plus, while a node refreshes,
 * {@code "refreshingUntil":"…Z"} (the others wait until then) and, once HubSpot refused the refresh token,
 * {@code "refreshRefused":"BAD_REFRESH_TOKEN: …"} (no node asks again until the portal installs the app again).
 */
record StoredTokens(long portalId, String accessToken, String refreshToken, Instant expiresAt, List<String> scopes,
        @Nullable Instant refreshingUntil, @Nullable String refreshRefused) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    StoredTokens {
        if (portalId <= 0) {
            throw new IllegalArgumentException("portalId must be positive but was " + portalId);
        }
        nonBlank("accessToken", accessToken);
        nonBlank("refreshToken", refreshToken);
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = List.copyOf(scopes);
    }

    StoredTokens refreshing(@Nullable Instant until) {
        return new StoredTokens(portalId, accessToken, refreshToken, expiresAt, scopes, until, refreshRefused);
    }

    StoredTokens refused(String why) {
        return new StoredTokens(portalId, accessToken, refreshToken, expiresAt, scopes, null, why);
    }

    StoredTokens expired() {
        return new StoredTokens(portalId, accessToken, refreshToken, Instant.EPOCH, scopes, refreshingUntil,
                refreshRefused);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("portalId", portalId);
        node.put("accessToken", accessToken);
        node.put("refreshToken", refreshToken);
        node.put("expiresAt", expiresAt.toString());
        ArrayNode list = node.putArray("scopes");
        scopes.forEach(list::add);
        if (refreshingUntil != null) {
            node.put("refreshingUntil", refreshingUntil.toString());
        }
        if (refreshRefused != null) {
            node.put("refreshRefused", refreshRefused);
        }
        return JSON.writeValueAsString(node);
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static StoredTokens fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored HubSpot tokens are not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("stored HubSpot tokens are not a JSON object");
        }
        JsonNode portal = node.get("portalId");
        if (portal == null || !portal.isIntegralNumber()) {
            throw new IllegalArgumentException("stored HubSpot tokens: portalId must be a whole number");
        }
        List<String> scopes = new ArrayList<>();
        JsonNode list = node.get("scopes");
        if (list != null && list.isArray()) {
            list.forEach(s -> scopes.add(s.asString()));
        }
        return new StoredTokens(portal.longValue(), text(node, "accessToken"), text(node, "refreshToken"),
                instant(node, "expiresAt", true), scopes, instant(node, "refreshingUntil", false),
                node.hasNonNull("refreshRefused") ? node.get("refreshRefused").asString() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException("stored HubSpot tokens: " + field + " must be non-blank text");
        }
        return value.asString();
    }

    private static @Nullable Instant instant(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("stored HubSpot tokens: " + field + " is missing");
            }
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stored HubSpot tokens: " + field + " must be an ISO instant");
        }
    }

    private static void nonBlank(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be non-blank");
        }
    }

    @Override
    public String toString() {
        return "StoredTokens[portal " + portalId + ", expiresAt " + expiresAt + (refreshingUntil == null ? ""
                : ", refreshing until " + refreshingUntil) + (refreshRefused == null ? "" : ", refused") + "]";
    }
}
