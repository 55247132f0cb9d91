package io.callbridge.adapter.hubspot.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on a scheduled executor; the tasks only hand work to an agent's serial executor. */
final class ScheduledTimers implements Timers {
    private final ScheduledExecutorService scheduler;

    ScheduledTimers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
