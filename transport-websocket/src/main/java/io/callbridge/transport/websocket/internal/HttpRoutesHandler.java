package io.callbridge.transport.websocket.internal;

import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.callbridge.transport.websocket.HttpRoute;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link HttpRoute}s (the server's own health routes and the vendor's) and hands every other request to
 * the next handler. Which route serves a path is unambiguous: {@link #checkPaths} refused overlapping ones at start.
 */
final class HttpRoutesHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutesHandler.class);

    /** A route and what it is, for error messages. */
    record Named(String what, HttpRoute route) { }

    private final List<Named> routes;

    HttpRoutesHandler(List<Named> routes, @Nullable Handler next) {
        super(next);
        this.routes = List.copyOf(routes);
    }

    /**
     * Refuses paths that two parties would both answer: two routes whose prefixes overlap, or a route over one of the
     * server's own paths.
     *
     * @param reserved the server's own paths with what each is, e.g. {@code "/bridge/v1" -> "the bridge WebSocket"}
     * @throws IllegalStateException naming both parties
     */
    static void checkPaths(List<Named> routes, Map<String, String> reserved) {
        for (int i = 0; i < routes.size(); i++) {
            Named a = routes.get(i);
            for (Map.Entry<String, String> own : reserved.entrySet()) {
                if (a.route().overlaps(own.getKey())) {
                    throw new IllegalStateException(a.what() + " at " + a.route().pathPrefix() + " clashes with "
                            + own.getValue() + " at " + own.getKey() + ": give it another path prefix");
                }
            }
            for (int j = i + 1; j < routes.size(); j++) {
                Named b = routes.get(j);
                if (a.route().overlaps(b.route().pathPrefix())) {
                    throw new IllegalStateException(a.what() + " at " + a.route().pathPrefix() + " clashes with "
                            + b.what() + " at " + b.route().pathPrefix()
                            + ": a path prefix may not be another route's or lie below it");
                }
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        for (Named named : routes) {
            if (named.route().serves(path)) {
                serve(named, path, request, response, callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private static void serve(Named named, String path, Request request, Response response, Callback callback) {
        HttpRoute route = named.route();
        long length = request.getLength();
        if (length > HttpRequest.MAX_BODY_BYTES) {
            Response.writeError(request, response, callback, 413, "bodies may be at most "
                    + HttpRequest.MAX_BODY_BYTES + " bytes");
            return;
        }
        byte[] body;
        try {
            body = Content.Source.asByteArrayAsync(request, HttpRequest.MAX_BODY_BYTES).get();
        } catch (ExecutionException e) {
            Response.writeError(request, response, callback, 413, "bodies may be at most "
                    + HttpRequest.MAX_BODY_BYTES + " bytes");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Response.writeError(request, response, callback, 503);
            return;
        }
        HttpResponse answer;
        try {
            answer = route.endpoint().handle(toRequest(request, path, route.pathPrefix(), body));
            if (answer == null) {
                throw new IllegalStateException("the endpoint returned no response");
            }
        } catch (Exception e) {
            // The request's path and body may carry personal data: the route's prefix names the endpoint.
            LOG.warn("{} at {} failed on a {} request ({})", named.what(), route.pathPrefix(), request.getMethod(),
                    Failures.summary(e));
            LOG.debug("{} at {} failed", named.what(), route.pathPrefix(), e);
            Response.writeError(request, response, callback, 500);
            return;
        }
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        byte[] bytes = answer.body();
        boolean head = "HEAD".equals(request.getMethod());
        if (head || bytes.length == 0) {
            if (!head) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    private static HttpRequest toRequest(Request request, String path, String prefix, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new HttpRequest(request.getMethod().toUpperCase(Locale.ROOT), path, path.substring(prefix.length()),
                query, headers, body, request.isSecure(), String.valueOf(Request.getRemoteAddr(request)));
    }
}
