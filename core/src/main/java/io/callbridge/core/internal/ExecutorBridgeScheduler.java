package io.callbridge.core.internal;

import io.callbridge.core.EngineThreads;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.BridgeScheduler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link BridgeScheduler}: a pool of daemon threads, created on first use so that building the injector
 * starts nothing, and shut down with the launcher's services. Tasks run adapter steps, which call the engine: in memory
 * that never waits and one thread per core serves every agent; on a store across the network each call waits for a
 * reply, so the pool has as many threads as {@link EngineThreads} says.
 */
public final class ExecutorBridgeScheduler implements BridgeScheduler, Service {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBridgeScheduler.class);
    private final int threads;
    private @Nullable ScheduledExecutorService executor;
    private boolean stopped;

    @Inject
    public ExecutorBridgeScheduler(EngineThreads threads) {
        this.threads = threads.threads();
    }

    @Override
    public void execute(Runnable task) {
        ScheduledExecutorService e = executor();
        if (e == null) {
            return;
        }
        try {
            e.execute(task);
        } catch (RejectedExecutionException stoppedMeanwhile) {
            LOG.debug("bridge scheduler stopped; dropping a task");
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledExecutorService e = executor();
        if (e == null) {
            return () -> { };
        }
        try {
            ScheduledFuture<?> f = e.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException stoppedMeanwhile) {
            return () -> { };
        }
    }

    @Override
    public void start() {
        executor();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** The pool, started on first use; null once stopped, so that late input cannot start threads again. */
    private synchronized @Nullable ScheduledExecutorService executor() {
        if (stopped) {
            LOG.debug("bridge scheduler is stopped; dropping a task");
            return null;
        }
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
                Thread t = new Thread(r, "callbridge-bridge-" + n.incrementAndGet());
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
