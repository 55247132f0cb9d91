package io.callbridge.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a load run goes. {@link #parse} reads the generator's command line; {@code --short} starts from
 * {@link #SHORT} (the ≤ 60 s check) instead of {@link #DEFAULTS}, and later flags override either.
 *
 * @param agents agents, each with one HubSpot bridge session (1 to 10,000)
 * @param callsPerSecond calls the generator starts per second, spread over idle agents
 * @param warmupSeconds calls run but are not measured
 * @param measureSeconds the measured window
 * @param ringMs after the dial, when the phone system reports Ringing
 * @param answerMs after the dial, when it reports Answered
 * @param talkMs after the answer, when the far end hangs up
 * @param serverHeap the server JVM's -Xmx
 * @param serverJvmArgs more options for the server JVMs (e.g. a flight recording)
 * @param echo whether to run the raw-echo baseline after the project's run
 * @param out where the JSON and markdown reports go
 */
public record LoadOptions(int agents, double callsPerSecond, int warmupSeconds, int measureSeconds, int ringMs,
        int answerMs, int talkMs, String serverHeap, List<String> serverJvmArgs, boolean echo, Path out) {

    public static final int MAX_AGENTS = 10_000;

    public static final LoadOptions DEFAULTS = new LoadOptions(1_000, 200, 10, 60, 100, 300, 1_000, "1g", List.of(),
            true, Path.of("target", "load"));
    /** Both runs, JVM starts and heap measurements included, in well under a minute. */
    public static final LoadOptions SHORT = new LoadOptions(200, 50, 3, 10, 100, 300, 1_000, "512m", List.of(), true,
            Path.of("target", "load"));

    public LoadOptions {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be 1.." + MAX_AGENTS + " but was " + agents);
        }
        if (!(callsPerSecond > 0) || callsPerSecond > 10_000) {
            throw new IllegalArgumentException("calls per second must be in (0, 10000] but was " + callsPerSecond);
        }
        if (warmupSeconds < 0 || measureSeconds < 1 || measureSeconds > 3_600) {
            throw new IllegalArgumentException("need warmup >= 0 and 1 <= measure <= 3600 seconds");
        }
        if (ringMs < 0 || answerMs < ringMs || talkMs < 0) {
            throw new IllegalArgumentException("need 0 <= ring <= answer and talk >= 0");
        }
        serverJvmArgs = List.copyOf(serverJvmArgs);
    }

    /** Seconds a call holds its agent on the phone system's side; the driver needs agents × this ≥ rate. */
    public double callSeconds() {
        return (answerMs + talkMs) / 1000.0;
    }

    public static LoadOptions parse(String... args) {
        LoadOptions o = DEFAULTS;
        for (String a : args) {
            if (a.equals("--short")) {
                o = SHORT;
            }
        }
        int agents = o.agents;
        double rate = o.callsPerSecond;
        int warmup = o.warmupSeconds;
        int measure = o.measureSeconds;
        int ring = o.ringMs;
        int answer = o.answerMs;
        int talk = o.talkMs;
        String heap = o.serverHeap;
        List<String> jvm = new ArrayList<>(o.serverJvmArgs);
        boolean echo = o.echo;
        Path out = o.out;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--short" -> { }
                case "--no-echo" -> echo = false;
                case "--agents" -> agents = Integer.parseInt(value(args, ++i, a));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, a));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
                case "--duration" -> measure = Integer.parseInt(value(args, ++i, a));
                case "--ring-ms" -> ring = Integer.parseInt(value(args, ++i, a));
                case "--answer-ms" -> answer = Integer.parseInt(value(args, ++i, a));
                case "--talk-ms" -> talk = Integer.parseInt(value(args, ++i, a));
                case "--server-heap" -> heap = value(args, ++i, a);
                case "--server-jvm-arg" -> jvm.add(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + usage());
            }
        }
        return new LoadOptions(agents, rate, warmup, measure, ring, answer, talk, heap, jvm, echo, out);
    }

    public static String usage() {
        return "options: --short | --agents N (1.." + MAX_AGENTS + ", default " + DEFAULTS.agents + ") | --rate CALLS_PER_S"
                + " (default " + DEFAULTS.callsPerSecond + ") | --warmup S | --duration S | --ring-ms | --answer-ms"
                + " | --talk-ms | --server-heap SIZE (default " + DEFAULTS.serverHeap + ") | --server-jvm-arg ARG"
                + " (repeatable) | --no-echo | --out DIR (default " + DEFAULTS.out + ")";
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
