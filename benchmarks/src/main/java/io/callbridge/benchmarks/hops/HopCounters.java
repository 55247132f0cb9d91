package io.callbridge.benchmarks.hops;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the server's executors did, by lane (which executor) and site (the class whose code submitted or
 * scheduled the task): hand-offs to a pool, timer tasks scheduled, cancelled and fired, and the time each task waited
 * between enqueue and dequeue, the bytes it allocated and the CPU it used while it ran. Only the benchmark's wrappers
 * ({@link CountingBridgeScheduler}, {@link CountingTransportExecutors}) write here; production code never sees it.
 */
public final class HopCounters {
    /** What a counter counts. */
    public enum Kind {
        /** A task handed to a pool (a thread hop). */
        SUBMITTED,
        /** A delayed task put on a timer. */
        TIMER_SCHEDULED,
        /** A delayed task called off before it ran. */
        TIMER_CANCELLED,
        /** A timer task (delayed or periodic) that ran. */
        TIMER_FIRED,
        /** Nanoseconds between enqueue and the start of the run (hand-offs only). */
        WAIT_NANOS,
        /** Bytes allocated by the thread while the task ran. */
        ALLOCATED_BYTES,
        /** CPU nanoseconds of the thread while the task ran. */
        CPU_NANOS
    }

    /** One counter's key. */
    public record Key(String lane, Kind kind, String site) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = lane.compareTo(o.lane);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : site.compareTo(o.site);
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Lane → site → one adder per kind: looked up without allocating, so counting adds nothing per frame. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder[]>> counts = new ConcurrentHashMap<>();

    public void add(String lane, Kind kind, String site, long amount) {
        LongAdder[] adders = counts.computeIfAbsent(lane, l -> new ConcurrentHashMap<>()).computeIfAbsent(site, x -> {
            LongAdder[] a = new LongAdder[Kind.values().length];
            for (int i = 0; i < a.length; i++) {
                a[i] = new LongAdder();
            }
            return a;
        });
        adders[kind.ordinal()].add(amount);
    }

    /** Every counter now, sorted. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> copy = new TreeMap<>();
        counts.forEach((lane, sites) -> sites.forEach((site, adders) -> {
            for (Kind k : Kind.values()) {
                long v = adders[k.ordinal()].sum();
                if (v != 0) {
                    copy.put(new Key(lane, k, site), v);
                }
            }
        }));
        return copy;
    }

    /** {@code later - earlier}, key by key. */
    public static Map<Key, Long> minus(Map<Key, Long> later, Map<Key, Long> earlier) {
        Map<Key, Long> diff = new TreeMap<>();
        later.forEach((k, v) -> {
            long d = v - earlier.getOrDefault(k, 0L);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    /** Each task class's site name, and its names with a delay bucket, computed once per class. */
    private static final ClassValue<String[]> SITES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            String name = type.getName();
            int lambda = name.indexOf("$$Lambda");
            if (lambda >= 0) {
                name = name.substring(0, lambda);
            }
            int dot = name.lastIndexOf('.');
            String site = dot < 0 ? name : name.substring(dot + 1);
            String[] names = new String[BUCKETS.length + 1];
            names[0] = site;
            for (int i = 0; i < BUCKETS.length; i++) {
                names[i + 1] = site + " " + BUCKETS[i];
            }
            return names;
        }
    };
    private static final String[] BUCKETS = {"0ms", "<100ms", "<1s", "<10s", ">=10s"};

    /**
     * The class a task came from: a lambda's host class ({@code AgentStream} for {@code AgentStream$$Lambda$12/0x…}),
     * else the task's own class, without its package.
     */
    static String site(Object task) {
        return SITES.get(task.getClass())[0];
    }

    /** A site label with the delay's order of magnitude, which tells a 20 ms snapshot delay from a 10 s timeout. */
    static String siteWithDelay(Object task, long delayNanos) {
        long ms = delayNanos / 1_000_000;
        int bucket = ms < 1 ? 0 : ms < 100 ? 1 : ms < 1000 ? 2 : ms < 10_000 ? 3 : 4;
        return SITES.get(task.getClass())[bucket + 1];
    }

    /** Wraps {@code task} so that its wait (from now), allocation and CPU are counted under {@code lane}/{@code site}. */
    Runnable timed(String lane, String site, Runnable task, boolean countWait) {
        long enqueued = countWait ? System.nanoTime() : 0;
        return () -> {
            long start = System.nanoTime();
            long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            try {
                task.run();
            } finally {
                long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
                long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                if (countWait) {
                    add(lane, Kind.WAIT_NANOS, site, start - enqueued);
                }
                add(lane, Kind.ALLOCATED_BYTES, site, alloc);
                add(lane, Kind.CPU_NANOS, site, cpu);
            }
        };
    }
}
