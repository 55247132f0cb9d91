package io.callbridge.adapter.salesforce.internal;

import java.time.Duration;

/**
 * Where the adapter's flow runs: tasks handed off from the transport's and core's threads, and retries due later.
 * A port so that tests can run everything on their own thread and move time by hand.
 */
public interface FlowScheduler {

    /** Runs {@code task} soon, on some thread other than the caller's (or later on the caller's, in tests). */
    void execute(Runnable task);

    /** Runs {@code task} once {@code delay} has passed; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
