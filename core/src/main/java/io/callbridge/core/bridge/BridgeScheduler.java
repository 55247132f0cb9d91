package io.callbridge.core.bridge;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where adapters run work handed off from other threads (the transport's, core's event delivery, invocation results)
 * and their timers (retries, waiting for a CRM id). A port, bound by core with a small daemon pool, so that tests can
 * run everything on their own thread and move time by hand (testkit's {@code ManualScheduler}).
 */
public interface BridgeScheduler extends Executor {

    /** Runs {@code task} soon on another thread (in tests: when the test settles). */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} once {@code delay} has passed; the handle calls it off. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off; cancelling one that already ran does nothing. */
    interface Cancellable {
        void cancel();
    }
}
