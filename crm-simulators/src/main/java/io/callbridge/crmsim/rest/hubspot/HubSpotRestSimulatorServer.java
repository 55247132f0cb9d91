package io.callbridge.crmsim.rest.hubspot;

import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@link HubSpotRestSimulator} on its own plain-http port of the loopback interface (0: a free one), for tests that
 * point a HubSpot REST client's base URI at it. Close it to stop.
 */
public final class HubSpotRestSimulatorServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private HubSpotRestSimulatorServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts {@code simulator} on {@code port} of 127.0.0.1. */
    public static HubSpotRestSimulatorServer start(HubSpotRestSimulator simulator, int port) {
        Objects.requireNonNull(simulator, "simulator");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("hubspot-rest-simulator");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector http = new ServerConnector(jetty);
        http.setHost("127.0.0.1");
        http.setPort(port);
        jetty.addConnector(http);
        jetty.setHandler(simulator);
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the HubSpot REST simulator on port " + port, e);
        }
        return new HubSpotRestSimulatorServer(jetty, http);
    }

    /** Where the simulated API lives, e.g. {@code http://127.0.0.1:54321}; a client's base URI. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HubSpot REST simulator", e);
        }
    }
}
