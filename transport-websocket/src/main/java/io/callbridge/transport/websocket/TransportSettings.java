package io.callbridge.transport.websocket;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the WebSocket transport listens and what it tolerates. {@link #DEFAULTS} suits a single server behind a
 * TLS-terminating proxy; bind a replacement with {@code OptionalBinder.newOptionalBinder(binder(),
 * TransportSettings.class).setBinding().toInstance(...)}.
 *
 * @param host interface to bind, e.g. {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (read it back from {@link BridgeServer#port()})
 * @param tls serve HTTPS/WSS from a PKCS12 keystore, or null for plain HTTP/WS
 * @param bridgePath path of the bridge WebSocket endpoint
 * @param staticPath path under which jars' {@code META-INF/callbridge/static/} resources are served
 * @param allowedOrigins exact {@code Origin} values a browser may connect from (e.g. {@code https://app.hubspot.com});
 *     an upgrade that carries another Origin is refused with 403. Requests without an Origin (not a browser) are
 *     let through to the token check.
 * @param maxFrameBytes largest text frame a bridge may send; larger ones are answered with an error
 * @param messagesPerSecond sustained messages per second a session may send (token bucket)
 * @param messageBurst how many messages a session may send at once before the rate applies
 * @param maxSessionsPerAgent connected frames per agent, over all CRMs; a session beyond it replaces the agent's
 *     session idle longest (closed with 4002), or is refused with 1013 if every one is running a CRM invocation
 * @param idleTimeout a connection with no traffic at all (not even pong) for this long is dropped
 * @param pingInterval how often the server sends WebSocket pings to keep proxies and the idle timer happy
 * @param helloTimeout how long a new connection may take to authenticate
 * @param sendQueueLimit frames waiting to be written to one session; beyond it the session is closed with 1013
 * @param writeTimeout a session whose frame has been being written for this long (the bridge reads nothing) is closed
 *     with 1013 and its connection dropped, however busy the bridge keeps it with its own pings
 * @param uiRefreshDelay how long an agent's {@code ui} snapshot waits after the event that changed it, so that a burst
 *     of events (a call's new state, the agent's activity, the CRM confirming a step) becomes one frame and the CRM
 *     invocations those events cause, which carry side effects, are written first; zero sends each at once
 * @param detachGrace how long an agent's adapter handler outlives the agent's last frame, so that a page reload
 *     keeps pending invocations and adapter state
 * @param drainTimeout how long a graceful shutdown waits for frames to be written and sessions to close
 * @param demoMode expose {@code /demo/token}, which issues agent tokens to anyone: samples only, never production.
 *     Also the only mode that runs without a configured token key (it then signs with a random key of the process)
 * @param tokenKey the key agent tokens are signed with, the same on every node; required outside demo mode unless
 *     {@link TokenKeys} is bound otherwise. Without it a restart would invalidate every token
 * @param previousTokenKey the key of the rotation before, whose tokens still verify, or null
 * @param maxTokenTtl the longest an agent token may live (at most {@link AgentTokens#MAX_TTL}): longer lifetimes are
 *     neither issued nor accepted
 * @param pageConfig what softphone pages read from {@code <staticPath>/callbridge-config.json}: the bridge URL and the
 *     vendor's sign-in and token URLs, so that a page needs no URL written into it ({@link PageConfig#NONE}: the
 *     bridge at {@code bridgePath} of the page's own server, no sign-in)
 */
public record TransportSettings(
        String host,
        int port,
        @Nullable Tls tls,
        String bridgePath,
        String staticPath,
        Set<String> allowedOrigins,
        int maxFrameBytes,
        int messagesPerSecond,
        int messageBurst,
        int maxSessionsPerAgent,
        Duration idleTimeout,
        Duration pingInterval,
        Duration helloTimeout,
        int sendQueueLimit,
        Duration uiRefreshDelay,
        Duration detachGrace,
        Duration drainTimeout,
        boolean demoMode,
        @Nullable TokenKey tokenKey,
        @Nullable TokenKey previousTokenKey,
        Duration maxTokenTtl,
        Duration writeTimeout,
        PageConfig pageConfig) {

    /** Longer would make the softphone feel slow: the snapshot is what the agent sees. */
    static final Duration MAX_UI_REFRESH_DELAY = Duration.ofSeconds(1);

    public static final TransportSettings DEFAULTS = new TransportSettings("0.0.0.0", 8080, null, "/bridge/v1",
            "/static", Set.of(), 64 * 1024, 20, 40, 16, Duration.ofSeconds(60), Duration.ofSeconds(20),
            Duration.ofSeconds(10), 1024, Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(5), false,
            null, null, AgentTokens.MAX_TTL, Duration.ofSeconds(20));

    /** The settings as they were before {@code pageConfig}: pages find the bridge on their own server. */
    public TransportSettings(String host, int port, @Nullable Tls tls, String bridgePath, String staticPath,
            Set<String> allowedOrigins, int maxFrameBytes, int messagesPerSecond, int messageBurst,
            int maxSessionsPerAgent, Duration idleTimeout, Duration pingInterval, Duration helloTimeout,
            int sendQueueLimit, Duration uiRefreshDelay, Duration detachGrace, Duration drainTimeout, boolean demoMode,
            @Nullable TokenKey tokenKey, @Nullable TokenKey previousTokenKey, Duration maxTokenTtl,
            Duration writeTimeout) {
        this(host, port, tls, bridgePath, staticPath, allowedOrigins, maxFrameBytes, messagesPerSecond, messageBurst,
                maxSessionsPerAgent, idleTimeout, pingInterval, helloTimeout, sendQueueLimit, uiRefreshDelay,
                detachGrace, drainTimeout, demoMode, tokenKey, previousTokenKey, maxTokenTtl, writeTimeout,
                PageConfig.NONE);
    }

    /** A PKCS12 keystore holding the server's key and certificate chain. */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            // Keeps the password out of logs.
            return "Tls[keystore=" + keystore + "]";
        }
    }

    public TransportSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bridgePath, "bridgePath");
        Objects.requireNonNull(staticPath, "staticPath");
        allowedOrigins = Set.copyOf(allowedOrigins);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535 but was " + port);
        }
        if (!bridgePath.startsWith("/") || !staticPath.startsWith("/") || staticPath.equals("/")
                || bridgePath.equals(staticPath)) {
            throw new IllegalArgumentException("bridgePath and staticPath must be distinct absolute paths");
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024");
        }
        if (messagesPerSecond < 1 || messageBurst < 1 || maxSessionsPerAgent < 1) {
            throw new IllegalArgumentException("messagesPerSecond, messageBurst and maxSessionsPerAgent must be positive");
        }
        if (sendQueueLimit < 16) {
            throw new IllegalArgumentException("sendQueueLimit must be at least 16 but was " + sendQueueLimit);
        }
        positive("idleTimeout", idleTimeout);
        positive("pingInterval", pingInterval);
        positive("helloTimeout", helloTimeout);
        positive("drainTimeout", drainTimeout);
        positive("writeTimeout", writeTimeout);
        Objects.requireNonNull(uiRefreshDelay, "uiRefreshDelay");
        if (uiRefreshDelay.isNegative() || uiRefreshDelay.compareTo(MAX_UI_REFRESH_DELAY) > 0) {
            throw new IllegalArgumentException("uiRefreshDelay must be 0-" + MAX_UI_REFRESH_DELAY.toMillis()
                    + " ms but was " + uiRefreshDelay.toMillis() + " ms");
        }
        Objects.requireNonNull(detachGrace, "detachGrace");
        if (detachGrace.isNegative()) {
            throw new IllegalArgumentException("detachGrace must not be negative");
        }
        if (previousTokenKey != null && (tokenKey == null || previousTokenKey.id().equals(tokenKey.id()))) {
            throw new IllegalArgumentException("previousTokenKey needs a current tokenKey with another id");
        }
        Objects.requireNonNull(maxTokenTtl, "maxTokenTtl");
        if (maxTokenTtl.compareTo(Duration.ofSeconds(1)) < 0 || maxTokenTtl.compareTo(AgentTokens.MAX_TTL) > 0) {
            throw new IllegalArgumentException("maxTokenTtl must be 1 s to " + AgentTokens.MAX_TTL);
        }
        Objects.requireNonNull(pageConfig, "pageConfig");
    }

    /** Where bridges connect from the same host, e.g. for tests: loopback and an ephemeral port. */
    public static TransportSettings localEphemeral() {
        return DEFAULTS.withHost("127.0.0.1").withPort(0);
    }

    public TransportSettings withHost(String value) {
        Copy c = new Copy(this);
        c.host = value;
        return c.build();
    }

    public TransportSettings withPort(int value) {
        Copy c = new Copy(this);
        c.port = value;
        return c.build();
    }

    public TransportSettings withTls(@Nullable Tls value) {
        Copy c = new Copy(this);
        c.tls = value;
        return c.build();
    }

    public TransportSettings withAllowedOrigins(Set<String> value) {
        Copy c = new Copy(this);
        c.allowedOrigins = value;
        return c.build();
    }

    public TransportSettings withMaxFrameBytes(int value) {
        Copy c = new Copy(this);
        c.maxFrameBytes = value;
        return c.build();
    }

    public TransportSettings withRateLimit(int perSecond, int burst) {
        Copy c = new Copy(this);
        c.messagesPerSecond = perSecond;
        c.messageBurst = burst;
        return c.build();
    }

    public TransportSettings withMaxSessionsPerAgent(int value) {
        Copy c = new Copy(this);
        c.maxSessionsPerAgent = value;
        return c.build();
    }

    public TransportSettings withDetachGrace(Duration value) {
        Copy c = new Copy(this);
        c.detachGrace = value;
        return c.build();
    }

    public TransportSettings withUiRefreshDelay(Duration value) {
        Copy c = new Copy(this);
        c.uiRefreshDelay = value;
        return c.build();
    }

    public TransportSettings withDemoMode(boolean value) {
        Copy c = new Copy(this);
        c.demoMode = value;
        return c.build();
    }

    public TransportSettings withIdleTimeout(Duration value) {
        Copy c = new Copy(this);
        c.idleTimeout = value;
        return c.build();
    }

    public TransportSettings withPingInterval(Duration value) {
        Copy c = new Copy(this);
        c.pingInterval = value;
        return c.build();
    }

    public TransportSettings withHelloTimeout(Duration value) {
        Copy c = new Copy(this);
        c.helloTimeout = value;
        return c.build();
    }

    public TransportSettings withSendQueueLimit(int value) {
        Copy c = new Copy(this);
        c.sendQueueLimit = value;
        return c.build();
    }

    /**
     * Signs tokens with {@code current} and also accepts those of {@code previous} (null: none), e.g. while a rotation
     * is under way. Every node needs the same keys.
     */
    public TransportSettings withTokenKeys(TokenKey current, @Nullable TokenKey previous) {
        Copy c = new Copy(this);
        c.tokenKey = Objects.requireNonNull(current, "current");
        c.previousTokenKey = previous;
        return c.build();
    }

    public TransportSettings withBridgePath(String value) {
        Copy c = new Copy(this);
        c.bridgePath = value;
        return c.build();
    }

    public TransportSettings withStaticPath(String value) {
        Copy c = new Copy(this);
        c.staticPath = value;
        return c.build();
    }

    public TransportSettings withMessagesPerSecond(int value) {
        Copy c = new Copy(this);
        c.messagesPerSecond = value;
        return c.build();
    }

    public TransportSettings withMessageBurst(int value) {
        Copy c = new Copy(this);
        c.messageBurst = value;
        return c.build();
    }

    public TransportSettings withDrainTimeout(Duration value) {
        Copy c = new Copy(this);
        c.drainTimeout = value;
        return c.build();
    }

    /** The signing key alone; {@link #withTokenKeys} sets it together with the previous one. */
    public TransportSettings withTokenKey(@Nullable TokenKey value) {
        Copy c = new Copy(this);
        c.tokenKey = value;
        return c.build();
    }

    /** The key of the rotation before; needs a current {@code tokenKey} with another id. */
    public TransportSettings withPreviousTokenKey(@Nullable TokenKey value) {
        Copy c = new Copy(this);
        c.previousTokenKey = value;
        return c.build();
    }

    public TransportSettings withPageConfig(PageConfig value) {
        Copy c = new Copy(this);
        c.pageConfig = value;
        return c.build();
    }

    public TransportSettings withMaxTokenTtl(Duration value) {
        Copy c = new Copy(this);
        c.maxTokenTtl = value;
        return c.build();
    }

    public TransportSettings withWriteTimeout(Duration value) {
        Copy c = new Copy(this);
        c.writeTimeout = value;
        return c.build();
    }

    /** The record's components, to change one and build again. */
    private static final class Copy {
        String host;
        int port;
        @Nullable Tls tls;
        String bridgePath;
        String staticPath;
        Set<String> allowedOrigins;
        int maxFrameBytes;
        int messagesPerSecond;
        int messageBurst;
        int maxSessionsPerAgent;
        Duration idleTimeout;
        Duration pingInterval;
        Duration helloTimeout;
        int sendQueueLimit;
        Duration uiRefreshDelay;
        Duration detachGrace;
        Duration drainTimeout;
        boolean demoMode;
        @Nullable TokenKey tokenKey;
        @Nullable TokenKey previousTokenKey;
        Duration maxTokenTtl;
        Duration writeTimeout;
        PageConfig pageConfig;

        Copy(TransportSettings s) {
            host = s.host;
            port = s.port;
            tls = s.tls;
            bridgePath = s.bridgePath;
            staticPath = s.staticPath;
            allowedOrigins = s.allowedOrigins;
            maxFrameBytes = s.maxFrameBytes;
            messagesPerSecond = s.messagesPerSecond;
            messageBurst = s.messageBurst;
            maxSessionsPerAgent = s.maxSessionsPerAgent;
            idleTimeout = s.idleTimeout;
            pingInterval = s.pingInterval;
            helloTimeout = s.helloTimeout;
            sendQueueLimit = s.sendQueueLimit;
            uiRefreshDelay = s.uiRefreshDelay;
            detachGrace = s.detachGrace;
            drainTimeout = s.drainTimeout;
            demoMode = s.demoMode;
            tokenKey = s.tokenKey;
            previousTokenKey = s.previousTokenKey;
            maxTokenTtl = s.maxTokenTtl;
            writeTimeout = s.writeTimeout;
            pageConfig = s.pageConfig;
        }

        TransportSettings build() {
            return new TransportSettings(host, port, tls, bridgePath, staticPath, allowedOrigins, maxFrameBytes,
                    messagesPerSecond, messageBurst, maxSessionsPerAgent, idleTimeout, pingInterval, helloTimeout,
                    sendQueueLimit, uiRefreshDelay, detachGrace, drainTimeout, demoMode, tokenKey, previousTokenKey,
                    maxTokenTtl, writeTimeout, pageConfig);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
