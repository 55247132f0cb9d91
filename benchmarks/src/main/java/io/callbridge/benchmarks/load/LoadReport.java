package io.callbridge.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load run's results: the project's run, the raw-echo baseline if it ran, the ratios between them, and the issue's
 * targets the run can speak to. Renders as JSON (for machines) and as a markdown table (for docs/performance.md).
 *
 * @param machine what ran it: cores, memory, JVM
 * @param options the run's options as given
 * @param redis what the nodes asked of Redis in the window, or null for a run in memory
 */
public record LoadReport(Map<String, String> machine, Map<String, Object> options, RunResult callbridge,
        @Nullable RunResult echo, Map<String, Double> ratios, Map<String, String> targets, @Nullable RedisUse redis) {

    /** Latency of phone-system event → CRM invocation at the bridge, all three kinds together. */
    public static final String PHONE_TO_INVOKE = "phoneEventToInvoke";
    public static final String ECHO_ROUND_TRIP = "echoRoundTrip";
    public static final String DIAL_TO_ACK = "dialToAck";
    static final long GIB = 1024L * 1024 * 1024;
    static final int TARGET_SESSIONS = 10_000;
    static final double TARGET_RATE = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public static LoadReport of(Map<String, String> machine, Map<String, Object> options, RunResult callbridge,
            @Nullable RunResult echo) {
        return of(machine, options, callbridge, echo, null);
    }

    public static LoadReport of(Map<String, String> machine, Map<String, Object> options, RunResult callbridge,
            @Nullable RunResult echo, @Nullable RedisUse redis) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (echo != null) {
            Percentiles project = callbridge.latencyMicros().getOrDefault(PHONE_TO_INVOKE, Percentiles.EMPTY);
            Percentiles dial = callbridge.latencyMicros().getOrDefault(DIAL_TO_ACK, Percentiles.EMPTY);
            Percentiles base = echo.latencyMicros().getOrDefault(ECHO_ROUND_TRIP, Percentiles.EMPTY);
            ratios.put("p50 phoneEventToInvoke / echo", ratio(project.p50(), base.p50()));
            ratios.put("p99 phoneEventToInvoke / echo", ratio(project.p99(), base.p99()));
            ratios.put("p99.9 phoneEventToInvoke / echo", ratio(project.p999(), base.p999()));
            ratios.put("p50 dialToAck / echo", ratio(dial.p50(), base.p50()));
            ratios.put("p99 dialToAck / echo", ratio(dial.p99(), base.p99()));
            ratios.put("heap per session / echo", ratio(callbridge.heapPerSessionBytes(), echo.heapPerSessionBytes()));
            ratios.put("server CPU per frame / echo",
                    ratio(callbridge.serverCpuMicrosPerFrame(), echo.serverCpuMicrosPerFrame()));
            ratios.put("frames per second / echo", ratio(callbridge.framesPerSecond(), echo.framesPerSecond()));
            if (callbridge.idleCpuMicrosPerSessionSecond() >= 0 && echo.idleCpuMicrosPerSessionSecond() >= 0) {
                ratios.put("server CPU per idle session / echo", ratio(callbridge.idleCpuMicrosPerSessionSecond(),
                        echo.idleCpuMicrosPerSessionSecond()));
            }
        }
        return new LoadReport(machine, options, callbridge, echo, ratios, targets(callbridge, ratios), redis);
    }

    /** The load-related targets of the issue, judged on what this run measured, saying how. */
    static Map<String, String> targets(RunResult run, Map<String, Double> ratios) {
        Map<String, String> targets = new LinkedHashMap<>();
        long projected = run.heapIdleBytes() + run.heapPerSessionBytes() * TARGET_SESSIONS;
        // With the sessions busy, what they hold grows with call history until core's retention forgets calls: the
        // larger of "all logged in" and "after the load" is judged.
        long measured = Math.max(run.heapWithSessionsBytes(), run.heapAfterLoadBytes());
        String how = run.sessionsHeld() >= TARGET_SESSIONS
                ? String.format(Locale.ROOT, "measured %d sessions: %.0f MiB after GC (logged in %.0f, after the load"
                        + " %.0f)", run.sessionsHeld(), measured / 1048576.0, run.heapWithSessionsBytes() / 1048576.0,
                        run.heapAfterLoadBytes() / 1048576.0)
                : String.format(Locale.ROOT, "projected from %d sessions: %.0f MiB after GC for %d", run.sessionsHeld(),
                        projected / 1048576.0, TARGET_SESSIONS);
        long judged = run.sessionsHeld() >= TARGET_SESSIONS ? measured : projected;
        targets.put("10,000 sessions in <= 1 GiB heap", (judged <= GIB ? "met" : "missed") + " (" + how + ")");
        Double p99 = ratios.get("p99 phoneEventToInvoke / echo");
        if (p99 != null) {
            String at = String.format(Locale.ROOT, "%.2fx at %.0f frames/s", p99, run.framesPerSecond());
            // A run below the rate the target names cannot speak to it, whichever way its ratio goes.
            String verdict = run.framesPerSecond() < TARGET_RATE * 0.95 ? "not judged: below the 5,000 frames/s the"
                    + " target names" : p99 <= 2.0 ? "met" : "missed";
            targets.put("p99 <= 2x raw echo at 5,000 msg/s", verdict + " (" + at + ")");
        }
        Double idle = ratios.get("server CPU per idle session / echo");
        if (idle != null) {
            String at = String.format(Locale.ROOT, "%.2fx with %d idle sessions", idle, run.sessionsHeld());
            String verdict = run.sessionsHeld() < TARGET_SESSIONS ? "not judged: fewer than the 10,000 sessions the"
                    + " target names" : idle <= 2.0 ? "met" : "missed";
            targets.put("server CPU per idle session <= 2x raw echo (10,000 sessions)", verdict + " (" + at + ")");
        }
        return targets;
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : Math.round(a / b * 100.0) / 100.0;
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        boolean hasEcho = echo != null;
        if (machine.containsKey("loadAverage1m")) {
            b.append("1-minute load average of the machine: ").append(machine.get("loadAverage1m")).append("\n\n");
        }
        b.append("| metric | callbridge |").append(hasEcho ? " raw Jetty echo | ratio |" : "").append('\n');
        b.append("|---|---:|").append(hasEcho ? "---:|---:|" : "").append('\n');
        row(b, "sessions held / requested", callbridge.sessionsHeld() + " / " + callbridge.sessionsRequested(),
                hasEcho ? echo.sessionsHeld() + " / " + echo.sessionsRequested() : null, null);
        row(b, "calls/s logged", num(callbridge.callsPerSecond()), hasEcho ? "-" : null, null);
        row(b, "frames/s (both directions)", num(callbridge.framesPerSecond()),
                hasEcho ? num(echo.framesPerSecond()) : null, ratios.get("frames per second / echo"));
        row(b, "mean frame size (chars)", num(callbridge.meanFrameBytes()), hasEcho ? num(echo.meanFrameBytes()) : null,
                null);
        Percentiles phone = callbridge.latencyMicros().getOrDefault(PHONE_TO_INVOKE, Percentiles.EMPTY);
        Percentiles dial = callbridge.latencyMicros().getOrDefault(DIAL_TO_ACK, Percentiles.EMPTY);
        Percentiles base = hasEcho ? echo.latencyMicros().getOrDefault(ECHO_ROUND_TRIP, Percentiles.EMPTY) : null;
        row(b, "phone event → invocation p50 / echo RTT p50 (µs)", Long.toString(phone.p50()),
                base == null ? null : Long.toString(base.p50()), ratios.get("p50 phoneEventToInvoke / echo"));
        row(b, "phone event → invocation p99 / echo RTT p99 (µs)", Long.toString(phone.p99()),
                base == null ? null : Long.toString(base.p99()), ratios.get("p99 phoneEventToInvoke / echo"));
        row(b, "phone event → invocation p99.9 / echo RTT p99.9 (µs)", Long.toString(phone.p999()),
                base == null ? null : Long.toString(base.p999()), ratios.get("p99.9 phoneEventToInvoke / echo"));
        row(b, "dial → ack p99 / echo RTT p99 (µs)", Long.toString(dial.p99()),
                base == null ? null : Long.toString(base.p99()), ratios.get("p99 dialToAck / echo"));
        for (Map.Entry<String, Percentiles> e : callbridge.latencyMicros().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Percentiles p = e.getValue();
            row(b, "callbridge " + e.getKey() + " p50 / p99 / p99.9 (µs, n=" + p.count() + ")",
                    p.p50() + " / " + p.p99() + " / " + p.p999(), hasEcho ? "" : null, null);
        }
        row(b, "errors", Long.toString(callbridge.errorCount()), hasEcho ? Long.toString(echo.errorCount()) : null,
                null);
        row(b, "heap per session after GC (bytes)", Long.toString(callbridge.heapPerSessionBytes()),
                hasEcho ? Long.toString(echo.heapPerSessionBytes()) : null, ratios.get("heap per session / echo"));
        row(b, "heap with all sessions after GC (MiB)", mib(callbridge.heapWithSessionsBytes()),
                hasEcho ? mib(echo.heapWithSessionsBytes()) : null, null);
        row(b, "heap after GC at the end of the load, sessions open (MiB)", mib(callbridge.heapAfterLoadBytes()),
                hasEcho ? mib(echo.heapAfterLoadBytes()) : null, null);
        row(b, "heap kept per logged call, until core's callRetention (bytes)",
                Long.toString(callbridge.heapPerCallKeptBytes()), hasEcho ? "" : null, null);
        row(b, "server GC in the window: collections / total ms / longest ms", gc(callbridge.serverGc()),
                hasEcho ? gc(echo.serverGc()) : null, null);
        row(b, "server CPU (cores busy)", num2(callbridge.serverCpuCores()), hasEcho ? num2(echo.serverCpuCores()) : null,
                null);
        row(b, "server CPU per frame (µs)", num2(callbridge.serverCpuMicrosPerFrame()),
                hasEcho ? num2(echo.serverCpuMicrosPerFrame()) : null, ratios.get("server CPU per frame / echo"));
        if (callbridge.idleCpuMicrosPerSessionSecond() >= 0) {
            row(b, "server CPU per idle session (µs per second, --idle-seconds)",
                    num3(callbridge.idleCpuMicrosPerSessionSecond()),
                    hasEcho ? num3(echo.idleCpuMicrosPerSessionSecond()) : null,
                    ratios.get("server CPU per idle session / echo"));
        }
        row(b, "generator CPU (cores busy)", num2(callbridge.generatorCpuCores()),
                hasEcho ? num2(echo.generatorCpuCores()) : null, null);
        if (!callbridge.errors().isEmpty()) {
            b.append("\ncallbridge errors: ").append(callbridge.errors()).append('\n');
        }
        if (hasEcho && !echo.errors().isEmpty()) {
            b.append("\necho errors: ").append(echo.errors()).append('\n');
        }
        if (redis != null) {
            b.append(String.format(Locale.ROOT, "%nRedis (%s, %d node%s): %d commands in the window, %.0f/s, %.2f per"
                    + " call dialled in the window%n", redis.redis(), redis.nodes(), redis.nodes() == 1 ? "" : "s",
                    redis.commands(), redis.commandsPerSecond(), redis.commandsPerCall()));
            if (redis.nodes() > 1) {
                b.append("phone reports that reached core through another node's webhook: ")
                        .append(redis.phoneReportsForwarded()).append('\n');
            }
            b.append("per call by command: ");
            b.append(String.join(", ", redis.perCallByCommand().entrySet().stream().limit(12)
                    .map(e -> e.getKey() + " " + num2(e.getValue())).toList()));
            b.append('\n');
        }
        b.append('\n');
        targets.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String project, @Nullable String echo, @Nullable Double r) {
        b.append("| ").append(name).append(" | ").append(project).append(" |");
        if (echo != null) {
            b.append(' ').append(echo).append(" | ").append(r == null ? "" : num2(r) + "×").append(" |");
        }
        b.append('\n');
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num3(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String gc(GcPauses gc) {
        return gc.collections() + " / " + gc.totalMillis() + " / " + gc.longestMillis();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
