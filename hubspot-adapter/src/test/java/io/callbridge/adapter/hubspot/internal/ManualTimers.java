package io.callbridge.adapter.hubspot.internal;

import io.callbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers that fire when the test moves the shared clock past them. */
final class ManualTimers implements Timers {
    private final MutableClock clock;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private long order;

    ManualTimers(MutableClock clock) {
        this.clock = clock;
    }

    private final class Scheduled implements Timer {
        final Instant due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Scheduled(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Scheduled s = new Scheduled(clock.instant().plus(delay), order++, task);
        scheduled.add(s);
        return s;
    }

    /** Moves the clock and runs, in due order, every timer that came due. */
    void advance(Duration by) {
        clock.advance(by);
        while (true) {
            Scheduled next;
            synchronized (this) {
                scheduled.removeIf(s -> s.cancelled);
                next = scheduled.stream().filter(s -> !s.due.isAfter(clock.instant()))
                        .min(Comparator.comparing((Scheduled s) -> s.due).thenComparingLong(s -> s.seq))
                        .orElse(null);
                if (next == null) {
                    return;
                }
                scheduled.remove(next);
            }
            next.task.run();
        }
    }

    synchronized int pending() {
        scheduled.removeIf(s -> s.cancelled);
        return scheduled.size();
    }
}
