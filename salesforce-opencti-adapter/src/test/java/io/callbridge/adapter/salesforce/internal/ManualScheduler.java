package io.callbridge.adapter.salesforce.internal;

import io.callbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Runs the flow on the test's thread: queued tasks when the test settles, timers when it moves the clock. */
final class ManualScheduler implements FlowScheduler {
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private MutableClock clock = MutableClock.atDefaultStart();

    private static final class Timer implements Cancellable {
        final Instant due;
        final Runnable task;
        boolean cancelled;

        Timer(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    void useClock(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer t = new Timer(clock.instant().plus(delay), task);
        timers.add(t);
        return t;
    }

    /** Runs everything queued, including what those tasks queue. */
    void settle() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    /** Moves time forward, running each timer when its time comes, and settles after each. */
    void advance(Duration d) {
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
    synchronized int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled).count();
    }

    private synchronized Runnable poll() {
        return ready.poll();
    }

    private synchronized Optional<Timer> nextDue(Instant target) {
        timers.removeIf(t -> t.cancelled);
        return timers.stream().filter(t -> !t.due.isAfter(target)).min(Comparator.comparing(t -> t.due));
    }
}
