package io.callbridge.crmsim.rest.salesforce;

import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A {@link SalesforceRestSimulator} served on a free port of the loopback interface, for tests and the demo. The
 * login URL and the instance URL are both this server's {@link #url()}. Close it to stop it.
 */
public final class SalesforceRestServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final SalesforceRestSimulator simulator;

    private SalesforceRestServer(Server jetty, ServerConnector connector, SalesforceRestSimulator simulator) {
        this.jetty = jetty;
        this.connector = connector;
        this.simulator = simulator;
    }

    /**
     * Starts a server whose simulator is built by {@code config} once the URL is known (the JWT's audience is the
     * login URL, which is this server's).
     */
    public static SalesforceRestServer start(java.util.function.Function<URI, SalesforceRestSimulator> config)
            throws Exception {
        Objects.requireNonNull(config, "config");
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("salesforce-rest-sim");
        Server jetty = new Server(threads);
        ServerConnector http = new ServerConnector(jetty);
        http.setHost("127.0.0.1");
        http.setPort(0);
        jetty.addConnector(http);
        DeferredHandler deferred = new DeferredHandler();
        jetty.setHandler(deferred);
        jetty.start();
        URI url = URI.create("http://127.0.0.1:" + http.getLocalPort());
        SalesforceRestSimulator simulator = config.apply(url);
        deferred.target = simulator;
        return new SalesforceRestServer(jetty, http, simulator);
    }

    /**
     * Starts a simulated org whose login URL and instance URL are both this server's, trusting {@code publicKey} for
     * the app {@code consumerKey} and the pre-authorised {@code usernames}: what tests and the demo usually want.
     */
    public static SalesforceRestServer start(String consumerKey, java.security.PublicKey publicKey,
            java.util.Set<String> usernames) throws Exception {
        return start(url -> new SalesforceRestSimulator(url, url, consumerKey, publicKey, usernames,
                java.time.Clock.systemUTC()));
    }

    /** http://127.0.0.1:port, without a trailing slash: the login URL and the instance URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    public SalesforceRestSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** The simulator is made once the port is known; until then every request is refused. */
    private static final class DeferredHandler extends org.eclipse.jetty.server.Handler.Abstract {
        private volatile @org.jspecify.annotations.Nullable SalesforceRestSimulator target;

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                org.eclipse.jetty.util.Callback callback) throws Exception {
            SalesforceRestSimulator t = target;
            if (t == null) {
                org.eclipse.jetty.server.Response.writeError(request, response, callback, 503);
                return true;
            }
            return t.handle(request, response, callback);
        }
    }
}
