package io.callbridge.adapter.hubspot.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks only when the test says so, on the test's thread: flows become deterministic. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.addLast(task);
    }

    /** Runs queued tasks, and those they queue, until none is left; returns how many ran. */
    int runAll() {
        int ran = 0;
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.pollFirst();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran++;
            if (ran > 100_000) {
                throw new IllegalStateException("tasks keep queueing more tasks: a loop?");
            }
        }
    }
}
