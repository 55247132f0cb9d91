package io.callbridge.transport.websocket.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /demo/token?tenant=t&agent=a&crm=hubspot}: issues a token to anyone who asks. Only installed in demo
 * mode, so the samples run without a vendor backend; in production the vendor's backend calls {@link AgentTokens}.
 *
 * <p>Only for a loopback {@code Host} ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}): a web page of any other
 * site can make its own name resolve to 127.0.0.1 (DNS rebinding) and then read tokens from a developer's demo, but its
 * requests still carry its own name, and are refused with 403.
 */
final class DemoTokenHandler extends Handler.Abstract {
    static final String PATH = "/demo/token";
    private static final Duration TTL = Duration.ofHours(1);
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

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
        if (!isLoopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
            Response.writeError(request, response, callback, 403, "demo tokens are only issued to localhost");
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

    /** Whether a Host header names this machine by a loopback name or address, with any port. */
    static boolean isLoopbackHost(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && name.substring(1, close).equals("::1") && portOnly(name.substring(close + 1));
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!portOnly(name.substring(colon))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches();
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || PORT.matcher(rest).matches();
    }

    private static String value(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
