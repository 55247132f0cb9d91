package io.callbridge.benchmarks.hops;

import com.google.inject.Module;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.benchmarks.inject.LoadServerModule;
import io.callbridge.benchmarks.load.BridgeAgent;
import io.callbridge.benchmarks.load.FlowStats;
import io.callbridge.benchmarks.load.TimedPhoneSystem;
import io.callbridge.benchmarks.load.Traffic;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Per-frame accounting of the in-memory HubSpot path: the production server (core, WebSocket transport, both
 * adapters, {@link LoadServerModule}'s timed phone system) in this JVM with {@link HopsModule}'s counting executors,
 * driven by the load generator's HubSpot bridges over real loopback WebSockets. Over the measured window it prints,
 * per frame (both directions, as the generator counts them): thread hops by executor, timer tasks scheduled,
 * cancelled and fired, thread parks (every {@code jdk.ThreadPark} of a flight recording with threshold 0), and bytes
 * allocated by the server's threads; then the same by the site that submitted or scheduled each task.
 *
 * <pre>{@code
 * java -cp "$CP" io.callbridge.benchmarks.hops.HopCountMain --agents 200 --rate 50 --warmup 3 --duration 10 \
 *   [--profile target/jfr/hops.jfr] [--out target/hops.md]
 * }</pre>
 * With {@code --profile} the window's recording also profiles (JFR's {@code profile} settings) and the output adds
 * execution and allocation samples of the server's threads by layer. Wall-clock figures (waits, CPU) are printed but
 * only the counts and bytes are meant to compare runs on a busy machine.
 */
public final class HopCountMain {
    private HopCountMain() {
    }

