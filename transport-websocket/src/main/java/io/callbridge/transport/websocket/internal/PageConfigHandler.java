package io.callbridge.transport.websocket.internal;

import io.callbridge.transport.websocket.PageConfig;
import io.callbridge.transport.websocket.TransportSettings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET <staticPath>/callbridge-config.json}: the {@link PageConfig} of {@link TransportSettings} as JSON, next
 * to the static files it wraps, so a softphone page fetches {@code ../callbridge-config.json} (relative to its own URL)
 * instead of having the bridge URL written into it. {@code bridgeUrl} is always present: the configured URL, or else
 * the transport's {@code bridgePath}, which the page resolves against its own origin. The sign-in and token URLs are
 * present only when configured. Every other path goes to the wrapped handler.
 */
final class PageConfigHandler extends Handler.Wrapper {
    static final String PATH = "/callbridge-config.json";

    private final String body;

    PageConfigHandler(TransportSettings settings) {
        this.body = json(settings);
    }

    static String json(TransportSettings settings) {
        PageConfig config = settings.pageConfig();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("bridgeUrl", config.bridgeUrl() != null ? config.bridgeUrl() : settings.bridgePath());
        if (config.signInUrl() != null) {
            node.put("signInUrl", config.signInUrl());
        }
        if (config.tokenUrl() != null) {
            node.put("tokenUrl", config.tokenUrl());
        }
        return node.toString();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, 405);
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        // Settings change with a restart; a page must not keep connecting to a bridge URL that moved.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Content.Sink.write(response, true, "HEAD".equals(method) ? "" : body, callback);
        return true;
    }
}
