package io.callbridge.crmsim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of the HubSpot host page's {@code POST /sim/hubspot/engagements} (create: no {@code engagementId}) and
 * {@code POST /sim/hubspot/engagements/update}: {@code {"portalId":990001,"engagementId":48000000001,
 * "properties":{"hs_call_status":"COMPLETED",...}}}. Property values are strings, numbers or booleans (kept as their
 * text), or null (left out).
 */
record EngagementRequest(long portalId, @Nullable Long engagementId, Map<String, String> properties) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    EngagementRequest {
        properties = Map.copyOf(properties);
    }

    /** Parses and checks a body; the message names the field at fault. */
    static EngagementRequest parse(String body, boolean update) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        JsonNode portal = root.path("portalId");
        if (!portal.isIntegralNumber() || portal.asLong() <= 0) {
            throw new IllegalArgumentException("portalId must be a positive integer");
        }
        Long engagement = null;
        JsonNode id = root.path("engagementId");
        if (update) {
            if (!id.isIntegralNumber() || id.asLong() <= 0) {
                throw new IllegalArgumentException("engagementId must be a positive integer");
            }
            engagement = id.asLong();
        } else if (!id.isMissingNode() && !id.isNull()) {
            throw new IllegalArgumentException("engagementId must be absent on create");
        }
        JsonNode props = root.path("properties");
        if (!props.isObject()) {
            throw new IllegalArgumentException("properties must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!(v.isString() || v.isNumber() || v.isBoolean())) {
                throw new IllegalArgumentException("properties." + e.getKey() + " must be a string, number or boolean");
            }
            out.put(e.getKey(), v.isString() ? v.stringValue() : v.asString());
        }
        return new EngagementRequest(portal.asLong(), engagement, out);
    }
}
