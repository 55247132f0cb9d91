package io.callbridge.core.bridge;

import io.callbridge.core.LogContext;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs tasks one at a time, in submission order, on a shared backing executor, draining a burst in one hand-off
 * rather than one per task. An adapter (and the transport) keeps one per agent:
 * funnelling every input of the agent through it lets the agent's bridge keep plain, unsynchronised state, and lets
 * core's event listener merely enqueue, as core requires.
 *
 * <p>{@link #executeHere} runs a task on the calling thread when nothing of the queue is queued or running, which
 * saves the hand-off (a thread hop and a wake-up) for a caller that may do the work itself, such as the transport's
 * thread that read the frame.
 *
 * <p>Each task runs with the {@link LogContext} keys (tenant, agent, call) that were in the MDC of the thread that
 * submitted it, so an agent's log lines keep their agent when its work hops onto the queue.
 */
public final class SerialQueue implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Executor backing;
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private boolean draining;

    public SerialQueue(Executor backing) {
        this.backing = Objects.requireNonNull(backing, "backing");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (tasks) {
            tasks.addLast(new Task(task, MDC.get(LogContext.TENANT), MDC.get(LogContext.AGENT),
                    MDC.get(LogContext.CALL)));
            if (draining) {
                return;
            }
            draining = true;
        }
        handOff();
    }

    /**
     * Runs {@code task} now, on the calling thread, if the queue is idle (nothing queued, nothing running); otherwise
     * queues it as {@link #execute} does. Either way it runs after every task submitted before it and before every task
     * submitted after it, and never alongside another. Tasks submitted while it runs here go to the backing executor
     * once it has finished, so the caller is not held for work that is not its own. A task that throws is logged, as on
     * the backing executor. The caller must hold no lock that a task of the queue may need.
     */
    public void executeHere(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (tasks) {
            if (draining) {
                tasks.addLast(new Task(task, MDC.get(LogContext.TENANT), MDC.get(LogContext.AGENT),
                        MDC.get(LogContext.CALL)));
                return;
            }
            draining = true;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("bridge task failed; continuing with the next one", e);
        } finally {
            boolean more;
            synchronized (tasks) {
                more = !tasks.isEmpty();
                if (!more) {
                    draining = false;
                }
            }
            if (more) {
                handOff();
            }
        }
    }

    /** Drains on the backing executor; the queue is marked draining. */
    private void handOff() {
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

    /** A task and the log context of the thread that submitted it. */
    private record Task(Runnable body, @Nullable String tenant, @Nullable String agent, @Nullable String call) {
        void run() {
            if (tenant == null && agent == null && call == null) {
                body.run();
                return;
            }
            // The backing executor may run the drain on a thread with a context of its own (a direct executor).
            String oldTenant = MDC.get(LogContext.TENANT);
            String oldAgent = MDC.get(LogContext.AGENT);
            String oldCall = MDC.get(LogContext.CALL);
            put(LogContext.TENANT, tenant);
            put(LogContext.AGENT, agent);
            put(LogContext.CALL, call);
            try {
                body.run();
            } finally {
                put(LogContext.TENANT, oldTenant);
                put(LogContext.AGENT, oldAgent);
                put(LogContext.CALL, oldCall);
            }
        }

        private static void put(String key, @Nullable String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    private void drain() {
        while (true) {
            Task next;
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
