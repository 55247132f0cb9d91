package io.callbridge.adapter.salesforce.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one agent's tasks one at a time, in submission order, on the scheduler's threads. This is what lets the agent's
 * flow keep plain (unsynchronised) state although input arrives from the transport, from core's publishing threads
 * and from invocation results; it also means core's listener only enqueues, as core requires.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final FlowScheduler scheduler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialQueue(FlowScheduler scheduler) {
        this.scheduler = scheduler;
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // One failed step must not stall the agent's later ones.
                    LOG.error("Salesforce flow step failed; continuing", e);
                }
            }
        } finally {
            draining.set(false);
            // A task added between the last poll and the reset would otherwise wait for the next submission.
            if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
                scheduler.execute(this::drain);
            }
        }
    }
}
