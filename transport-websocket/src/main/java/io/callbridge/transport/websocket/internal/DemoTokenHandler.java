package io.callbridge.transport.websocket.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /demo/token?tenant=t&agent=a&crm=hubspot}: issues a token to anyone who asks. Only installed in demo
 * mode, so the samples run without a vendor backend; in production the vendor's backend calls {@link AgentTokens}.
 */
final class DemoTokenHandler extends Handler.Abstract {
    static final String PATH = "/demo/token";
    private static final Duration TTL = Duration.ofHours(1);

    private final AgentTokens tokens;

    DemoTokenHandler(AgentTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!"GET".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        String token;
        try {
            token = tokens.issue(AgentId.of(value(query, "tenant"), value(query, "agent")), value(query, "crm"), TTL);
        } catch (IllegalArgumentException e) {
            Response.writeError(request, response, callback, 400, e.getMessage());
            return true;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("token", token);
        body.put("ttlSeconds", TTL.toSeconds());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body.toString(), callback);
        return true;
    }

    private static String value(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
