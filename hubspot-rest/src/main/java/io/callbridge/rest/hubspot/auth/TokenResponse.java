package io.callbridge.rest.hubspot.auth;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What HubSpot's token endpoint ({@code POST /oauth/v3/token}) answers with 200: {@code access_token},
 * {@code refresh_token}, {@code expires_in} (seconds), {@code token_type} ({@code bearer}) and, since 2025,
 * {@code hub_id} (the portal) and {@code scopes}. Other fields are ignored.
 */
record TokenResponse(String accessToken, @Nullable String refreshToken, long expiresInSeconds,
        @Nullable Long hubId, List<String> scopes) {

    TokenResponse {
        scopes = List.copyOf(scopes);
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static TokenResponse parse(String body) {
        JsonNode node;
        try {
            node = StoredTokens.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("HubSpot's token response is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("HubSpot's token response is not a JSON object");
        }
        JsonNode access = node.get("access_token");
        if (access == null || !access.isString() || access.asString().isBlank()) {
            throw new IllegalArgumentException("HubSpot's token response has no access_token");
        }
        JsonNode expires = node.get("expires_in");
        if (expires == null || !expires.isIntegralNumber() || expires.longValue() <= 0) {
            throw new IllegalArgumentException("HubSpot's token response: expires_in must be a positive whole number");
        }
        JsonNode type = node.get("token_type");
        if (type != null && !type.isNull() && !"bearer".equalsIgnoreCase(type.asString())) {
            throw new IllegalArgumentException("HubSpot's token response: token_type must be bearer but was "
                    + type.asString());
        }
        JsonNode refresh = node.get("refresh_token");
        String refreshToken = refresh == null || refresh.isNull() || refresh.asString().isBlank() ? null
                : refresh.asString();
        JsonNode hub = node.get("hub_id");
        Long hubId = null;
        if (hub != null && !hub.isNull()) {
            if (!hub.isIntegralNumber() || hub.longValue() <= 0) {
                throw new IllegalArgumentException("HubSpot's token response: hub_id must be a positive whole number");
            }
            hubId = hub.longValue();
        }
        List<String> scopes = new ArrayList<>();
        JsonNode list = node.get("scopes");
        if (list != null && list.isArray()) {
            list.forEach(s -> scopes.add(s.asString()));
        }
        return new TokenResponse(access.asString(), refreshToken, expires.longValue(), hubId, scopes);
    }

    @Override
    public String toString() {
        return "TokenResponse[hub " + hubId + ", expires in " + expiresInSeconds + " s]";
    }
}
