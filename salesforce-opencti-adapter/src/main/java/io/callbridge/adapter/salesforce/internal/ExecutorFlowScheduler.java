package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.Service;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link FlowScheduler}: a small pool of daemon threads, created on first use so that building the
 * injector starts nothing, and shut down by the launcher through {@link Service#stop()}.
 */
public final class ExecutorFlowScheduler implements FlowScheduler, Service {
    private static final int THREADS = 2;

    private @Nullable ScheduledExecutorService executor;

    @Inject
    public ExecutorFlowScheduler() {
    }

    @Override
    public void execute(Runnable task) {
        executor().execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void start() {
        executor();
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, r -> {
                Thread t = new Thread(r, "callbridge-salesforce-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            // Cancelled retries would otherwise sit in the queue until their time comes.
            pool.setRemoveOnCancelPolicy(true);
            executor = pool;
        }
        return executor;
    }
}
