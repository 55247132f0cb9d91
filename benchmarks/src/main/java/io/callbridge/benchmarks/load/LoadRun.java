package io.callbridge.benchmarks.load;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.callbridge.testkit.redis.RedisServer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load run: the project's server (one node, or several on one Redis) under N bridges of the chosen CRM driving
 * calls, then (optionally) the raw Jetty echo server under the same number of sessions, the same frame rate and the
 * same frame sizes. Each server runs in its own JVM; the echo runs after the project's servers have stopped, so they
 * never compete for the machine. Every loop is bounded by the options' durations plus fixed timeouts; the run ends by
 * itself.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final int CONNECTS_IN_FLIGHT = 128;

    private final LoadOptions options;
    /** Frame sizes the project's run carried, kept for the echo run. */
    private int[] projectSizes = new int[0];
    private @Nullable RedisUse redisUse;
    private @Nullable Path keystore;
    private @Nullable String keystorePassword;

    public LoadRun(LoadOptions options) {
        this.options = options;
    }

    public LoadReport run() throws Exception {
        Files.createDirectories(options.out());
        String loadBefore = MachineLoad.oneMinute();
        LOG.info("1-minute load average before the run: {}", loadBefore);
        if (options.tls()) {
            keystorePassword = HexFormat.of().formatHex(randomBytes(16));
            keystore = SelfSignedKeystore.create(options.out(), keystorePassword);
        }
        RunResult project;
        String redisUri = options.redis();
        if (LoadOptions.REDIS_AUTO.equals(redisUri)) {
            try (RedisServer redis = RedisServer.builder().start()) {
                LOG.info("started {}", redis);
                project = runCallbridge(redis.uri(), "redis-server " + redisVersion() + " started by the generator on "
                        + redis.host() + ":" + redis.port());
            }
        } else {
            project = runCallbridge(redisUri, redisUri == null ? null : LoadOptions.redactedUri(redisUri));
        }
        String loadMiddle = MachineLoad.oneMinute();
        RunResult echo = options.echo() ? runEcho(project) : null;
        Map<String, String> machine = machine();
        machine.put("loadAverage1m", loadBefore + " before, " + loadMiddle + " after callbridge"
                + (echo == null ? "" : ", " + MachineLoad.oneMinute() + " after the echo"));
        LoadReport report = LoadReport.of(machine, optionsMap(), project, echo, redisUse);
        Files.writeString(options.out().resolve("load-report.json"), report.toJson());
        Files.writeString(options.out().resolve("load-report.md"), report.toMarkdown());
        if (keystore != null) {
            Files.deleteIfExists(keystore); // a fresh key per run; nothing needs it afterwards
        }
        return report;
    }

    // ------------------------------------------------------------------------------------------ callbridge

    private RunResult runCallbridge(@Nullable String redisUri, @Nullable String redisLabel) throws Exception {
        byte[] secret = randomBytes(32);
        AgentTokens tokens = new AgentTokens(secret, Clock.systemUTC());
        List<String> args = new ArrayList<>(List.of("callbridge", "--ring-ms", Integer.toString(options.ringMs()),
                "--answer-ms", Integer.toString(options.answerMs()), "--talk-ms", Integer.toString(options.talkMs())));
        // A prefix of its own per run: runs on one Redis never see each other's keys.
        args.addAll(List.of("--key-prefix", "bench-" + HexFormat.of().formatHex(randomBytes(4))));
        Map<String, String> env = new HashMap<>();
        env.put(LoadServerEnv.SECRET, HexFormat.of().formatHex(secret));
        if (keystore != null) {
            args.addAll(List.of("--tls", keystore.toString()));
            env.put(LoadServerEnv.KEYSTORE_PASSWORD, Objects.requireNonNull(keystorePassword));
        }
        if (redisUri != null) {
            env.put(LoadServerEnv.REDIS, redisUri);
            if (options.redisTimeoutMs() > 0) {
                args.addAll(List.of("--redis-timeout-ms", Integer.toString(options.redisTimeoutMs())));
            }
        }
        FlowStats stats = new FlowStats();
        try (Nodes nodes = Nodes.start(options.nodes(), serverJvmArgs(), args, env, options.out());
                Client client = Client.start(options.agents(), trustStore());
                RedisStats redis = redisUri == null ? null : RedisStats.connect(redisUri)) {
            long heapIdle = nodes.heapAfterGc();
            ConcurrentLinkedQueue<BridgeAgent> idle = new ConcurrentLinkedQueue<>();
            AtomicInteger ready = new AtomicInteger();
            AtomicInteger lost = new AtomicInteger();
            BridgeAgent.Events events = new BridgeAgent.Events() {
                @Override
                public void ready(BridgeAgent agent) {
                    ready.incrementAndGet();
                    idle.add(agent);
                }

                @Override
                public void idle(BridgeAgent agent) {
                    idle.add(agent);
                }

                @Override
                public void lost(BridgeAgent agent, String why) {
                    lost.incrementAndGet();
                    stats.error("session closed " + why.split(" ")[0]);
                }
            };
            List<BridgeAgent> agents = new ArrayList<>();
            long connectStart = System.nanoTime();
            Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
            String scheme = keystore == null ? "ws" : "wss";
            for (int i = 0; i < options.agents(); i++) {
                String crm = options.crm().of(i, options.nodes());
                String token = tokens.issue(AgentId.of("bench", String.format("agent-%05d", i)), crm,
                        Duration.ofHours(1));
                BridgeAgent agent = BridgeAgent.of(crm, token, stats, events);
                agents.add(agent);
                URI uri = URI.create(scheme + "://127.0.0.1:" + nodes.get(i % options.nodes()).port() + "/bridge/v1");
                connect(client.ws, agent, uri, inFlight, stats);
            }
            waitFor(() -> ready.get() + lost.get() >= options.agents(), connectTimeout());
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            LOG.info("{} of {} agents logged in after {} s", ready.get(), options.agents(), connectSeconds);
            long heapWithSessions = nodes.heapAfterGc();
            double idleCpu = idleCpu(nodes::cpuNanos, ready.get() - lost.get());

            // Warm-up, then the measured window, at the same offered rate.
            drive(idle, stats, options.warmupSeconds());
            stats.measuring(true);
            Traffic.Snapshot t0 = stats.traffic.snapshot();
            RedisCommands redis0 = redis == null ? null : redis.commands();
            long cpu0 = nodes.cpuNanos();
            GcPauses gc0 = nodes.gc();
            long own0 = ownCpuNanos();
            long w0 = System.nanoTime();
            drive(idle, stats, options.measureSeconds());
            double wall = (System.nanoTime() - w0) / 1e9;
            long cpu = nodes.cpuNanos() - cpu0;
            GcPauses gc = nodes.gc().since(gc0);
            long own = ownCpuNanos() - own0;
            RedisCommands redisWindow = redis == null ? null : redis.commands().minus(redis0);
            Traffic.Snapshot traffic = stats.traffic.snapshot().minus(t0);
            int held = ready.get() - lost.get();
            long callsInWindow = stats.callsStarted.sum();
            stats.measuring(false);

            // Let the measured calls finish: the longest takes answer + talk, plus its wrap-up.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.answerMs() + options.talkMs()
                    + 15_000L);
            waitFor(() -> stats.callsLogged.sum() >= stats.callsStarted.sum() || System.nanoTime() > deadline,
                    Duration.ofMillis(options.answerMs() + options.talkMs() + 16_000L));
            long notLogged = stats.callsStarted.sum() - stats.callsLogged.sum();
            for (long i = 0; i < notLogged; i++) {
                stats.error("measured call not logged in time");
            }
            Map<String, Percentiles> latencies = phoneLatencies(nodes, stats);
            latencies.put(LoadReport.DIAL_TO_ACK, stats.dialAck.summary());
            latencies.put("wrapUpToLog", stats.wrapUpToLog.summary());
            latencies.putAll(stats.stepSummaries());
            long forwarded = 0;
            for (String info : nodes.info()) {
                if (!info.contains("rejectedReports=0")) {
                    stats.error("phone reports core refused: " + info);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("forwardedReportsReceived=(\\d+)")
                        .matcher(info);
                forwarded += m.find() ? Long.parseLong(m.group(1)) : 0;
            }
            if (options.nodes() > 1 && forwarded == 0) {
                stats.error("no phone report reached another node");
            }
            if (stats.dialsWithoutIdleAgent.sum() > 0) {
                stats.error("dials skipped: no idle agent (" + stats.dialsWithoutIdleAgent.sum() + ")");
            }
            if (redisWindow != null) {
                redisUse = RedisUse.of(Objects.requireNonNull(redisLabel), options.nodes(), redisWindow,
                        callsInWindow, wall, forwarded);
            }
            long heapAfter = nodes.heapAfterGc();
            projectSizes = stats.sizes.sizes(300);
            Map<String, Long> errors = stats.errors(); // before our own closes, which are no errors
            agents.forEach(BridgeAgent::close);
            return new RunResult(options.nodes() == 1 ? "callbridge" : "callbridge x" + options.nodes(),
                    options.agents(), held, connectSeconds,
                    stats.callsLogged.sum() / wall, traffic.frames() / wall, traffic.framesOut() / wall,
                    traffic.framesIn() / wall, traffic.frames() == 0 ? 0 : (double) traffic.bytes() / traffic.frames(),
                    latencies, errors, heapIdle, heapWithSessions, heapAfter,
                    held == 0 ? 0 : (heapWithSessions - heapIdle) / held,
                    stats.allCallsLogged.sum() == 0 ? 0 : (heapAfter - heapWithSessions) / stats.allCallsLogged.sum(),
                    cpu / 1e9 / wall,
                    traffic.frames() == 0 ? 0 : cpu / 1e3 / traffic.frames(), own / 1e9 / wall, gc, idleCpu);
        }
    }

    /**
     * The server's CPU per open session per second over {@code --idle-seconds} with no traffic from the generator
     * (what the server does on its own: pings, timers, housekeeping), after as long again to settle; or -1 when not
     * asked for.
     */
    private double idleCpu(CpuClock cpuNanos, int sessions) throws InterruptedException, IOException {
        if (options.idleSeconds() == 0 || sessions <= 0) {
            return -1;
        }
        // As long again first, unmeasured: the work the logins left (the JIT compiling, the GC after the burst, the
        // last snapshots and invocations) is no cost of holding a session.
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.idleSeconds()));
        long cpu0 = cpuNanos.nanos();
        long w0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.idleSeconds()));
        double wall = (System.nanoTime() - w0) / 1e9;
        double micros = (cpuNanos.nanos() - cpu0) / 1e3 / wall / sessions;
        LOG.info("idle: {} µs of server CPU per session per second over {} s", String.format(Locale.ROOT, "%.3f",
                micros), options.idleSeconds());
        return micros;
    }

    /** A server's CPU time so far. */
    private interface CpuClock {
        long nanos() throws IOException;
    }

    /** Starts calls at the offered rate on idle agents for {@code seconds}. */
    private void drive(ConcurrentLinkedQueue<BridgeAgent> idle, FlowStats stats, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long issued = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * options.callsPerSecond());
            while (issued < due) {
                BridgeAgent agent = idle.poll();
                if (agent == null) {
                    if (stats.measuring()) {
                        stats.dialsWithoutIdleAgent.add(due - issued);
                    }
                    issued = due;
                    break;
                }
                agent.dial();
                issued++;
            }
            Thread.sleep(1);
        }
    }

    /**
     * Joins the servers' phone-event stamps with the times the bridges received the matching invocations: every CRM
     * together ({@code phoneEventToInvoke}, by kind {@code phoneEventToInvoke.DIALING}) and per CRM
     * ({@code hubspot.phoneEventToInvoke.DIALING}).
     */
    private static Map<String, Percentiles> phoneLatencies(Nodes nodes, FlowStats stats) throws IOException {
        Map<String, LatencyRecorder> byName = new TreeMap<>();
        LatencyRecorder all = new LatencyRecorder(3_000_000);
        long[] negative = new long[1];
        for (ServerProcess server : nodes.all()) {
            server.askMany("STAMPS", line -> {
                String[] parts = line.split(" ");
                if (parts.length != 4 || !parts[0].equals("STAMP")) {
                    return;
                }
                Long received = stats.invocationReceivedAt(parts[1], parts[2]);
                if (received == null) {
                    return; // a warm-up call, a kind this CRM has no invocation for, or one never answered
                }
                long latency = received - Long.parseLong(parts[3]);
                if (latency < 0) {
                    negative[0]++;
                    latency = 0;
                }
                String crm = Objects.requireNonNullElse(stats.crmOf(parts[1]), "unknown");
                for (String name : List.of(LoadReport.PHONE_TO_INVOKE + "." + parts[2],
                        crm + "." + LoadReport.PHONE_TO_INVOKE, crm + "." + LoadReport.PHONE_TO_INVOKE + "." + parts[2])) {
                    byName.computeIfAbsent(name, k -> new LatencyRecorder(1_000_000)).record(latency);
                }
                all.record(latency);
            });
        }
        if (negative[0] > 0) {
            LOG.warn("{} phone-event latencies came out negative (clock step?); counted as 0", negative[0]);
        }
        Map<String, Percentiles> result = new LinkedHashMap<>();
        result.put(LoadReport.PHONE_TO_INVOKE, all.summary());
        byName.forEach((name, r) -> result.put(name, r.summary()));
        return result;
    }

    // ------------------------------------------------------------------------------------------ echo

    private RunResult runEcho(RunResult project) throws Exception {
        FlowStats stats = new FlowStats();
        List<String> args = new ArrayList<>(List.of("echo"));
        Map<String, String> env = new HashMap<>();
        if (keystore != null) {
            args.addAll(List.of("--tls", keystore.toString()));
            env.put(LoadServerEnv.KEYSTORE_PASSWORD, Objects.requireNonNull(keystorePassword));
        }
        try (ServerProcess server = ServerProcess.start(serverJvmArgs(), args, env,
                options.out().resolve("server-echo.log"));
                Client client = Client.start(options.agents(), trustStore())) {
            long heapIdle = server.heapAfterGc();
            URI uri = URI.create((keystore == null ? "ws" : "wss") + "://127.0.0.1:" + server.port() + "/echo");
            List<EchoAgent> agents = new ArrayList<>();
            long connectStart = System.nanoTime();
            Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < options.agents(); i++) {
                EchoAgent agent = new EchoAgent(stats);
                agents.add(agent);
                inFlight.acquire();
                client.ws.connect(agent, uri).whenComplete((s, e) -> {
                    inFlight.release();
                    done.incrementAndGet();
                    if (e != null) {
                        stats.error("connect failed " + e.getClass().getSimpleName());
                    }
                });
            }
            waitFor(() -> done.get() >= options.agents(), connectTimeout());
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            long heapWithSessions = server.heapAfterGc();
            double idleCpu = idleCpu(server::cpuNanos, (int) agents.stream().filter(EchoAgent::isOpen).count());

            // The project's frame rate, both directions: half sent, half echoed back.
            double sendRate = Math.max(1, project.framesPerSecond() / 2);
            int[] sizes = projectSizes.length > 0 ? projectSizes : new int[] {300};
            drive(agents, sendRate, sizes, options.warmupSeconds());
            stats.measuring(true);
            Traffic.Snapshot t0 = stats.traffic.snapshot();
            long cpu0 = server.cpuNanos();
            GcPauses gc0 = server.gc();
            long own0 = ownCpuNanos();
            long w0 = System.nanoTime();
            drive(agents, sendRate, sizes, options.measureSeconds());
            double wall = (System.nanoTime() - w0) / 1e9;
            long cpu = server.cpuNanos() - cpu0;
            GcPauses gc = server.gc().since(gc0);
            long own = ownCpuNanos() - own0;
            Thread.sleep(500); // the last echoes
            Traffic.Snapshot traffic = stats.traffic.snapshot().minus(t0);
            stats.measuring(false);
            int held = (int) agents.stream().filter(EchoAgent::isOpen).count();
            long heapAfter = server.heapAfterGc();
            Map<String, Long> errors = stats.errors();
            agents.forEach(EchoAgent::close);
            Map<String, Percentiles> latencies = new LinkedHashMap<>();
            latencies.put(LoadReport.ECHO_ROUND_TRIP, stats.echoRoundTrip.summary());
            return new RunResult("raw-echo", options.agents(), held, connectSeconds, 0, traffic.frames() / wall,
                    traffic.framesOut() / wall, traffic.framesIn() / wall,
                    traffic.frames() == 0 ? 0 : (double) traffic.bytes() / traffic.frames(), latencies, errors,
                    heapIdle, heapWithSessions, heapAfter, held == 0 ? 0 : (heapWithSessions - heapIdle) / held, 0,
                    cpu / 1e9 / wall, traffic.frames() == 0 ? 0 : cpu / 1e3 / traffic.frames(), own / 1e9 / wall,
                    gc, idleCpu);
        }
    }

    private static void drive(List<EchoAgent> agents, double framesPerSecond, int[] sizes, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long issued = 0;
        int next = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * framesPerSecond);
            while (issued < due) {
                EchoAgent agent = agents.get(next);
                next = (next + 1) % agents.size();
                if (agent.isOpen()) {
                    agent.send(sizes[ThreadLocalRandom.current().nextInt(sizes.length)]);
                }
                issued++;
            }
            Thread.sleep(1);
        }
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private void connect(WebSocketClient ws, BridgeAgent agent, URI uri, Semaphore inFlight, FlowStats stats)
            throws Exception {
        inFlight.acquire();
        ws.connect(agent, uri).whenComplete((s, e) -> {
            inFlight.release();
            if (e != null) {
                stats.error("connect failed " + e.getClass().getSimpleName());
                agent.onWebSocketClose(1006, "connect failed");
            }
        });
    }

    private Duration connectTimeout() {
        return Duration.ofSeconds(30 + options.agents() / 100);
    }

    private List<String> serverJvmArgs() {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + options.serverHeap());
        args.add("-Xms" + options.serverHeap());
        args.addAll(options.serverJvmArgs());
        return args;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    private @Nullable KeyStore trustStore() throws Exception {
        return keystore == null ? null : SelfSignedKeystore.trustStore(keystore, Objects.requireNonNull(keystorePassword));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String redisVersion() {
        try {
            Process p = new ProcessBuilder("/usr/bin/redis-server", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v=(\\S+)").matcher(out);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static long ownCpuNanos() {
        return ServerControl.processCpuNanos();
    }

    private Map<String, Object> optionsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agents", options.agents());
        m.put("callsPerSecond", options.callsPerSecond());
        m.put("warmupSeconds", options.warmupSeconds());
        m.put("measureSeconds", options.measureSeconds());
        m.put("ringMs", options.ringMs());
        m.put("answerMs", options.answerMs());
        m.put("talkMs", options.talkMs());
        m.put("serverHeap", options.serverHeap());
        m.put("serverJvmArgs", options.serverJvmArgs());
        m.put("crm", options.crm().name().toLowerCase(Locale.ROOT));
        m.put("tls", options.tls());
        m.put("redis", options.redis() == null ? "none (in memory)" : LoadOptions.redactedUri(options.redis()));
        m.put("nodes", options.nodes());
        m.put("idleSeconds", options.idleSeconds());
        if (options.redisTimeoutMs() > 0) {
            m.put("redisTimeoutMs", options.redisTimeoutMs());
        }
        return m;
    }

    static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        m.put("memoryGiB", String.format(java.util.Locale.ROOT, "%.1f", memory / 1073741824.0));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    /** The generator's WebSocket client, sized for thousands of connections to one destination. */
    private static final class Client implements AutoCloseable {
        final HttpClient http;
        final WebSocketClient ws;

        private Client(HttpClient http, WebSocketClient ws) {
            this.http = http;
            this.ws = ws;
        }

        /** @param trusted the certificates the client trusts (wss://), or null for ws:// only */
        static Client start(int connections, @Nullable KeyStore trusted) throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("load-client");
            ClientConnector connector = new ClientConnector();
            if (trusted != null) {
                SslContextFactory.Client ssl = new SslContextFactory.Client();
                ssl.setTrustStore(trusted);
                connector.setSslContextFactory(ssl);
            }
            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
            http.setExecutor(threads);
            http.setMaxConnectionsPerDestination(connections + 16);
            http.setMaxRequestsQueuedPerDestination(connections + 16);
            WebSocketClient ws = new WebSocketClient(http);
            ws.setIdleTimeout(Duration.ofMinutes(10));
            ws.setMaxTextMessageSize(1024 * 1024);
            ws.start();
            return new Client(http, ws);
        }

        @Override
        public void close() throws Exception {
            ws.stop();
            http.stop();
        }
    }
}
