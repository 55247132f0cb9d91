package io.callbridge.benchmarks.load;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * The baseline: a bare Jetty 12 WebSocket endpoint that sends every text frame back as it came, with the same Jetty
 * version, thread pool kind and frame limits as the bridge server, and nothing else.
 */
public final class EchoServer implements AutoCloseable {
    public static final String PATH = "/echo";

    private final Server jetty;
    private final ServerConnector connector;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    private EchoServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /** Listens on 127.0.0.1, on a free port. */
    public static EchoServer start(Duration idleTimeout) throws Exception {
        return start(idleTimeout, null, null);
    }

    /**
     * Listens on 127.0.0.1, on a free port; with a PKCS12 keystore, over TLS (wss://), set up as the bridge server sets
     * up its own.
     */
    public static EchoServer start(Duration idleTimeout, @Nullable Path keystore, @Nullable String password)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("echo-http");
        Server jetty = new Server(threads);
        ServerConnector connector;
        if (keystore == null) {
            connector = new ServerConnector(jetty);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory());
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        EchoServer echo = new EchoServer(jetty, connector);
        ContextHandler root = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(jetty, root, container -> {
            container.setIdleTimeout(idleTimeout);
            container.setMaxTextMessageSize(4L * 64 * 1024);
            container.addMapping(PATH, (request, response, callback) -> new Endpoint(echo.sessions));
        });
        root.setHandler(upgrades);
        jetty.setHandler(root);
        jetty.start();
        return echo;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public int sessions() {
        return sessions.size();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** One connection: what comes in goes out. Public because Jetty calls its methods reflectively. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final Set<Session> sessions;
        private volatile @Nullable Session session;

        Endpoint(Set<Session> sessions) {
            this.sessions = sessions;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            sessions.add(opened);
        }

        @Override
        public void onWebSocketText(String text) {
            Session s = session;
            if (s != null) {
                s.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            Session s = session;
            if (s != null) {
                sessions.remove(s);
            }
        }
    }
}