    public static void main(String[] args) throws Exception {
        int agents = 200;
        double rate = 50;
        int warmup = 3;
        int duration = 10;
        Path profile = null;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--agents" -> agents = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--duration" -> duration = Integer.parseInt(v);
                case "--profile" -> profile = Path.of(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --agents N --rate CALLS_PER_S --warmup S --duration S --profile FILE --out FILE");
            }
        }
        String report = run(agents, rate, warmup, duration, profile);
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        stdout.println(report);
        if (out != null) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, report);
        }
        System.exit(0);
    }

    static String run(int agentCount, double rate, int warmup, int duration, Path profile) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        AgentTokens tokens = new AgentTokens(secret, Clock.systemUTC());
        HopCounters counters = new HopCounters();
        ScheduledThreadPoolExecutor phoneTimers = CountingTransportExecutors.countingTimer(counters, "phone system", 2,
                r -> {
                    Thread t = new Thread(r, "phone-system");
                    t.setDaemon(true);
                    return t;
                });
        TimedPhoneSystem phone = new TimedPhoneSystem(phoneTimers, Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofMillis(1000), new PhoneNumber("+16175550100", null, "+16175550100"));
        List<Module> modules = List.of(new CoreModule(), new WebSocketTransportModule(), new HubSpotAdapterModule(),
                new SalesforceAdapterModule(), new LoadServerModule(phone, tokens), new HopsModule(counters));
        FlowStats stats = new FlowStats();
        QueuedThreadPool clientThreads = new QueuedThreadPool();
        clientThreads.setName("hops-client");
        HttpClient http = new HttpClient();
        http.setExecutor(clientThreads);
        http.setMaxConnectionsPerDestination(agentCount + 16);
        WebSocketClient ws = new WebSocketClient(http);
        ws.setIdleTimeout(Duration.ofMinutes(10));
        ws.setMaxTextMessageSize(1024 * 1024);
        try (CallbridgeLauncher.Running running = CallbridgeLauncher.start(modules.toArray(Module[]::new))) {
            phone.reportTo(running.instance(TelephonyEvents.class));
            ws.start();
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
            URI uri = URI.create("ws://127.0.0.1:" + running.port() + "/bridge/v1");
            for (int i = 0; i < agentCount; i++) {
                String token = tokens.issue(AgentId.of("bench", String.format("agent-%05d", i)), "hubspot",
                        Duration.ofHours(1));
                BridgeAgent agent = BridgeAgent.of("hubspot", token, stats, events);
                agents.add(agent);
                ws.connect(agent, uri).whenComplete((s, e) -> {
                    if (e != null) {
                        agent.onWebSocketClose(1006, "connect failed");
                    }
                });
            }
            waitFor(() -> ready.get() + lost.get() >= agentCount, Duration.ofSeconds(60));
            drive(idle, stats, rate, warmup);

            Recording recording = profile == null ? new Recording()
                    : new Recording(Configuration.getConfiguration("profile"));
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withoutStackTrace();
            if (profile != null) {
                // Many more samples than JFR's 10-20 ms: most server threads run for well under a millisecond at a time.
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            }
            Path jfr = profile != null ? profile : Files.createTempFile("hops", ".jfr");
            if (jfr.getParent() != null) {
                Files.createDirectories(jfr.getParent());
            }
            recording.setDestination(jfr);
            stats.measuring(true);
            Map<HopCounters.Key, Long> c0 = counters.snapshot();
            var a0 = ThreadAllocations.now();
            var cpu0 = ThreadAllocations.cpuNow();
            Traffic.Snapshot t0 = stats.traffic.snapshot();
            recording.start();
            long w0 = System.nanoTime();
            drive(idle, stats, rate, duration);
            double wall = (System.nanoTime() - w0) / 1e9;
            recording.stop();
            Traffic.Snapshot traffic = stats.traffic.snapshot().minus(t0);
            Map<String, Long> allocation = ThreadAllocations.between(a0, ThreadAllocations.now());
            Map<String, Long> cpu = ThreadAllocations.between(cpu0, ThreadAllocations.cpuNow());
            Map<HopCounters.Key, Long> window = HopCounters.minus(counters.snapshot(), c0);
            stats.measuring(false);
            recording.close();
            JfrSummary jfrSummary = JfrSummary.read(jfr);
            if (profile == null) {
                Files.deleteIfExists(jfr);
            }
            long logged = stats.callsLogged.sum();
            waitFor(() -> stats.callsLogged.sum() >= stats.callsStarted.sum(), Duration.ofSeconds(15));
            phone.drainStamps(s -> { });
            String report = Report.markdown(agentCount, rate, duration, wall, traffic, logged, stats.errors(), window,
                    allocation, cpu, jfrSummary, profile != null);
            agents.forEach(BridgeAgent::close);
            return report;
        } finally {
            ws.stop();
            http.stop();
            phoneTimers.shutdownNow();
        }
    }

    private static void drive(ConcurrentLinkedQueue<BridgeAgent> idle, FlowStats stats, double rate, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long issued = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * rate);
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

    private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The printed tables. */
    static final class Report {
        private Report() {
        }

        static String markdown(int agents, double rate, int duration, double wall, Traffic.Snapshot traffic,
                long logged, Map<String, Long> errors, Map<HopCounters.Key, Long> window,
                Map<String, Long> allocation, Map<String, Long> cpu, JfrSummary jfr, boolean profiled) {
            long frames = traffic.frames();
            double f = Math.max(1, frames);
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "HubSpot, in memory: %d agents, %.0f calls/s offered, %d s window "
                    + "(%.1f s wall); %d frames (%d to the server, %d from it), %.1f frames/s, %.0f bytes per frame; "
                    + "%d calls logged (%.1f frames per call); errors %s; 1-minute load average %s%n%n", agents, rate,
                    duration, wall, frames, traffic.framesOut(), traffic.framesIn(), frames / wall,
                    traffic.bytes() / f, logged, frames / Math.max(1.0, logged), errors.isEmpty() ? "none" : errors,
                    loadAverage()));
            Map<String, long[]> lanes = new TreeMap<>();
            for (Map.Entry<HopCounters.Key, Long> e : window.entrySet()) {
                long[] l = lanes.computeIfAbsent(e.getKey().lane(), k -> new long[HopCounters.Kind.values().length]);
                l[e.getKey().kind().ordinal()] += e.getValue();
            }
            long hops = 0;
            long scheduled = 0;
            long cancelled = 0;
            long fired = 0;
            for (long[] l : lanes.values()) {
                hops += l[HopCounters.Kind.SUBMITTED.ordinal()];
                scheduled += l[HopCounters.Kind.TIMER_SCHEDULED.ordinal()];
                cancelled += l[HopCounters.Kind.TIMER_CANCELLED.ordinal()];
                fired += l[HopCounters.Kind.TIMER_FIRED.ordinal()];
            }
            long serverParks = 0;
            for (Map.Entry<String, Long> e : jfr.parksByGroup.entrySet()) {
                if (ThreadAllocations.serverSide(e.getKey())) {
                    serverParks += e.getValue();
                }
            }
            long serverBytes = 0;
            for (Map.Entry<String, Long> e : allocation.entrySet()) {
                if (ThreadAllocations.serverSide(e.getKey())) {
                    serverBytes += e.getValue();
                }
            }
            b.append("| per frame | value |\n|---|---:|\n");
            row(b, "thread hops (tasks handed to a pool or timer thread to run now)", hops / f);
            row(b, "timer tasks scheduled", scheduled / f);
            row(b, "timer tasks cancelled", cancelled / f);
            row(b, "timer tasks fired (delayed and periodic)", fired / f);
            row(b, "thread parks of server threads (JFR jdk.ThreadPark, threshold 0)", serverParks / f);
            long serverCpu = 0;
            for (Map.Entry<String, Long> e : cpu.entrySet()) {
                if (ThreadAllocations.serverSide(e.getKey())) {
                    serverCpu += e.getValue();
                }
            }
            b.append(String.format(Locale.ROOT, "| bytes allocated by server threads | %,.0f |%n", serverBytes / f));
            b.append(String.format(Locale.ROOT, "| CPU µs of server threads (thread CPU time; no GC, JIT or kernel "
                    + "threads; busy-machine figure) | %.1f |%n%n", serverCpu / 1e3 / f));

            b.append("| executor (lane) | hops | timers scheduled | cancelled | fired | bytes allocated in its tasks "
                    + "| mean wait (µs) |\n|---|---:|---:|---:|---:|---:|---:|\n");
            lanes.forEach((lane, l) -> {
                long sub = l[HopCounters.Kind.SUBMITTED.ordinal()];
                b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %,.0f | %s |%n", lane,
                        sub / f, l[HopCounters.Kind.TIMER_SCHEDULED.ordinal()] / f,
                        l[HopCounters.Kind.TIMER_CANCELLED.ordinal()] / f, l[HopCounters.Kind.TIMER_FIRED.ordinal()] / f,
                        l[HopCounters.Kind.ALLOCATED_BYTES.ordinal()] / f,
                        sub == 0 ? "" : String.format(Locale.ROOT, "%.0f",
                                l[HopCounters.Kind.WAIT_NANOS.ordinal()] / 1e3 / sub)));
            });

            Map<String, long[]> sites = new TreeMap<>();
            for (Map.Entry<HopCounters.Key, Long> e : window.entrySet()) {
                long[] l = sites.computeIfAbsent(e.getKey().lane() + " | " + e.getKey().site(),
                        k -> new long[HopCounters.Kind.values().length]);
                l[e.getKey().kind().ordinal()] += e.getValue();
            }
            b.append("\n| executor | site (submitting class, timer delay) | hops | scheduled | cancelled | fired "
                    + "| bytes allocated |\n|---|---|---:|---:|---:|---:|---:|\n");
            sites.forEach((site, l) -> b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %,.0f |%n",
                    site, l[HopCounters.Kind.SUBMITTED.ordinal()] / f, l[HopCounters.Kind.TIMER_SCHEDULED.ordinal()] / f,
                    l[HopCounters.Kind.TIMER_CANCELLED.ordinal()] / f, l[HopCounters.Kind.TIMER_FIRED.ordinal()] / f,
                    l[HopCounters.Kind.ALLOCATED_BYTES.ordinal()] / f)));

            b.append("\n| thread group | bytes allocated per frame | parks per frame | CPU µs per frame |\n"
                    + "|---|---:|---:|---:|\n");
            Map<String, Long> groups = new TreeMap<>(allocation);
            jfr.parksByGroup.keySet().forEach(g -> groups.putIfAbsent(g, 0L));
            groups.forEach((g, bytes) -> {
                long parks = jfr.parksByGroup.getOrDefault(g, 0L);
                if (bytes / f >= 1 || parks / f >= 0.001) {
                    b.append(String.format(Locale.ROOT, "| %s%s | %,.0f | %.3f | %.1f |%n", g,
                            ThreadAllocations.serverSide(g) ? "" : " (not the server)", bytes / f, parks / f,
                            cpu.getOrDefault(g, 0L) / 1e3 / f));
                }
            });
            if (profiled) {
                share(b, "server execution samples by the top frame's layer", jfr.samplesBySelf, 20);
                share(b, "server execution samples by the callbridge class nearest the top", jfr.samplesByCallbridge,
                        25);
                share(b, "server execution samples by thread group", jfr.samplesByServerThread, 20);
                share(b, "server hot methods (top frame)", jfr.topServerMethods, 25);
                share(b, "server allocation (sampled weight) by the top frame's layer", jfr.allocationBySelf, 20);
                share(b, "server allocation (sampled weight) by the callbridge class nearest the top",
                        jfr.allocationByCallbridge, 25);
                share(b, "server allocation (sampled weight) by the callbridge method nearest the top",
                        jfr.allocationByCallbridgeMethod, 30);
            }
            return b.toString();
        }

        private static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (java.io.IOException | RuntimeException e) {
                return "unknown";
            }
        }

        private static void row(StringBuilder b, String name, double value) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f |%n", name, value));
        }

        private static void share(StringBuilder b, String title, Map<String, Long> values, int top) {
            long total = values.values().stream().mapToLong(Long::longValue).sum();
            b.append("\n| ").append(title).append(" | share |\n|---|---:|\n");
            values.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> b.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", e.getKey(),
                            100.0 * e.getValue() / Math.max(1, total))));
            b.append(String.format(Locale.ROOT, "| (total: %,d) | |%n", total));
        }
    }
}
