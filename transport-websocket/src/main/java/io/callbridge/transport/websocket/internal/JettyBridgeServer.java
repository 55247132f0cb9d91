package io.callbridge.transport.websocket.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.EngineThreads;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.spi.UiTopicStore;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.BridgeServer;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.HttpRoute;
import io.callbridge.transport.websocket.StaticFiles;
import io.callbridge.transport.websocket.TransportExecutors;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.internal.protocol.FrameCodec;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty (core API, no servlets) serving the bridge endpoint, the jars' static files, the health endpoints, the
 * vendor's {@link HttpRoute}s and, in demo mode, the demo token endpoint, on one port.
 */
public final class JettyBridgeServer implements BridgeServer {
    private static final Logger LOG = LoggerFactory.getLogger(JettyBridgeServer.class);
    /** What Jetty reads into, and the first capacity of each incoming text message. */
    static final int INPUT_BUFFER_BYTES = 1024;
    /** Keep-alive pings go out in this many slices per {@link TransportSettings#pingInterval()}. */
    private static final int PING_SLICES = 20;

    private final TransportSettings settings;
    private final Map<String, CrmBridge> crmBridges;
    private final CallEngine engine;
    private final PhoneNumberParser parser;
    private final AgentTokens tokens;
    private final Clock clock;
    private final ClassLoader staticLoader;
    private final List<HttpRoute> routes;
    private final Set<HealthCheck> healthChecks;
    private final HealthEndpoints health;
    private final Lifecycle lifecycle;
    private final MetricsRecorder metrics;
    /** Adapters' softphone topics, shared by every node when a clustered store is bound (see {@link #uiTopics}). */
    private UiTopicStore uiTopics = UiTopicStore.inMemory();
    private TransportExecutors executors = TransportExecutors.STANDARD;
    private final OpenSessions<BridgeSocket> open = new OpenSessions<>(PING_SLICES);
    /** Only touched on the timer thread. */
    private long pingTicks;

    private @Nullable Server server;
    private @Nullable ServerConnector connector;
    private @Nullable ExecutorService pool;
    private @Nullable ScheduledExecutorService timers;
    private @Nullable StreamRegistry registry;
    private int workerThreads = EngineThreads.perCore().threads();
    private volatile boolean draining;
    /** Read by readiness on request threads: set once Jetty listens, cleared when a stop begins. */
    private volatile boolean serving;

    /**
     * @param staticFiles where to look for {@code META-INF/callbridge/static/}
     * @param routes the vendor's HTTP endpoints, mounted next to the bridge
     * @param healthChecks what readiness asks
     * @param lifecycle where the launcher says how far it got
     */
    @Inject
    public JettyBridgeServer(TransportSettings settings, Map<String, CrmBridge> crmBridges, CallEngine engine,
            PhoneNumberParser parser, AgentTokens tokens, Clock clock, StaticFiles staticFiles, Set<HttpRoute> routes,
            Set<HealthCheck> healthChecks, HealthEndpoints health, Lifecycle lifecycle, MetricsRecorder metrics) {
        this.settings = settings;
        this.crmBridges = Map.copyOf(crmBridges);
        this.engine = engine;
        this.parser = parser;
        this.tokens = tokens;
        this.clock = clock;
        this.staticLoader = staticFiles.classLoader();
        this.routes = List.copyOf(routes);
        this.healthChecks = Set.copyOf(healthChecks);
        this.health = health;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        for (Map.Entry<String, CrmBridge> e : this.crmBridges.entrySet()) {
            if (!e.getKey().equals(e.getValue().crm())) {
                throw new IllegalArgumentException("CrmBridge bound under '" + e.getKey() + "' says its crm is '"
                        + e.getValue().crm() + "'");
            }
        }
    }

    /** Makes the pool and the timer at each start; Guice injects the module's binding. */
    @Inject
    void executors(TransportExecutors factory) {
        this.executors = factory;
    }

    /**
     * How many workers run frames and refreshes, which call the engine: one per core in memory, more when the engine
     * waits on a store across the network; Guice injects core's binding (or cluster-redis's).
     */
    @Inject
    void engineThreads(EngineThreads threads) {
        this.workerThreads = threads.threads();
    }

