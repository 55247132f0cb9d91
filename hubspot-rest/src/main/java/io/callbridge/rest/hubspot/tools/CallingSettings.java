package io.callbridge.rest.hubspot.tools;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's calling-extension settings as HubSpot holds them ({@code /crm/extensions/calling/2026-03/{appId}/settings}).
 *
 * @param name the name users see in HubSpot's call menu
 * @param url the https softphone page HubSpot opens in its calling frame
 * @param width the frame's width in pixels, 1-10000
 * @param height the frame's height in pixels, 1-10000
 * @param isReady whether the app is offered to users (false while it is being set up)
 * @param supportsInboundCalling whether the app takes inbound calls in HubSpot
 * @param usesCallingWindow whether HubSpot opens the app in its own calling window
 * @param usesRemote whether the app is anchored in HubSpot's calling remote
 * @param supportsCustomObjects whether calls can be placed from custom objects' records
 */
public record CallingSettings(String name, URI url, int width, int height, boolean isReady,
        boolean supportsInboundCalling, boolean usesCallingWindow, boolean usesRemote, boolean supportsCustomObjects) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public CallingSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1-100 characters, not blank");
        }
        checkUrl(url);
        checkSize("width", width);
        checkSize("height", height);
    }

    static void checkUrl(URI url) {
        if (!url.isAbsolute() || !"https".equals(url.getScheme().toLowerCase(Locale.ROOT)) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute https URL but was " + url);
        }
    }

    static void checkSize(String field, int pixels) {
        if (pixels < 1 || pixels > 10_000) {
            throw new IllegalArgumentException(field + " must be 1-10000 pixels but was " + pixels);
        }
    }

    /** The fields in HubSpot's order and names. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("url", url.toString());
        f.put("width", width);
        f.put("height", height);
        f.put("isReady", isReady);
        f.put("supportsInboundCalling", supportsInboundCalling);
        f.put("usesCallingWindow", usesCallingWindow);
        f.put("usesRemote", usesRemote);
        f.put("supportsCustomObjects", supportsCustomObjects);
        return f;
    }

    /** The POST body: every field. */
    String toJson() {
        return json(fields());
    }

    static String json(Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                node.put(k, b);
            } else if (v instanceof Integer i) {
                node.put(k, i);
            } else {
                node.put(k, String.valueOf(v));
            }
        });
        return JSON.writeValueAsString(node);
    }

    /**
     * HubSpot's answer ({@code createdAt}, {@code updatedAt} and unknown fields ignored).
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static CallingSettings parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("HubSpot's calling settings are not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("HubSpot's calling settings are not a JSON object");
        }
        return new CallingSettings(text(node, "name"), URI.create(text(node, "url")), integer(node, "width"),
                integer(node, "height"), bool(node, "isReady"), bool(node, "supportsInboundCalling"),
                bool(node, "usesCallingWindow"), bool(node, "usesRemote"), bool(node, "supportsCustomObjects"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("HubSpot's calling settings: " + field + " must be text");
        }
        return v.asString();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("HubSpot's calling settings: " + field + " must be a whole number");
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false; // older apps lack the newer flags
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("HubSpot's calling settings: " + field + " must be true or false");
        }
        return v.booleanValue();
    }
}
