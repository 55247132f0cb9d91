package io.callbridge.operations;

import static io.callbridge.operations.Setting.base64;
import static io.callbridge.operations.Setting.bool;
import static io.callbridge.operations.Setting.duration;
import static io.callbridge.operations.Setting.idAndSecret;
import static io.callbridge.operations.Setting.integer;
import static io.callbridge.operations.Setting.list;
import static io.callbridge.operations.Setting.require;
import static io.callbridge.operations.Setting.text;

import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** The keys of {@link TransportSettings}, {@link HealthEndpoints} and the metrics path. */
final class TransportKeys {
    private TransportKeys() {
    }

    static List<Setting<TransportSettings>> settings() {
        TransportSettings d = TransportSettings.DEFAULTS;
        return List.of(
                Setting.<TransportSettings>of("transport.host", "host", d.host(), "interface to listen on",
                        (s, t) -> s.withHost(text(t))),
                Setting.<TransportSettings>of("transport.port", "integer", String.valueOf(d.port()),
                        "TCP port (0: any free one)", (s, t) -> s.withPort(integer(t))),
                Setting.<TransportSettings>of("transport.tls.keystore", "path", "(none: plain HTTP)",
                        "PKCS12 keystore to serve HTTPS/WSS from",
                        (s, t) -> s.withTls(new TransportSettings.Tls(Path.of(text(t)),
                                s.tls() == null ? "" : s.tls().password()))),
                Setting.<TransportSettings>secret("transport.tls.password", "secret", "(empty)",
                        "the keystore's password",
                        (s, t) -> s.withTls(new TransportSettings.Tls(
                                require(s.tls(), "transport.tls.keystore").keystore(), t))),
                Setting.<TransportSettings>of("transport.bridge-path", "path", d.bridgePath(),
                        "path of the bridge WebSocket",
                        (s, t) -> s.withBridgePath(text(t))),
                Setting.<TransportSettings>of("transport.static-path", "path", d.staticPath(),
                        "path the jars' static pages are served under",
                        (s, t) -> s.withStaticPath(text(t))),
                Setting.<TransportSettings>of("transport.page.bridge-url", "ws(s) URL", "(the page's own server)",
                        "the bridge URL the pages' callbridge-config.json names",
                        (s, t) -> s.withPageConfig(s.pageConfig().withBridgeUrl(text(t)))),
                Setting.<TransportSettings>of("transport.page.sign-in-url", "http(s) URL", "(none)",
                        "the vendor's sign-in page the softphone template opens",
                        (s, t) -> s.withPageConfig(s.pageConfig().withSignInUrl(text(t)))),
                Setting.<TransportSettings>of("transport.page.token-url", "http(s) URL", "(none)",
                        "the vendor's agent-token endpoint the softphone template calls",
                        (s, t) -> s.withPageConfig(s.pageConfig().withTokenUrl(text(t)))),
                Setting.<TransportSettings>of("transport.allowed-origins", "origins", "(none)",
                        "browser origins allowed to open a bridge, comma-separated, e.g. https://app.hubspot.com",
                        (s, t) -> s.withAllowedOrigins(new LinkedHashSet<>(list(t)))),
                Setting.<TransportSettings>of("transport.max-frame-bytes", "integer",
                        String.valueOf(d.maxFrameBytes()), "largest frame a bridge may send",
                        (s, t) -> s.withMaxFrameBytes(integer(t))),
                Setting.<TransportSettings>of("transport.messages-per-second", "integer",
                        String.valueOf(d.messagesPerSecond()), "sustained messages per second per session",
                        (s, t) -> s.withRateLimit(integer(t), s.messageBurst())),
                Setting.<TransportSettings>of("transport.message-burst", "integer", String.valueOf(d.messageBurst()),
                        "messages a session may send at once", (s, t) -> s.withRateLimit(s.messagesPerSecond(),
                                integer(t))),
                Setting.<TransportSettings>of("transport.max-sessions-per-agent", "integer",
                        String.valueOf(d.maxSessionsPerAgent()), "connected frames per agent",
                        (s, t) -> s.withMaxSessionsPerAgent(integer(t))),
                Setting.<TransportSettings>of("transport.idle-timeout", "duration", "60s",
                        "a connection with no traffic for this long is dropped",
                        (s, t) -> s.withIdleTimeout(duration(t))),
                Setting.<TransportSettings>of("transport.ping-interval", "duration", "20s",
                        "how often the server pings each session", (s, t) -> s.withPingInterval(duration(t))),
                Setting.<TransportSettings>of("transport.hello-timeout", "duration", "10s",
                        "how long a new connection may take to authenticate",
                        (s, t) -> s.withHelloTimeout(duration(t))),
                Setting.<TransportSettings>of("transport.send-queue-limit", "integer",
                        String.valueOf(d.sendQueueLimit()), "frames queued to one session before it is closed",
                        (s, t) -> s.withSendQueueLimit(integer(t))),
                Setting.<TransportSettings>of("transport.ui-refresh-delay", "duration", "20ms",
                        "how long a softphone snapshot waits to gather a burst of events",
                        (s, t) -> s.withUiRefreshDelay(duration(t))),
                Setting.<TransportSettings>of("transport.detach-grace", "duration", "30s",
                        "how long an agent's adapter outlives its last frame (page reloads)",
                        (s, t) -> s.withDetachGrace(duration(t))),
                Setting.<TransportSettings>of("transport.drain-timeout", "duration", "5s",
                        "how long a graceful shutdown waits for sessions to close",
                        (s, t) -> s.withDrainTimeout(duration(t))),
                Setting.<TransportSettings>of("transport.write-timeout", "duration", "20s",
                        "a session whose frame takes this long to write is closed",
                        (s, t) -> s.withWriteTimeout(duration(t))),
                Setting.<TransportSettings>of("transport.demo-mode", "boolean", "false",
                        "serve /demo/token to anyone: samples only, never production",
                        (s, t) -> s.withDemoMode(bool(t))),
                Setting.<TransportSettings>secret("transport.token-key", "ID:SECRET", "(none: required)",
                        "the key agent tokens are signed with, the same on every node: an id, a colon and at least "
                                + "32 random bytes in base64",
                        (s, t) -> s.withTokenKeys(tokenKey(t), s.previousTokenKey())),
                Setting.<TransportSettings>secret("transport.previous-token-key", "ID:SECRET", "(none)",
                        "the key before a rotation, whose tokens are still accepted",
                        (s, t) -> s.withTokenKeys(require(s.tokenKey(), "transport.token-key"), tokenKey(t))),
                Setting.<TransportSettings>of("transport.max-token-ttl", "duration", "1d",
                        "the longest an agent token may live", (s, t) -> s.withMaxTokenTtl(duration(t))));
    }

