package io.callbridge.transport.websocket.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. Everything that touches one agent's adapter
 * handler goes through one of these, which is how the transport keeps its promise that calls into an
 * {@code AgentBridge} never overlap, without a thread per agent.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private @Nullable Runnable active;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            Runnable current = active;
            try {
                pool.execute(() -> {
                    try {
                        current.run();
                    } catch (RuntimeException e) {
                        // One failing task must not stall the agent's queue.
                        LOG.error("task failed", e);
                    } finally {
                        scheduleNext();
                    }
                });
            } catch (RuntimeException rejected) {
                // The pool is shutting down; the remaining tasks can no longer run.
                LOG.debug("pool rejected task; dropping {} queued tasks", tasks.size() + 1);
                tasks.clear();
                active = null;
            }
        }
    }
}
