package io.callbridge.benchmarks.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Garbage collections of a server JVM over the measured window: how many, their summed and their longest duration
 * (for G1's young and full collections, the stop-the-world pause). Collected in the server by {@link Watch} and asked
 * for over the control channel ({@code GC}), before and after the window.
 *
 * @param collections collections in the window
 * @param totalMillis their summed duration
 * @param longestMillis the longest one
 */
public record GcPauses(long collections, long totalMillis, long longestMillis) {
    public static final GcPauses NONE = new GcPauses(0, 0, 0);

    /** The line the server answers with. */
    String line() {
        return String.format(Locale.ROOT, "GC %d %d %d", collections, totalMillis, longestMillis);
    }

    static GcPauses parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 4 || !parts[0].equals("GC")) {
            throw new IllegalArgumentException("not a GC answer: " + line);
        }
        return new GcPauses(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
    }

    /** What happened between {@code before} (an earlier answer) and this answer, whose longest is since then. */
    GcPauses since(GcPauses before) {
        return new GcPauses(collections - before.collections, totalMillis - before.totalMillis, longestMillis);
    }

    /** Counts every collection of this JVM from {@link #install()} on. */
    static final class Watch {
        private long collections;
        private long totalMillis;
        private long longestSinceAsked;

        static Watch install() {
            Watch watch = new Watch();
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (bean instanceof NotificationEmitter) {
                    ((NotificationEmitter) bean).addNotificationListener((n, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            watch.collected(GarbageCollectionNotificationInfo
                                    .from((CompositeData) n.getUserData()).getGcInfo().getDuration());
                        }
                    }, null, null);
                }
            }
            return watch;
        }

        private synchronized void collected(long millis) {
            collections++;
            totalMillis += millis;
            longestSinceAsked = Math.max(longestSinceAsked, millis);
        }

        /** Totals so far, with the longest collection since the last call; starts a new "longest". */
        synchronized GcPauses ask() {
            GcPauses now = new GcPauses(collections, totalMillis, longestSinceAsked);
            longestSinceAsked = 0;
            return now;
        }
    }
}
