package io.callbridge.testkit;

import io.callbridge.core.bridge.BridgeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BridgeScheduler} that runs everything on the test's thread: handed-off tasks when the test calls
 * {@link #settle()}, timers when it moves the shared {@link MutableClock} with {@link #advance(Duration)}. Makes adapter
 * flows deterministic without sleeping.
 */
public final class ManualScheduler implements BridgeScheduler {
    private final MutableClock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long order;

    public ManualScheduler(MutableClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static final class Timer implements Cancellable {
        final Instant due;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Timer(Instant due, long seq, Runnable task) {
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
    public synchronized void execute(Runnable task) {
        ready.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer t = new Timer(clock.instant().plus(delay), order++, Objects.requireNonNull(task, "task"));
        timers.add(t);
        return t;
    }

    /** Runs everything queued, including what those tasks queue, until nothing is left. */
    public void settle() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    /**
     * Moves time forward by {@code d}: each timer runs when its time comes (the clock set to its due time), in due
     * order, and the queue settles after each.
     */
    public void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        settle();
        Optional<Timer> due;
        while ((due = nextDue(target)).isPresent()) {
            Timer t = due.get();
            synchronized (this) {
                timers.remove(t);
            }
            if (t.due.isAfter(clock.instant())) {
                clock.set(t.due);
            }
            t.task.run();
            settle();
        }
        clock.set(target);
        settle();
    }

    /** Timers still waiting, not cancelled. */
    public synchronized int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled).count();
    }

    /** Tasks handed off and not yet run. */
    public synchronized int pendingTasks() {
        return ready.size();
    }

    private synchronized Runnable poll() {
        return ready.poll();
    }

    private synchronized Optional<Timer> nextDue(Instant target) {
        timers.removeIf(t -> t.cancelled);
        return timers.stream().filter(t -> !t.due.isAfter(target))
                .min(Comparator.comparing((Timer t) -> t.due).thenComparingLong(t -> t.seq));
    }
}
