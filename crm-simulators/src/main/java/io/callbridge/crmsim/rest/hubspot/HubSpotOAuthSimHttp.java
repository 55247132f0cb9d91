package io.callbridge.crmsim.rest.hubspot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** What the simulated OAuth, calling-settings and recordings endpoints share: bodies in, JSON and HubSpot errors out. */
final class HubSpotOAuthSimHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private HubSpotOAuthSimHttp() {
    }

    static String body(Request request) throws java.io.IOException {
        return Content.Source.asString(request, UTF_8);
    }

    /** An {@code application/x-www-form-urlencoded} text as its fields; a repeated field keeps its first value. */
    static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, null, callback);
    }

    /** HubSpot's API error body: {@code status}, {@code message}, {@code correlationId}, {@code category}. */
    static Map<String, Object> apiError(String category, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        return body;
    }

    /** A validation error naming the field, as HubSpot's {@code errors[].context}. */
    static Map<String, Object> validationError(String field, String message) {
        Map<String, Object> body = apiError("VALIDATION_ERROR", message);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("code", "INVALID_INPUT");
        error.put("context", Map.of("propertyName", java.util.List.of(field)));
        body.put("errors", java.util.List.of(error));
        return body;
    }

    /** The OAuth token endpoint's own error body: a {@code status} such as {@code BAD_REFRESH_TOKEN}. */
    static Map<String, Object> oauthError(String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        return body;
    }

    static @Nullable String bearer(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
