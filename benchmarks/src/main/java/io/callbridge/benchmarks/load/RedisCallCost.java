package io.callbridge.benchmarks.load;

import com.google.inject.Module;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.benchmarks.inject.LoadServerModule;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * What one call costs in Redis, counted rather than timed, so that it is the same number on a busy machine: one node
 * (core, WebSocket transport, both adapters, on Redis) in this JVM on a {@code redis-server} it starts, a few HubSpot
 * widgets over real WebSockets, and calls placed one after the other (the next dial only once the previous call is
 * logged), so no two calls overlap. Two counts between the first and the last measured call:
 *
 * <ul>
 *   <li>{@code INFO commandstats}: every command Redis ran, including those inside Lua scripts, by name;</li>
 *   <li>{@code MONITOR}: the commands the node sent (its round trips), by name, and by script for {@code EVALSHA}
 *       (the script is known by its SHA-1, computed from the scripts on the class path).</li>
 * </ul>
 *
 * <p>Background work that runs on timers, not per call, is counted apart and left out of the per-call figures: the
 * event router's sweep ({@code MGET} every second), the housekeeping lease and scan (every 5 s), health {@code PING}s.
 * Which of these fall into the window depends on the wall clock; the per-call figures do not.
 */
public final class RedisCallCost {
    /** Scripts and commands that run on timers, not because of a call. */
    static final Set<String> BACKGROUND = Set.of("mget", "ping", "sscan", "script:lease-acquire",
            "script:lease-release", "script:store-read", "script:owed-pending", "info", "monitor");
    static final List<String> SCRIPTS = List.of("events-gap", "events-publish", "events-replay", "keys-drop",
            "keys-read", "keys-rotate", "lease-acquire", "lease-release", "owed-claim", "owed-finish", "owed-pending",
            "owed-renew", "owed-unclaim", "store-cas", "store-find", "store-read", "store-remove", "topics-put",
            "store-cas-publish", "agent-state", "agent-activity");
    /** With {@code -Dcallbridge.cost.trace=true}, every command the node sent is printed to standard error. */
    private static final boolean TRACE = Boolean.getBoolean("callbridge.cost.trace");
    private static final Pattern MONITOR_LINE = Pattern.compile("^\\+[0-9.]+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"(?: \"([^\"]*)\")?");

    /** The counts of one run. */
    public record Result(int calls, Map<String, Long> executed, Map<String, Long> sent,
            Map<String, Long> background) {
        public long executedTotal() {
            return executed.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sentTotal() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        /** A markdown table: per call, commands Redis ran and round trips the node made, by name. */
        public String toMarkdown() {
            StringBuilder out = new StringBuilder();
            out.append("| commands Redis ran (incl. inside scripts) | per call |\n|---|---:|\n");
            executed.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                            .append(perCall(e.getValue())).append(" |\n"));
            out.append("| **total** | **").append(perCall(executedTotal())).append("** |\n\n");
            out.append("| round trips the node made (top-level commands) | per call |\n|---|---:|\n");
            sent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                            .append(perCall(e.getValue())).append(" |\n"));
            out.append("| **total** | **").append(perCall(sentTotal())).append("** |\n\n");
            out.append(calls).append(" calls, one at a time; left out as background (timers, not calls): ")
                    .append(background.isEmpty() ? "nothing" : background).append('\n');
            return out.toString();
        }

        private String perCall(long n) {
            return String.format(Locale.ROOT, "%.1f", (double) n / calls);
        }
    }

    private final int agents;
    private final int warmupCalls;
    private final int calls;

    public RedisCallCost(int agents, int warmupCalls, int calls) {
        if (agents < 1 || calls < 1 || warmupCalls < 0) {
            throw new IllegalArgumentException("agents and calls must be at least 1, warm-up calls at least 0");
        }
        this.agents = agents;
        this.warmupCalls = warmupCalls;
        this.calls = calls;
    }

