package io.callbridge.samples.phone;

import io.callbridge.core.Service;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Delays} on one daemon timer thread, started and stopped with the application. */
public final class ExecutorDelays implements Delays, Service {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDelays.class);

    private @Nullable ScheduledExecutorService timer;

    @Override
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulated-phone-system");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public void after(Duration delay, Runnable task) {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t == null) {
            LOG.debug("phone system stopped; dropping a scheduled step");
            return;
        }
        try {
            t.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // One failed step must not kill the timer thread for every other call.
                    LOG.warn("simulated phone step failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("phone system stopping; dropping a scheduled step");
        }
    }
}
