package io.callbridge.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a load run goes. {@link #parse} reads the generator's command line; {@code --short} starts from
 * {@link #SHORT} (the ≤ 60 s check) instead of {@link #DEFAULTS}, and later flags override either. Every value is
 * checked here, with an error that names the flag, so a run never starts with options it cannot honour.
 *
 * @param agents agents, each with one bridge session (1 to 10,000)
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
 * @param crm which CRM the agents' bridges play
 * @param tls whether the servers (callbridge and the echo) serve wss:// with a self-signed certificate
 * @param redis null for core's in-memory stores; {@value #REDIS_AUTO} for a redis-server the generator starts itself;
 *     else a {@code redis://} or {@code rediss://} URI
 * @param nodes callbridge server JVMs on the same Redis (1 without Redis)
 * @param sweep call rates to run one after the other ({@code --sweep}), or empty for one run at {@code callsPerSecond}
 * @param compareStorage {@code --compare-storage}: one node in memory, one node on Redis and {@code nodes} (at least
 *     2) nodes on Redis, one after the other, side by side
 * @param redisTimeoutMs the servers' Redis command (and connect) timeout, or 0 for {@code RedisSettings}' default
 * @param idleSeconds seconds with every session open and no traffic of the generator's, measured for the server's CPU
 *     per idle session before the warm-up after as many seconds to settle ({@code --idle-seconds}); 0 skips it
 */
public record LoadOptions(int agents, double callsPerSecond, int warmupSeconds, int measureSeconds, int ringMs,
        int answerMs, int talkMs, String serverHeap, List<String> serverJvmArgs, boolean echo, Path out, Crm crm,
        boolean tls, @Nullable String redis, int nodes, List<Double> sweep, boolean compareStorage,
        int redisTimeoutMs, int idleSeconds) {

    public static final int MAX_AGENTS = 10_000;
    public static final int MAX_NODES = 8;
    public static final int MAX_SWEEP_POINTS = 20;
    public static final double MAX_RATE = 10_000;
    public static final String REDIS_AUTO = "auto";

    /** The CRM the generator's bridges play; {@link #MIXED} alternates HubSpot and Salesforce agents. */
    public enum Crm {
        HUBSPOT, SALESFORCE, MIXED;

        /** The CRM of agent number {@code index} (0-based) among {@code nodes} nodes. */
        public String of(int index, int nodes) {
            return switch (this) {
                case HUBSPOT -> "hubspot";
                case SALESFORCE -> "salesforce";
                // Agent i is on node i % nodes; alternate the CRM per round over the nodes, so each node gets both.
                case MIXED -> (index / nodes) % 2 == 0 ? "hubspot" : "salesforce";
            };
        }

        static Crm parse(String value) {
            for (Crm c : values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("--crm must be hubspot, salesforce or mixed but was '" + value + "'");
        }
    }

    public static final LoadOptions DEFAULTS = new LoadOptions(1_000, 200, 10, 60, 100, 300, 1_000, "1g", List.of(),
            true, Path.of("target", "load"), Crm.HUBSPOT, false, null, 1, List.of(), false, 0, 0);
    /** Both runs, JVM starts and heap measurements included, in well under a minute. */
    public static final LoadOptions SHORT = new LoadOptions(200, 50, 3, 10, 100, 300, 1_000, "512m", List.of(), true,
            Path.of("target", "load"), Crm.HUBSPOT, false, null, 1, List.of(), false, 0, 0);

    public LoadOptions {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("--agents must be 1.." + MAX_AGENTS + " but was " + agents);
        }
        if (!(callsPerSecond > 0) || callsPerSecond > MAX_RATE) {
            throw new IllegalArgumentException("--rate must be in (0, 10000] calls/s but was " + callsPerSecond);
        }
        if (warmupSeconds < 0 || warmupSeconds > 3_600) {
            throw new IllegalArgumentException("--warmup must be 0..3600 seconds but was " + warmupSeconds);
        }
        if (measureSeconds < 1 || measureSeconds > 3_600) {
            throw new IllegalArgumentException("--duration must be 1..3600 seconds but was " + measureSeconds);
        }
        if (ringMs < 0 || answerMs < ringMs || talkMs < 0) {
            throw new IllegalArgumentException("need 0 <= --ring-ms <= --answer-ms and --talk-ms >= 0, but ring was "
                    + ringMs + ", answer " + answerMs + ", talk " + talkMs);
        }
        if (!serverHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("--server-heap must be a JVM size such as 512m or 1g but was '"
                    + serverHeap + "'");
        }
        if (redis != null && !redis.equals(REDIS_AUTO) && !redis.startsWith("redis://")
                && !redis.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis must be 'auto' or a redis:// or rediss:// URI but was '"
                    + redactedUri(redis) + "'");
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("--nodes must be 1.." + MAX_NODES + " but was " + nodes);
        }
        if (redisTimeoutMs < 0 || redisTimeoutMs > 60_000) {
            throw new IllegalArgumentException("--redis-timeout-ms must be 1..60000 (0: the default) but was "
                    + redisTimeoutMs);
        }
        if (idleSeconds < 0 || idleSeconds > 600) {
            throw new IllegalArgumentException("--idle-seconds must be 0..600 but was " + idleSeconds);
        }
        if (compareStorage && !sweep.isEmpty()) {
            throw new IllegalArgumentException("--compare-storage and --sweep cannot be combined: choose one");
        }
        if (compareStorage && redis == null) {
            throw new IllegalArgumentException("--compare-storage needs --redis (auto or a URI) for its Redis runs");
        }
        if (nodes > 1 && redis == null) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs --redis (auto or a URI): nodes share their"
                    + " state through Redis");
        }
        if (nodes > agents) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs at least as many --agents, but there are "
                    + agents);
        }
        if (sweep.size() == 1 || sweep.size() > MAX_SWEEP_POINTS) {
            throw new IllegalArgumentException("--sweep needs 2.." + MAX_SWEEP_POINTS + " rates but has " + sweep.size());
        }
        for (int i = 0; i < sweep.size(); i++) {
            double r = sweep.get(i);
            if (!(r > 0) || r > MAX_RATE) {
                throw new IllegalArgumentException("--sweep rates must be in (0, 10000] calls/s but one was " + r);
            }
            if (i > 0 && r <= sweep.get(i - 1)) {
                throw new IllegalArgumentException("--sweep rates must rise, but " + r + " follows " + sweep.get(i - 1));
            }
        }
        Objects.requireNonNull(crm, "crm");
        serverJvmArgs = List.copyOf(serverJvmArgs);
        sweep = List.copyOf(sweep);
    }

    /** Seconds a call holds its agent on the phone system's side; the driver needs agents × this ≥ rate. */
    public double callSeconds() {
        return (answerMs + talkMs) / 1000.0;
    }

    /** The same options at another call rate, writing to {@code out} (one point of a sweep). */
    public LoadOptions atRate(double rate, Path dir) {
        return new LoadOptions(agents, rate, warmupSeconds, measureSeconds, ringMs, answerMs, talkMs, serverHeap,
                serverJvmArgs, echo, dir, crm, tls, redis, nodes, List.of(), false, redisTimeoutMs, idleSeconds);
    }

    /** One run of {@code --compare-storage}: in memory or on this run's Redis, on {@code n} nodes. */
    public LoadOptions storage(boolean onRedis, int n, boolean withEcho, Path dir) {
        return new LoadOptions(agents, callsPerSecond, warmupSeconds, measureSeconds, ringMs, answerMs, talkMs,
                serverHeap, serverJvmArgs, withEcho, dir, crm, tls, onRedis ? redis : null, n, List.of(), false,
                redisTimeoutMs, idleSeconds);
    }

    /** Whether the command line asks for the usage text ({@code --help} or {@code -h}) rather than a run. */
    public static boolean wantsHelp(String... args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
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
        Crm crm = o.crm;
        boolean tls = o.tls;
        String redis = o.redis;
        int nodes = o.nodes;
        List<Double> sweep = o.sweep;
        boolean compare = o.compareStorage;
        int redisTimeout = o.redisTimeoutMs;
        int idle = o.idleSeconds;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--short" -> { }
                case "--no-echo" -> echo = false;
                case "--tls" -> tls = true;
                case "--compare-storage" -> compare = true;
                case "--agents" -> agents = whole(a, value(args, ++i, a));
                case "--rate" -> rate = decimal(a, value(args, ++i, a));
                case "--warmup" -> warmup = whole(a, value(args, ++i, a));
                case "--duration" -> measure = whole(a, value(args, ++i, a));
                case "--ring-ms" -> ring = whole(a, value(args, ++i, a));
                case "--answer-ms" -> answer = whole(a, value(args, ++i, a));
                case "--talk-ms" -> talk = whole(a, value(args, ++i, a));
                case "--server-heap" -> heap = value(args, ++i, a);
                case "--server-jvm-arg" -> jvm.add(anyValue(args, ++i, a)); // --add-opens=… is a JVM option too
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--crm" -> crm = Crm.parse(value(args, ++i, a));
                case "--redis" -> redis = value(args, ++i, a);
                case "--nodes" -> nodes = whole(a, value(args, ++i, a));
                case "--redis-timeout-ms" -> redisTimeout = whole(a, value(args, ++i, a));
                case "--idle-seconds" -> idle = whole(a, value(args, ++i, a));
                case "--sweep" -> sweep = rates(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
        }
        return new LoadOptions(agents, rate, warmup, measure, ring, answer, talk, heap, jvm, echo, out, crm, tls, redis,
                nodes, sweep, compare, redisTimeout, idle);
    }

    /**
     * The rates of {@code --sweep}: a comma-separated list ({@code 25,50,100}) or {@code FROM:TO:STEP}
     * ({@code 50:300:50} = 50, 100, … 300).
     */
    static List<Double> rates(String text) {
        List<Double> rates = new ArrayList<>();
        if (text.contains(":")) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("--sweep takes RATE,RATE,... or FROM:TO:STEP but was '" + text + "'");
            }
            double from = decimal("--sweep", parts[0]);
            double to = decimal("--sweep", parts[1]);
            double step = decimal("--sweep", parts[2]);
            if (!(step > 0) || to < from) {
                throw new IllegalArgumentException("--sweep FROM:TO:STEP needs FROM <= TO and STEP > 0 but was '"
                        + text + "'");
            }
            for (int n = 0; from + n * step <= to + 1e-9; n++) {
                if (n >= MAX_SWEEP_POINTS) {
                    throw new IllegalArgumentException("--sweep '" + text + "' has more than " + MAX_SWEEP_POINTS
                            + " rates");
                }
                rates.add(from + n * step);
            }
        } else {
            for (String part : text.split(",", -1)) {
                rates.add(decimal("--sweep", part.strip()));
            }
        }
        return rates;
    }

    public static String usage() {
        return String.join("\n",
                "usage: LoadGeneratorMain [--short] [options]",
                "  --short               200 agents, 50 calls/s, 3 s warm-up, 10 s measured (then the flags below)",
                "  --agents N            bridge sessions, 1.." + MAX_AGENTS + " (default " + DEFAULTS.agents + ")",
                "  --rate CALLS_PER_S    calls started per second (default " + (int) DEFAULTS.callsPerSecond + ")",
                "  --warmup S            seconds of calls before the measured window (default " + DEFAULTS.warmupSeconds
                        + ")",
                "  --duration S          the measured window, 1..3600 s (default " + DEFAULTS.measureSeconds + ")",
                "  --ring-ms, --answer-ms, --talk-ms MS   phone system timing (default 100 / 300 / 1000)",
                "  --crm hubspot|salesforce|mixed   the bridges' CRM; Salesforce calls alternate click-to-dial with a"
                        + " Task and Sales Engagement work (default hubspot)",
                "  --tls                 wss:// with a self-signed certificate, for callbridge and the echo",
                "  --redis auto|URI      core's state on Redis: 'auto' starts a redis-server on a free loopback port;"
                        + " else redis:// or rediss://",
                "  --redis-timeout-ms MS the servers' Redis command and connect timeout (default: RedisSettings' 2 s);"
                        + " longer on a loaded machine",
                "  --nodes N             callbridge nodes on the same Redis, 1.." + MAX_NODES + "; agents spread over"
                        + " them, phone reports go to the next node (needs --redis)",
                "  --sweep RATES         one run per call rate (25,50,100 or FROM:TO:STEP); writes sweep.json and a"
                        + " chart of p50/p99 against offered load",
                "  --compare-storage     three runs side by side: one node in memory, one on Redis, --nodes (at least"
                        + " 2) on Redis (needs --redis)",
                "  --idle-seconds S      before the warm-up, every session open and no traffic for S s to settle, then"
                        + " S s measured: the server's CPU per idle session, callbridge against the echo (0..600,"
                        + " default 0: skipped)",
                "  --server-heap SIZE    each server JVM's heap (default " + DEFAULTS.serverHeap + ")",
                "  --server-jvm-arg ARG  another option for the server JVMs (repeatable)",
                "  --no-echo             skip the raw Jetty echo baseline",
                "  --out DIR             where the reports go (default " + DEFAULTS.out + ")",
                "  --help                this text");
    }

    /** The URI with any password replaced by {@code ****}, for messages. */
    static String redactedUri(String uri) {
        return uri.replaceFirst("(://[^/@]*:)[^/@]*@", "$1****@");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static String anyValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int whole(String flag, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number but was '" + text + "'");
        }
    }

    private static double decimal(String flag, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number but was '" + text + "'");
        }
    }
}
