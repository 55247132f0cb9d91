package io.callbridge.rest.hubspot.auth;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What HubSpot's token introspection ({@code POST /oauth/v3/token/introspect}) answers: {@code active} and, for an
 * active token, {@code hub_id} among its metadata.
 */
record IntrospectionResponse(boolean active, @Nullable Long hubId) {

    /** The portal, if the token is active and HubSpot names it. */
    @Nullable Long activeHubId() {
        return active ? hubId : null;
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static IntrospectionResponse parse(String body) {
        JsonNode node;
        try {
            node = StoredTokens.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("HubSpot's introspection response is not JSON");
        }
        if (node == null || !node.isObject() || !node.path("active").isBoolean()) {
            throw new IllegalArgumentException("HubSpot's introspection response: active must be true or false");
        }
        JsonNode hub = node.get("hub_id");
        if (hub != null && !hub.isNull() && (!hub.isIntegralNumber() || hub.longValue() <= 0)) {
            throw new IllegalArgumentException("HubSpot's introspection response: hub_id must be a positive number");
        }
        return new IntrospectionResponse(node.get("active").booleanValue(),
                hub == null || hub.isNull() ? null : hub.longValue());
    }
}
