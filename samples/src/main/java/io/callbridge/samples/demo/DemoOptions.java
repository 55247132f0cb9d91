package io.callbridge.samples.demo;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.transport.websocket.TransportSettings;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the demo listens, and whether over TLS.
 *
 * @param bindAddress interface both servers bind to; loopback by default, since the demo hands out agent tokens to
 *     anyone who asks
 * @param bridgePort the callbridge server (bridge WebSocket, softphone pages, demo tokens): the softphone origin is
 *     {@code http://127.0.0.1:<bridgePort>} ({@code https} with TLS)
 * @param hostPort the CRM host simulators: the host origin is {@code http://localhost:<hostPort>} ({@code https} with
 *     TLS), a different origin from the softphone's, as in a real CRM
 * @param tenant the tenant every demo agent belongs to
 * @param tls the PKCS12 keystore both servers serve https/wss from, or null for plain http/ws
 * @param redisUri keep the state in Redis at this {@code redis://} URI (calls, agents, work items, owed CRM side
 *     effects, the token key and the simulated phone system's calls), so that it outlives the process and several demo
 *     nodes share it; null: in this process's memory
 * @param timings how soon a call left behind (its tab closed) is wrapped up and logged by the REST fallbacks
 */
public record DemoOptions(String bindAddress, int bridgePort, int hostPort, String tenant,
        TransportSettings.@Nullable Tls tls, @Nullable String redisUri, Timings timings) {
    public static final int DEFAULT_PORT = 8080;
    /**
     * The Salesforce-shaped name the Salesforce host simulator is opened under, since Open CTI accepts only
     * {@code force.com} and {@code salesforce.com} origins. A browser maps it to loopback (Chromium:
     * {@code --host-resolver-rules="MAP callbridge-demo.lightning.force.com 127.0.0.1"}); {@code force.com} is
     * HSTS-preloaded, so only over TLS.
     */
    public static final String SALESFORCE_HOST_NAME = "callbridge-demo.lightning.force.com";

    public static final DemoOptions DEFAULTS = new DemoOptions("127.0.0.1", DEFAULT_PORT, DEFAULT_PORT + 1, "acme",
            null, null, Timings.DEFAULTS);

    /**
     * The closed-tab case's timings, demo-friendly (a production deployment keeps the modules' minutes).
     *
     * @param wrapUpTimeout a call left in wrap-up (nobody clicked Done: the tab was closed) is wrapped up this long
     *     after it ended (core's housekeeping, which runs every 5 s)
     * @param restDeadline how long after wrap-up a frame has to log the call before the REST fallback does (HubSpot
     *     and Salesforce alike)
     * @param sweepInterval how often core's server-side delivery looks for owed logs
     */
    public record Timings(Duration wrapUpTimeout, Duration restDeadline, Duration sweepInterval) {
        public static final Timings DEFAULTS = new Timings(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(2));

        public Timings {
            for (Duration d : new Duration[] {wrapUpTimeout, restDeadline, sweepInterval}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("wrapUpTimeout, restDeadline and sweepInterval must be "
                            + "positive, got " + wrapUpTimeout + ", " + restDeadline + ", " + sweepInterval);
                }
            }
        }
    }

    public DemoOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(tenant, "tenant");
        if (bridgePort < 1 || bridgePort > 65535 || hostPort < 1 || hostPort > 65535 || bridgePort == hostPort) {
            throw new IllegalArgumentException("need two distinct ports in 1-65535, got " + bridgePort + " and "
                    + hostPort);
        }
        if (redisUri != null) {
            RedisSettings.of(redisUri); // checks it, naming it with the password masked
        }
    }

    /** The Redis settings of the demo: key prefix {@value CallbridgeDemo#REDIS_KEY_PREFIX}; null without Redis. */
    public @Nullable RedisSettings redis() {
        return redisUri == null ? null : RedisSettings.of(redisUri).withKeyPrefix(CallbridgeDemo.REDIS_KEY_PREFIX);
    }

    @Override
    public String toString() {
        // The URI may carry a password.
        RedisSettings redis = redis();
        return "DemoOptions[bindAddress=" + bindAddress + ", bridgePort=" + bridgePort + ", hostPort=" + hostPort
                + ", tenant=" + tenant + ", tls=" + (tls != null) + ", redis="
                + (redis == null ? "none" : redis.redactedUri()) + ", timings=" + timings + "]";
    }

    /** The bridge server on {@code port}, the host simulators on the next port. */
    public DemoOptions withPort(int port) {
        return new DemoOptions(bindAddress, port, port + 1, tenant, tls, redisUri, timings);
    }

    public DemoOptions withPorts(int bridge, int host) {
        return new DemoOptions(bindAddress, bridge, host, tenant, tls, redisUri, timings);
    }

    /** Both servers over https/wss from {@code keystore}; null: plain http/ws. */
    public DemoOptions withTls(TransportSettings.@Nullable Tls keystore) {
        return new DemoOptions(bindAddress, bridgePort, hostPort, tenant, keystore, redisUri, timings);
    }

    /** The state in Redis at {@code uri}; null: in memory. */
    public DemoOptions withRedis(@Nullable String uri) {
        return new DemoOptions(bindAddress, bridgePort, hostPort, tenant, tls, uri, timings);
    }

    /** The closed-tab case's timings. */
    public DemoOptions withTimings(Timings value) {
        return new DemoOptions(bindAddress, bridgePort, hostPort, tenant, tls, redisUri, value);
    }

    /** Whether both servers speak https/wss. */
    public boolean secure() {
        return tls != null;
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return tls != null ? "https" : "http";
    }

    /** Origin of the softphone iframes and the bridge WebSocket. */
    public String softphoneOrigin() {
        return scheme() + "://127.0.0.1:" + bridgePort;
    }

    /** The callbridge server under its other loopback name, which the bridge also accepts browsers from. */
    public String softphoneOriginByName() {
        return scheme() + "://localhost:" + bridgePort;
    }

    /** Origin of the CRM host pages. */
    public String hostOrigin() {
        return scheme() + "://localhost:" + hostPort;
    }

    /**
     * Origin of the Salesforce host simulator: the host server under {@link #SALESFORCE_HOST_NAME}. Usable over TLS only
     * (HSTS); over plain http the page cannot be opened under that name.
     */
    public String salesforceHostOrigin() {
        return scheme() + "://" + SALESFORCE_HOST_NAME + ":" + hostPort;
    }

    /** The bridge WebSocket endpoint: {@code ws://…/bridge/v1}, {@code wss://…} with TLS. */
    public String bridgeUrl() {
        return (tls != null ? "wss" : "ws") + "://127.0.0.1:" + bridgePort + TransportSettings.DEFAULTS.bridgePath();
    }
}