    /** Where adapters' {@code publishUi} topics live; Guice injects core's binding. */
    @Inject
    void uiTopics(UiTopicStore store) {
        this.uiTopics = store;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        List<HttpRoutesHandler.Named> served = new ArrayList<>(new HealthRoutes(health, healthChecks, lifecycle,
                () -> serving && !draining).routes());
        for (HttpRoute route : routes) {
            served.add(new HttpRoutesHandler.Named("the HttpRoute " + route.endpoint().getClass().getName(), route));
        }
        Map<String, String> reserved = new LinkedHashMap<>();
        reserved.put(settings.bridgePath(), "the bridge WebSocket");
        reserved.put(settings.staticPath(), "the static files");
        if (settings.demoMode()) {
            reserved.put(DemoTokenHandler.PATH, "the demo token endpoint");
        }
        HttpRoutesHandler.checkPaths(served, reserved);
        ExecutorService workers = executors.workers(workerThreads, daemonThreads("callbridge-bridge"));
        ScheduledThreadPoolExecutor scheduler = executors.timer(daemonThreads("callbridge-bridge-timer"));
        // Every invocation arms a timeout that its result cancels: without this the cancelled ones (and the frames they
        // hold) would stay queued, and be copied by every young GC, until their time came.
        scheduler.setRemoveOnCancelPolicy(true);
        FrameCodec codec = new FrameCodec();
        AgentStream.Services services = new AgentStream.Services(engine, new UiState(parser),
                new UiActions(engine, parser), codec, workers, scheduler, clock,
                settings.uiRefreshDelay(), metrics, uiTopics);
        StreamRegistry streams = new StreamRegistry(key -> new AgentStream(key, crmBridges.get(key.crm()), services),
                scheduler, settings.maxSessionsPerAgent(), settings.detachGrace());
        BridgeSocket.Context context = new BridgeSocket.Context(settings, codec, tokens, crmBridges, streams, workers,
                scheduler, clock, open, metrics);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("callbridge-http");
        Server jetty = new Server(threads);
        ServerConnector http = connector(jetty);
        jetty.addConnector(http);

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        Resource staticRoot = ClasspathStaticResources.find(staticLoader, ResourceFactory.of(jetty));
        // The pages' configuration (callbridge-config.json) is served under staticPath with or without files.
        PageConfigHandler pageConfig = new PageConfigHandler(settings);
        if (staticRoot != null) {
            ResourceHandler files = new ResourceHandler();
            files.setBaseResource(staticRoot);
            files.setDirAllowed(false);
            files.setEtags(true);
            pageConfig.setHandler(files);
        } else {
            LOG.info("no jar ships {}; {} serves only {}", ClasspathStaticResources.ROOT, settings.staticPath(),
                    PageConfigHandler.PATH);
        }
        contexts.addHandler(new ContextHandler(pageConfig, settings.staticPath()));
        ContextHandler root = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(jetty, root, container -> {
            container.setIdleTimeout(settings.idleTimeout());
            // Jetty reads into a buffer of this size and starts every incoming text message in a StringBuilder of
            // the same capacity (4 KiB by default): most of the server's allocation per received frame, for frames
            // that are a few hundred bytes. Larger frames still arrive whole; the builder grows.
            container.setInputBufferSize(INPUT_BUFFER_BYTES);
            // Jetty's hard cap, above which it closes with 1009; below it, frames larger than maxFrameBytes get an
            // error frame and the session stays up.
            container.setMaxTextMessageSize(4L * settings.maxFrameBytes());
            container.setMaxBinaryMessageSize(settings.maxFrameBytes());
            container.addMapping(settings.bridgePath(), (request, response, callback) ->
                    upgrade(request, response, callback, context));
        });
        Handler demo = null;
        if (settings.demoMode()) {
            LOG.warn("demo mode: {} issues agent tokens to anyone; never enable it in production",
                    DemoTokenHandler.PATH);
            demo = new DemoTokenHandler(tokens);
        }
        upgrades.setHandler(new HttpRoutesHandler(served, demo));
        root.setHandler(upgrades);
        contexts.addHandler(root);
        jetty.setHandler(contexts);
        jetty.setStopTimeout(settings.drainTimeout().toMillis());
        try {
            jetty.start();
        } catch (Exception e) {
            workers.shutdownNow();
            scheduler.shutdownNow();
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the bridge server on " + settings.host() + ":"
                    + settings.port(), e);
        }
        long ping = settings.pingInterval().toMillis();
        long slice = Math.max(1, ping / PING_SLICES);
        scheduler.scheduleAtFixedRate(this::pingSlice, slice, slice, TimeUnit.MILLISECONDS);
        // Often enough that a stalled session is cut at most a tenth of the write timeout (or a second) late.
        long writeCheck = Math.max(10, Math.min(1000, settings.writeTimeout().toMillis() / 10));
        scheduler.scheduleAtFixedRate(this::cutStalledSessions, writeCheck, writeCheck, TimeUnit.MILLISECONDS);
        draining = false;
        serving = true;
        server = jetty;
        connector = http;
        pool = workers;
        timers = scheduler;
        registry = streams;
        LOG.info("bridge server listening on {}://{}:{}{} ({} CRM adapters: {})", secure() ? "wss" : "ws",
                settings.host(), http.getLocalPort(), settings.bridgePath(), crmBridges.size(), crmBridges.keySet());
    }

    private ServerConnector connector(Server jetty) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        ServerConnector http;
        TransportSettings.Tls tls = settings.tls();
        if (tls == null) {
            http = new ServerConnector(jetty, new HttpConnectionFactory(config));
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toString());
            ssl.setKeyStorePassword(tls.password());
            ssl.setKeyStoreType("PKCS12");
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Bridges may connect by IP or through a proxy name the certificate does not list.
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);
            http = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(config));
        }
        http.setHost(settings.host());
        http.setPort(settings.port());
        return http;
    }

    private @Nullable Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback, BridgeSocket.Context context) {
        if (draining) {
            Response.writeError(request, response, callback, 503, "shutting down");
            return null;
        }
        String origin = request.getHeaders().get("Origin");
        if (origin != null && !settings.allowedOrigins().contains(origin)) {
            LOG.info("refused upgrade from origin {}", origin.length() > 200 ? origin.substring(0, 200) : origin);
            Response.writeError(request, response, callback, 403, "origin not allowed");
            return null;
        }
        return new BridgeSocket(context, origin);
    }

    /**
     * Pings one slice of the sessions, so that each is pinged once per interval: pinging every session at once made a
     * burst of writes (10,000 at a time in the load runs) on the timer thread that also schedules snapshots and
     * invocation timeouts.
     */
    private void pingSlice() {
        int slice = (int) (pingTicks++ % PING_SLICES);
        for (BridgeSocket socket : open.slice(slice)) {
            try {
                socket.ping();
            } catch (RuntimeException e) {
                LOG.debug("ping failed", e);
            }
        }
    }

    /** Looks only at the sessions whose write did not complete at once; an idle session costs this pass nothing. */
    private void cutStalledSessions() {
        long now = System.nanoTime();
        long timeout = settings.writeTimeout().toNanos();
        open.forEachWriting(BridgeSocket::writeInFlight, socket -> {
            try {
                socket.cutIfStalled(now, timeout);
            } catch (RuntimeException e) {
                LOG.debug("write progress check failed", e);
            }
        });
    }

    /**
     * Graceful: refuses new upgrades, lets each session write what is queued, closes it with 1001, waits (up to the
     * drain timeout) for the closes to complete, then stops Jetty and the adapters' handlers.
     */
    @Override
    public synchronized void stop() {
        Server jetty = server;
        if (jetty == null) {
            return;
        }
        draining = true;
        serving = false;
        List<BridgeSocket> sessions = open.all();
        LOG.info("stopping bridge server: closing {} sessions", sessions.size());
        for (BridgeSocket socket : sessions) {
            try {
                socket.closeGracefully(CloseCodes.GOING_AWAY, "server shutting down");
            } catch (RuntimeException e) {
                LOG.debug("close failed", e);
            }
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!open.isEmpty()) {
            LOG.warn("{} sessions did not close within {}", open.size(), settings.drainTimeout());
        }
        if (registry != null) {
            registry.closeAll();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly", e);
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (pool != null) {
            // Lets the adapters' close() calls queued by closeAll run.
            pool.shutdown();
            try {
                pool.awaitTermination(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open.clear();
        server = null;
        connector = null;
        pool = null;
        timers = null;
        registry = null;
    }

    @Override
    public synchronized int port() {
        ServerConnector c = connector;
        if (c == null) {
            throw new IllegalStateException("the bridge server is not running");
        }
        return c.getLocalPort();
    }

    @Override
    public boolean secure() {
        return settings.tls() != null;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
