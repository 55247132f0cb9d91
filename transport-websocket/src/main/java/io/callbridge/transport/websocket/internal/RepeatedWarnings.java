package io.callbridge.transport.websocket.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Which of a session's repeated warnings to log: the first of each kind, then at most one per interval, counting the
 * ones held back so the next line can say how many. A bridge that sends the same junk twenty times a second thus costs
 * a line a minute, not twenty a second. Kinds are bounded: past {@code maxKinds}, new kinds share one allowance, so
 * junk under ever new names cannot get around it.
 */
final class RepeatedWarnings {
    private static final String OTHERS = "(other kinds)";

    private final long intervalNanos;
    private final int maxKinds;
    private final Map<String, Kind> kinds = new HashMap<>();

    private static final class Kind {
        long loggedAt;
        long heldBack;

        Kind(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    RepeatedWarnings(long intervalNanos, int maxKinds) {
        this.intervalNanos = intervalNanos;
        this.maxKinds = maxKinds;
    }

    /**
     * @return -1 if this warning is to be held back; else how many of its kind were held back since the last one logged
     */
    synchronized long admit(String kind, long nowNanos) {
        String key = kinds.containsKey(kind) || kinds.size() < maxKinds ? kind : OTHERS;
        Kind seen = kinds.get(key);
        if (seen == null) {
            kinds.put(key, new Kind(nowNanos));
            return 0;
        }
        if (nowNanos - seen.loggedAt >= intervalNanos) {
            long held = seen.heldBack;
            seen.loggedAt = nowNanos;
            seen.heldBack = 0;
            return held;
        }
        seen.heldBack++;
        return -1;
    }

    /** What to append to a warning that {@link #admit} let through. */
    static String heldBackNote(long heldBack) {
        return heldBack > 0 ? "; " + heldBack + " more like it were not logged" : "";
    }
}
