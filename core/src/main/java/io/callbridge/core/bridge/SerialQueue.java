package io.callbridge.core.bridge;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared backing executor, draining a burst in one hand-off
 * rather than one per task. An adapter (and the transport) keeps one per agent:
 * funnelling every input of the agent through it lets the agent's bridge keep plain, unsynchronised state, and lets
 * core's event listener merely enqueue, as core requires.
 */
public final class SerialQueue implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Executor backing;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    public SerialQueue(Executor backing) {
        this.backing = Objects.requireNonNull(backing, "backing");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (tasks) {
            tasks.addLast(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            backing.execute(this::drain);
        } catch (RuntimeException rejected) {
            // The backing pool is shutting down: nothing queued here can run any more.
            int dropped;
            synchronized (tasks) {
                dropped = tasks.size();
                tasks.clear();
                draining = false;
            }
            LOG.debug("backing executor refused to run; dropped {} queued tasks", dropped);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // One failing step must not stall the agent's later ones.
                LOG.error("bridge task failed; continuing with the next one", e);
            }
        }
    }
}