    static List<Setting<HealthEndpoints>> health() {
        HealthEndpoints d = HealthEndpoints.DEFAULTS;
        return List.of(
                Setting.<HealthEndpoints>of("health.enabled", "boolean", "true",
                        "whether the server answers the health endpoints",
                        (s, t) -> new HealthEndpoints(bool(t), s.livePath(), s.readyPath())),
                Setting.<HealthEndpoints>of("health.live-path", "path", d.livePath(), "the liveness endpoint",
                        (s, t) -> new HealthEndpoints(s.enabled(), text(t), s.readyPath())),
                Setting.<HealthEndpoints>of("health.ready-path", "path", d.readyPath(), "the readiness endpoint",
                        (s, t) -> new HealthEndpoints(s.enabled(), s.livePath(), text(t))));
    }

    /** The metrics path, checked as a route's. */
    static List<Setting<String>> metrics() {
        return List.of(Setting.<String>of("metrics.path", "path", "/metrics", "the Prometheus scrape endpoint",
                (s, t) -> io.callbridge.transport.websocket.HttpRoute.of(text(t),
                        request -> io.callbridge.transport.websocket.HttpResponse.empty(204)).pathPrefix()));
    }

    private static TokenKey tokenKey(String text) {
        String[] parts = idAndSecret(text);
        return TokenKey.of(parts[0], base64(parts[1]));
    }
}
