package io.callbridge.samples.demo;

import java.util.Objects;

/**
 * Where the demo listens.
 *
 * @param bindAddress interface both servers bind to; loopback by default, since the demo hands out agent tokens to
 *     anyone who asks
 * @param bridgePort the callbridge server (bridge WebSocket, softphone pages, demo tokens): the softphone origin is
 *     {@code http://127.0.0.1:<bridgePort>}
 * @param hostPort the CRM host simulators: the host origin is {@code http://localhost:<hostPort>}, a different origin
 *     from the softphone's, as in a real CRM
 * @param tenant the tenant every demo agent belongs to
 */
public record DemoOptions(String bindAddress, int bridgePort, int hostPort, String tenant) {
    public static final int DEFAULT_PORT = 8080;

    public static final DemoOptions DEFAULTS = new DemoOptions("127.0.0.1", DEFAULT_PORT, DEFAULT_PORT + 1, "acme");

    public DemoOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tenant, "tenant");
        if (bridgePort < 1 || bridgePort > 65535 || hostPort < 1 || hostPort > 65535 || bridgePort == hostPort) {
            throw new IllegalArgumentException("need two distinct ports in 1-65535, got " + bridgePort + " and "
                    + hostPort);
        }
    }

    /** The bridge server on {@code port}, the host simulators on the next port. */
    public DemoOptions withPort(int port) {
        return new DemoOptions(bindAddress, port, port + 1, tenant);
    }

    public DemoOptions withPorts(int bridge, int host) {
        return new DemoOptions(bindAddress, bridge, host, tenant);
    }

    /** Origin of the softphone iframes and the bridge WebSocket. */
    public String softphoneOrigin() {
        return "http://127.0.0.1:" + bridgePort;
    }

    /** Origin of the CRM host pages. */
    public String hostOrigin() {
        return "http://localhost:" + hostPort;
    }
}
