package io.callbridge.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link HttpEndpoint} answers.
 *
 * @param status the HTTP status, 100-599
 * @param headers response headers (a {@code Content-Type} among them when there is a body)
 * @param body the body's bytes, possibly empty
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599 but was " + status);
        }
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A UTF-8 text body of the given media type, e.g. {@code application/json}. */
    public static HttpResponse of(int status, String mediaType, String body) {
        Objects.requireNonNull(mediaType, "mediaType");
        return new HttpResponse(status, Map.of("Content-Type", mediaType + "; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body (already written as text). */
    public static HttpResponse json(int status, String json) {
        return of(status, "application/json", json);
    }

    /** A plain text body. */
    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain", text);
    }

    /** No body: e.g. 204 for a webhook that was taken. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), new byte[0]);
    }

    /** This response with one more header (replacing one of the same name). */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new HttpResponse(status, more, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " bytes]";
    }
}
