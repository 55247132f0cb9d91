package io.callbridge.rest.hubspot.auth;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An error from HubSpot's token endpoints: HubSpot's own shape {@code {"status":"BAD_REFRESH_TOKEN","message":…,
 * "correlationId":…}}, or OAuth's {@code {"error":"invalid_grant","error_description":…}}; read leniently, since an
 * error body is only ever shown.
 */
record OAuthErrorBody(@Nullable String status, @Nullable String message, @Nullable String correlationId) {

    static OAuthErrorBody parse(String body) {
        try {
            JsonNode node = StoredTokens.JSON.readTree(body);
            if (node != null && node.isObject()) {
                String status = text(node, "status");
                String message = text(node, "message");
                if (status == null) {
                    status = text(node, "error");
                }
                if (message == null) {
                    message = text(node, "error_description");
                }
                return new OAuthErrorBody(status, message, text(node, "correlationId"));
            }
        } catch (JacksonException e) {
            // not JSON: nothing but the HTTP status to go on
        }
        return new OAuthErrorBody(null, null, null);
    }

    /** The refresh token (or code) is gone: the portal uninstalled the app, or the grant was used or expired. */
    boolean grantRefused() {
        return "BAD_REFRESH_TOKEN".equals(status) || "invalid_grant".equals(status) || "BAD_AUTH_CODE".equals(status);
    }

    /** e.g. {@code BAD_REFRESH_TOKEN: missing or invalid refresh token}. */
    String summary(int httpStatus) {
        StringBuilder s = new StringBuilder();
        s.append(status != null ? status : "HTTP " + httpStatus);
        if (message != null) {
            s.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "…" : message);
        }
        if (correlationId != null) {
            s.append(" (correlationId ").append(correlationId).append(')');
        }
        return s.toString();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
