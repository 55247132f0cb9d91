package io.callbridge.benchmarks.hops;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Bytes allocated (or CPU time used) so far by each live thread, summed by thread group (the name without its trailing number). */
final class ThreadAllocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocations() {
    }

    /** Allocated bytes by thread id, with each id's group. */
    static Map<Long, Map.Entry<String, Long>> now() {
        return now(false);
    }

    /** CPU nanoseconds so far by thread id, with each id's group. */
    static Map<Long, Map.Entry<String, Long>> cpuNow() {
        return now(true);
    }

    private static Map<Long, Map.Entry<String, Long>> now(boolean cpu) {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = cpu ? THREADS.getThreadCpuTime(ids) : THREADS.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Map.Entry<String, Long>> result = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] >= 0) {
                result.put(ids[i], Map.entry(group(infos[i].getThreadName()), bytes[i]));
            }
        }
        return result;
    }

    /** What each group allocated between two readings (threads started in between count from zero). */
    static Map<String, Long> between(Map<Long, Map.Entry<String, Long>> before, Map<Long, Map.Entry<String, Long>> after) {
        Map<String, Long> byGroup = new TreeMap<>();
        after.forEach((id, e) -> {
            Map.Entry<String, Long> b = before.get(id);
            long d = e.getValue() - (b == null ? 0 : b.getValue());
            byGroup.merge(e.getKey(), d, Long::sum);
        });
        return byGroup;
    }

    /** {@code callbridge-http-12} → {@code callbridge-http}; {@code HttpClient@1a2b-7} → {@code HttpClient}. */
    static String group(String name) {
        String g = name.replaceAll("@[0-9a-f]+", "").replaceAll("[-_ #]?\\d+$", "");
        return g.isEmpty() ? name : g;
    }

    /** Whether a group's threads belong to the server under test (rather than the driving clients or the JVM). */
    static boolean serverSide(String group) {
        return group.startsWith("callbridge-") || group.startsWith("phone-system");
    }
}
