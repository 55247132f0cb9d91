package io.callbridge.crmsim.rest.hubspot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
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

    /**
     * Starts {@code simulator} on {@code port} of 127.0.0.1, with {@code others} (more simulated HubSpot APIs) after
     * it; a path none of them serves gets HubSpot's 404 body.
     */
    public static HubSpotRestSimulatorServer start(HubSpotRestSimulator simulator, int port, Handler... others) {
        Objects.requireNonNull(simulator, "simulator");
        Handler[] chain = new Handler[others.length + 2];
        chain[0] = simulator;
        System.arraycopy(others, 0, chain, 1, others.length);
        chain[chain.length - 1] = new NotFound();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("hubspot-rest-simulator");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector http = new ServerConnector(jetty);
        http.setHost("127.0.0.1");
        http.setPort(port);
        jetty.addConnector(http);
        jetty.setHandler(new Handler.Sequence(chain));
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

    /** HubSpot's answer to a path it does not have. */
    private static final class NotFound extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            response.write(true, UTF_8.encode("{\"status\":\"error\",\"message\":\"resource not found\","
                    + "\"correlationId\":\"" + UUID.randomUUID() + "\",\"category\":\"OBJECT_NOT_FOUND\"}"),
                    callback);
            return true;
        }
    }
}
