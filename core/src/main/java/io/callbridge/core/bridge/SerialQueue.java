package io.callbridge.core.bridge;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared backing executor. An adapter keeps one per agent:
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
        backing.execute(this::drain);
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
