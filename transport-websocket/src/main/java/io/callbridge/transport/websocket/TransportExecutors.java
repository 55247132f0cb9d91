package io.callbridge.transport.websocket;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the transport's own two executors: the pool that runs each agent's serial work (adapter calls, UI actions,
 * snapshot renders) and the timer thread (snapshot delays, invocation timeouts, hello timeouts, keep-alive pings).
 * The default, {@link #STANDARD}, is a fixed pool and a one-thread {@link ScheduledThreadPoolExecutor}. A deployment
 * (or a benchmark counting hand-offs and timer tasks per frame) binds another with
 * {@code OptionalBinder.newOptionalBinder(binder(), TransportExecutors.class).setBinding().toInstance(...)}; it is
 * asked once per server start, so a replacement costs nothing per frame unless what it returns does.
 */
public interface TransportExecutors {

    /** A fixed pool of {@code threads} threads from {@code threads}, and a one-thread scheduler. */
    TransportExecutors STANDARD = new TransportExecutors() {
        @Override
        public ExecutorService workers(int threads, ThreadFactory factory) {
            return Executors.newFixedThreadPool(threads, factory);
        }

        @Override
        public ScheduledThreadPoolExecutor timer(ThreadFactory factory) {
            return new ScheduledThreadPoolExecutor(1, factory);
        }
    };

    /** The pool for the agents' serial queues; the server shuts it down when it stops. */
    ExecutorService workers(int threads, ThreadFactory factory);

    /**
     * The timer; the server sets {@link ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy remove on cancel} and shuts
     * it down when it stops.
     */
    ScheduledThreadPoolExecutor timer(ThreadFactory factory);
}
