package io.callbridge.transport.websocket;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A vendor's own HTTP endpoint served by the bridge server on its port, next to the bridge WebSocket and the static
 * files: a token endpoint for the softphone page, webhooks from the phone system, a health or metrics page. Contribute
 * one with {@code Multibinder.newSetBinder(binder(), HttpRoute.class).addBinding().toInstance(HttpRoute.of("/pbx",
 * endpoint))}; the server mounts every route when it starts and refuses to start, naming both, when two routes (or a
 * route and one of the server's own paths) overlap.
 *
 * <p>A route serves its prefix and every path below it ({@code /pbx} serves {@code /pbx} and {@code /pbx/calls}, not
 * {@code /pbxes}). The server's own paths are the bridge path, the static path, the health paths and, in demo mode,
 * {@code /demo/token}. The types are the transport's own rather than Jetty's, so a vendor's endpoints do not change
 * when the server does.
 *
 * @param pathPrefix an absolute path without a trailing slash, e.g. {@code /token}; not {@code /}
 * @param endpoint what answers the requests
 */
public record HttpRoute(String pathPrefix, HttpEndpoint endpoint) {
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+");

    public HttpRoute {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!PREFIX.matcher(pathPrefix).matches()) {
            throw new IllegalArgumentException("pathPrefix must be an absolute path of non-empty segments without a "
                    + "trailing slash (e.g. /token), and not / itself, but was '" + pathPrefix + "'");
        }
    }

    public static HttpRoute of(String pathPrefix, HttpEndpoint endpoint) {
        return new HttpRoute(pathPrefix, endpoint);
    }

    /** Whether this route serves {@code path}: the prefix itself or a path below it. */
    public boolean serves(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }

    /** Whether a request could be meant for both routes: one's prefix is the other's or lies below it. */
    public boolean overlaps(String otherPrefix) {
        return serves(otherPrefix) || otherPrefix.equals(pathPrefix) || pathPrefix.startsWith(otherPrefix + "/");
    }
}
