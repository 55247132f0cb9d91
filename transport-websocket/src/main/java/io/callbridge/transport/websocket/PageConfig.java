package io.callbridge.transport.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the server tells softphone pages at {@code <staticPath>/callbridge-config.json}, so that a page copied from the
 * template needs no URL written into it: it fetches that file relative to its own URL and connects where it says.
 * Nothing in it is secret: any browser may read it.
 *
 * @param bridgeUrl the {@code ws://} or {@code wss://} URL bridges connect to, as browsers see it (e.g. behind a proxy
 *     or on another host than the pages); null: the transport's {@code bridgePath} on the page's own server
 * @param signInUrl the vendor's sign-in page, opened in a pop-up when the agent is not signed in; an absolute
 *     http(s) URL or a path on the page's server ({@code /signin}); null: the page does no sign-in
 * @param tokenUrl where the page fetches an agent token with the browser's cookies ({@code credentials: "include"}),
 *     answering {@code {"token": "…"}}, or 401 when the agent must sign in first; an absolute http(s) URL or a path;
 *     null: tokens come only from the sign-in pop-up (or the page's {@code #token=} fragment)
 */
public record PageConfig(@Nullable String bridgeUrl, @Nullable String signInUrl, @Nullable String tokenUrl) {

    /** No URLs: the bridge on the page's own server, no sign-in. */
    public static final PageConfig NONE = new PageConfig(null, null, null);

    public PageConfig {
        check("bridgeUrl", bridgeUrl, Set.of("ws", "wss"), false);
        check("signInUrl", signInUrl, Set.of("http", "https"), true);
        check("tokenUrl", tokenUrl, Set.of("http", "https"), true);
    }

    public PageConfig withBridgeUrl(@Nullable String value) {
        return new PageConfig(value, signInUrl, tokenUrl);
    }

    public PageConfig withSignInUrl(@Nullable String value) {
        return new PageConfig(bridgeUrl, value, tokenUrl);
    }

    public PageConfig withTokenUrl(@Nullable String value) {
        return new PageConfig(bridgeUrl, signInUrl, value);
    }

    private static void check(String name, @Nullable String value, Set<String> schemes, boolean pathAllowed) {
        if (value == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + e.getMessage(), e);
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a #fragment but was '" + value + "'");
        }
        if (pathAllowed && uri.getScheme() == null && uri.getHost() == null && value.startsWith("/")
                && !value.startsWith("//")) {
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(name + " must be an absolute " + String.join(" or ", schemes.stream()
                    .sorted().map(s -> s + "://").toList()) + " URL" + (pathAllowed ? " or a path starting with /" : "")
                    + " but was '" + value + "'");
        }
    }
}
