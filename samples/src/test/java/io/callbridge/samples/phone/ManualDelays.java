package io.callbridge.samples.phone;

import io.callbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link Delays} on a {@link MutableClock}: tasks run when the test moves the clock past their time. */
final class ManualDelays implements Delays {
    private record Task(Instant due, long order, Runnable action) { }

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long order;

    ManualDelays(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void after(Duration delay, Runnable task) {
        tasks.add(new Task(clock.instant().plus(delay), order++, task));
    }

    /** Moves the clock by {@code d}, running every task that falls due on the way, at its own time. */
    void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.due().isAfter(end))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::order))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            next.action().run();
        }
        clock.set(end);
    }

    synchronized int pending() {
        return tasks.size();
    }
}
