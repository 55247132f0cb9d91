package io.callbridge.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to an {@link HttpRoute}, read in full before the endpoint is called (bodies above
 * {@link #MAX_BODY_BYTES} are answered with 413 without calling it; a client still sending such a body may see the
 * connection closed instead).
 *
 * @param method e.g. {@code GET}
 * @param path the request path, e.g. {@code /pbx/calls/42}, decoded
 * @param pathInRoute the part of the path below the route's prefix, e.g. {@code /calls/42}; empty for the prefix itself
 * @param query the query parameters, decoded, each with its values in order
 * @param headers the headers, names in lower case, each with its values in order
 * @param body the body's bytes (empty when there is none)
 * @param secure whether the request came over TLS
 * @param remoteAddress the client's address as the server saw it (a proxy's, behind one)
 */
public record HttpRequest(String method, String path, String pathInRoute, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body, boolean secure, String remoteAddress) {

    /** The largest body the server reads for an endpoint. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pathInRoute, "pathInRoute");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /** The first value of a header, by its name in any case, or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, or null. */
    public @Nullable String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Headers and body may carry credentials and personal data: never in a log line.
        return "HttpRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
