package io.callbridge.rest.hubspot.auth;

import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The crm-simulators' HubSpot endpoints on a free loopback port. */
public final class SimulatedHubSpot implements AutoCloseable {
    private final Server server;

    public SimulatedHubSpot(Handler... handlers) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(new Handler.Sequence(handlers));
        server.start();
    }

    public URI uri() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