    public Result run() throws Exception {
        Map<String, String> scriptBySha = scriptsBySha();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        AgentTokens tokens = new AgentTokens(secret, Clock.systemUTC());
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "phone-system");
            t.setDaemon(true);
            return t;
        });
        PhoneNumber callerId = new PhoneNumber("+16175550100", null, "+16175550100");
        TimedPhoneSystem phone = new TimedPhoneSystem(timers, Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(20), callerId);
        try (RedisServer redis = RedisServer.builder().start()) {
            List<Module> modules = List.of(new RedisClusterModule(RedisSettings.of(redis.uri())
                    .withKeyPrefix("cost")), new CoreModule(), new HubSpotAdapterModule(),
                    new SalesforceAdapterModule(), new io.callbridge.transport.websocket.inject
                            .WebSocketTransportModule(), LoadServerModule.withTransport(phone, tokens,
                            // Calls follow each other at once: more frames per second than a person makes.
                            TransportSettings.localEphemeral().withRateLimit(100_000, 100_000)));
            HttpClient http = new HttpClient();
            WebSocketClient ws = new WebSocketClient(http);
            try (CallbridgeLauncher.Running node = CallbridgeLauncher.start(modules.toArray(Module[]::new));
                    RedisStats stats = RedisStats.connect(redis.uri())) {
                phone.reportTo(node.instance(TelephonyEvents.class));
                ws.start();
                BlockingQueue<BridgeAgent> idle = new LinkedBlockingQueue<>();
                List<String> lost = new ArrayList<>();
                BridgeAgent.Events events = new BridgeAgent.Events() {
                    @Override
                    public void ready(BridgeAgent agent) {
                        idle.add(agent);
                    }

                    @Override
                    public void idle(BridgeAgent agent) {
                        idle.add(agent);
                    }

                    @Override
                    public void lost(BridgeAgent agent, String why) {
                        synchronized (lost) {
                            lost.add(why);
                        }
                    }
                };
                FlowStats flow = new FlowStats();
                URI uri = URI.create("ws://127.0.0.1:" + node.port() + "/bridge/v1");
                for (int i = 0; i < agents; i++) {
                    String token = tokens.issue(AgentId.of("cost", String.format("agent-%03d", i)), "hubspot",
                            Duration.ofHours(1));
                    ws.connect(BridgeAgent.of("hubspot", token, flow, events), uri).get(30, TimeUnit.SECONDS);
                }
                List<BridgeAgent> ready = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    ready.add(take(idle, lost));
                }
                idle.addAll(ready);
                placeCalls(idle, lost, warmupCalls);
                Monitor monitor = Monitor.start(redis.host(), redis.port(), scriptBySha);
                RedisCommands before = stats.commands();
                placeCalls(idle, lost, calls);
                RedisCommands after = stats.commands();
                Map<String, Long> sent = monitor.stop();
                if (flow.errors().size() > 0) {
                    throw new IllegalStateException("the calls had errors: " + flow.errors());
                }
                Map<String, Long> executed = new TreeMap<>(after.minus(before).calls());
                Map<String, Long> background = new TreeMap<>();
                for (String name : BACKGROUND) {
                    Long n = sent.remove(name);
                    if (n != null) {
                        background.put(name, n);
                    }
                }
                executed.remove("info");
                executed.remove("monitor");
                // Commands a background script ran inside Redis are not the call's either: take out what each of
                // them runs (their scripts are fixed: lease-acquire GET + SET, store-read HMGET per member).
                subtract(executed, "evalsha", background.getOrDefault("script:lease-acquire", 0L)
                        + background.getOrDefault("script:lease-release", 0L)
                        + background.getOrDefault("script:store-read", 0L)
                        + background.getOrDefault("script:owed-pending", 0L));
                subtract(executed, "mget", background.getOrDefault("mget", 0L));
                subtract(executed, "sscan", background.getOrDefault("sscan", 0L));
                subtract(executed, "ping", background.getOrDefault("ping", 0L));
                subtract(executed, "get", background.getOrDefault("script:lease-acquire", 0L)
                        + background.getOrDefault("script:lease-release", 0L));
                subtract(executed, "set", background.getOrDefault("script:lease-acquire", 0L));
                return new Result(calls, executed, sent, background);
            } finally {
                ws.stop();
                timers.shutdownNow();
            }
        }
    }

    private static void subtract(Map<String, Long> counts, String name, long n) {
        if (n == 0) {
            return;
        }
        long left = counts.getOrDefault(name, 0L) - n;
        if (left > 0) {
            counts.put(name, left);
        } else {
            counts.remove(name);
        }
    }

    private static void placeCalls(BlockingQueue<BridgeAgent> idle, List<String> lost, int n)
            throws InterruptedException {
        for (int i = 0; i < n; i++) {
            BridgeAgent agent = take(idle, lost);
            agent.dial();
            // Wait for this call to be logged before the next: calls never overlap.
            List<BridgeAgent> others = new ArrayList<>();
            BridgeAgent back;
            while ((back = take(idle, lost)) != agent) {
                others.add(back);
            }
            idle.addAll(others);
            idle.add(back);
        }
    }

    private static BridgeAgent take(BlockingQueue<BridgeAgent> idle, List<String> lost) throws InterruptedException {
        BridgeAgent agent = idle.poll(30, TimeUnit.SECONDS);
        synchronized (lost) {
            if (!lost.isEmpty()) {
                throw new IllegalStateException("a session was lost: " + lost);
            }
        }
        if (agent == null) {
            throw new IllegalStateException("no agent became idle within 30 s");
        }
        return agent;
    }

    /**
     * What one {@code MONITOR} line says: who sent the command ({@code lua} for a script's own), the command (lower
     * case) and its first argument; null for a line that is not a command.
     */
    record MonitorLine(String client, String command, @org.jspecify.annotations.Nullable String firstArgument) {
        static @org.jspecify.annotations.Nullable MonitorLine parse(String line) {
            Matcher m = MONITOR_LINE.matcher(line);
            return m.find() ? new MonitorLine(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group(3)) : null;
        }
    }

    static Map<String, String> scriptsBySha() {
        Map<String, String> bySha = new ConcurrentHashMap<>();
        for (String name : SCRIPTS) {
            try (InputStream in = RedisCallCost.class.getResourceAsStream(
                    "/io/callbridge/cluster/redis/internal/lua/" + name + ".lua")) {
                if (in != null) {
                    bySha.put(sha1(in.readAllBytes()), name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bySha;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code MONITOR} connection: counts the commands clients sent (not those that scripts ran, which MONITOR marks
     * {@code lua}), by name, {@code EVALSHA} and {@code EVAL} by script.
     */
    static final class Monitor {
        private final Socket socket;
        private final BufferedReader in;
        private final Thread reader;
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private final Map<String, String> scriptBySha;
        private final String marker = "cost-monitor-end-" + System.nanoTime();
        private volatile boolean ended;

        private Monitor(Socket socket, BufferedReader in, Map<String, String> scriptBySha) {
            this.socket = socket;
            this.in = in;
            this.scriptBySha = scriptBySha;
            this.reader = new Thread(this::read, "redis-monitor");
            this.reader.setDaemon(true);
        }

        static Monitor start(String host, int port, Map<String, String> scriptBySha) throws IOException {
            Socket socket = new Socket(host, port);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                socket.close();
                throw new IllegalStateException("MONITOR answered " + ok);
            }
            Monitor m = new Monitor(socket, in, scriptBySha);
            m.reader.start();
            return m;
        }

        /** Stops counting (after every command sent so far was seen) and returns the counts. */
        Map<String, Long> stop() throws Exception {
            // A command of our own marks the end: once MONITOR shows it, everything sent before it was counted.
            try (Socket s = new Socket(socket.getInetAddress(), socket.getPort())) {
                s.getOutputStream().write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().read();
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            socket.close();
            if (!ended) {
                throw new IllegalStateException("MONITOR did not show the end marker");
            }
            Map<String, Long> out = new LinkedHashMap<>();
            counts.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }

        private void read() {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    MonitorLine m = MonitorLine.parse(line);
                    if (m == null || m.client().equals("lua")) {
                        continue;
                    }
                    if (TRACE) {
                        System.err.println("redis> " + (line.length() > 200 ? line.substring(0, 200) : line));
                    }
                    String command = m.command();
                    if (command.equals("echo") && marker.equals(m.firstArgument())) {
                        ended = true;
                        return;
                    }
                    if ((command.equals("evalsha") || command.equals("eval")) && m.firstArgument() != null) {
                        String script = command.equals("evalsha") ? scriptBySha.get(m.firstArgument())
                                : scriptBySha.get(sha1(m.firstArgument().getBytes(StandardCharsets.UTF_8)));
                        command = "script:" + (script == null ? "unknown" : script);
                    }
                    counts.computeIfAbsent(command, k -> new AtomicLong()).incrementAndGet();
                }
            } catch (IOException e) {
                // closed
            }
        }
    }
}
