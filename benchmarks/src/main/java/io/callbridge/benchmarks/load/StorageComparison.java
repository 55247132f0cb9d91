package io.callbridge.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --compare-storage} (issue 11's benchmark): the same load three times, one after the other, each a whole
 * {@link LoadRun} with fresh JVMs: one node in memory (with the echo, if it runs), one node on Redis, and
 * {@code max(2, --nodes)} nodes on Redis. Writes {@value #JSON_FILE} and {@value #MD_FILE}; each run's own reports go
 * to {@code memory/}, {@code redis-1/} and {@code redis-N/}. At one offered rate the calls/s logged only differ when
 * a set-up cannot keep up; CPU per frame, latency and Redis commands per call are what tell them apart.
 */
public final class StorageComparison {
    public static final String JSON_FILE = "compare-storage.json";
    public static final String MD_FILE = "compare-storage.md";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final LoadOptions options;

    public StorageComparison(LoadOptions options) {
        if (!options.compareStorage()) {
            throw new IllegalArgumentException("not a --compare-storage run");
        }
        this.options = options;
    }

    /**
     * The three runs' reports.
     *
     * @param runs what each set-up was called and its report, in order
     */
    public record Result(List<Run> runs) {
        public Result {
            runs = List.copyOf(runs);
        }

        public String toJson() {
            return JSON.writeValueAsString(this);
        }

        public String toMarkdown() {
            StringBuilder b = new StringBuilder("| metric |");
            StringBuilder rule = new StringBuilder("|---|");
            for (Run r : runs) {
                b.append(' ').append(r.setup()).append(" |");
                rule.append("---:|");
            }
            b.append('\n').append(rule).append('\n');
            row(b, "1-minute load average", r -> r.report().machine().getOrDefault("loadAverage1m", "?"));
            row(b, "sessions held", r -> Long.toString(r.report().callbridge().sessionsHeld()));
            row(b, "calls/s logged", r -> num(r.report().callbridge().callsPerSecond(), 1));
            row(b, "frames/s", r -> num(r.report().callbridge().framesPerSecond(), 0));
            row(b, "phone event → invocation p50 / p99 / p99.9 (µs)", r -> {
                Percentiles p = phone(r);
                return p.p50() + " / " + p.p99() + " / " + p.p999();
            });
            row(b, "dial → first answer p99 (µs)", r -> Long.toString(r.report().callbridge().latencyMicros()
                    .getOrDefault(LoadReport.DIAL_TO_ACK, Percentiles.EMPTY).p99()));
            row(b, "server CPU, all nodes (cores)", r -> num(r.report().callbridge().serverCpuCores(), 2));
            row(b, "server CPU per frame (µs)", r -> num(r.report().callbridge().serverCpuMicrosPerFrame(), 1));
            row(b, "Redis commands per call", r -> r.report().redis() == null ? "-"
                    : num(r.report().redis().commandsPerCall(), 1));
            row(b, "errors", r -> Long.toString(r.report().callbridge().errorCount()));
            RunResult echo = runs.isEmpty() ? null : runs.get(0).report().echo();
            if (echo != null) {
                Percentiles e = echo.latencyMicros().getOrDefault(LoadReport.ECHO_ROUND_TRIP, Percentiles.EMPTY);
                b.append(String.format(Locale.ROOT, "%nraw echo at %.0f frames/s: round trip p50 / p99 / p99.9 %d /"
                        + " %d / %d µs, server CPU per frame %.1f µs%n", echo.framesPerSecond(), e.p50(), e.p99(),
                        e.p999(), echo.serverCpuMicrosPerFrame()));
            }
            if (runs.size() == 3) {
                double memory = runs.get(0).report().callbridge().callsPerSecond();
                double one = runs.get(1).report().callbridge().callsPerSecond();
                double many = runs.get(2).report().callbridge().callsPerSecond();
                b.append(String.format(Locale.ROOT, "%ncalls/s logged at the same offered rate: one node on Redis /"
                        + " in memory %.2f×, %s / one node on Redis %.2f× (issue 11's targets compare the rates each"
                        + " carries at the same p99; one offered rate cannot judge them)%n",
                        memory == 0 ? Double.NaN : one / memory, runs.get(2).setup(),
                        one == 0 ? Double.NaN : many / one));
            }
            return b.toString();
        }

        private void row(StringBuilder b, String name, Function<Run, String> value) {
            b.append("| ").append(name).append(" |");
            for (Run r : runs) {
                b.append(' ').append(value.apply(r)).append(" |");
            }
            b.append('\n');
        }

        private static Percentiles phone(Run r) {
            return r.report().callbridge().latencyMicros().getOrDefault(LoadReport.PHONE_TO_INVOKE, Percentiles.EMPTY);
        }
    }

    /** One set-up ({@code 1 node, in memory}) and its report. */
    public record Run(String setup, LoadReport report) { }

    public Result run() throws Exception {
        Files.createDirectories(options.out());
        int many = Math.max(2, options.nodes());
        List<Run> runs = new ArrayList<>();
        runs.add(run("1 node, in memory", options.storage(false, 1, options.echo(), dir("memory"))));
        runs.add(run("1 node, Redis", options.storage(true, 1, false, dir("redis-1"))));
        runs.add(run(many + " nodes, Redis", options.storage(true, many, false, dir("redis-" + many))));
        Result result = new Result(runs);
        Files.writeString(options.out().resolve(JSON_FILE), result.toJson());
        Files.writeString(options.out().resolve(MD_FILE), result.toMarkdown());
        return result;
    }

    private Run run(String setup, LoadOptions o) throws Exception {
        return new Run(setup, new LoadRun(o).run());
    }

    private Path dir(String name) {
        return options.out().resolve(name);
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
