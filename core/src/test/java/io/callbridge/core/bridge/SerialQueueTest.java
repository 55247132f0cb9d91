package io.callbridge.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialQueueTest {

    @Test
    void runsTasksOneAtATimeInSubmissionOrderAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialQueue queue = new SerialQueue(pool);
            List<Integer> seen = new ArrayList<>(); // unsynchronised on purpose: the queue must serialise
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int tasks = 10_000;
            CountDownLatch done = new CountDownLatch(tasks);
            for (int i = 0; i < tasks; i++) {
                int n = i;
                queue.execute(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.add(n);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            assertThat(seen).hasSize(tasks).isSorted();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() {
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(backing::add);
        List<String> seen = new ArrayList<>();
        queue.execute(() -> {
            throw new IllegalStateException("boom");
        });
        queue.execute(() -> seen.add("after"));
        backing.remove(0).run();
        assertThat(seen).containsExactly("after");
        assertThat(backing).isEmpty();
    }

    @Test
    void aBackingExecutorThatRefusesDropsTheQueueInsteadOfWedgingIt() {
        boolean[] refuse = {true};
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(task -> {
            if (refuse[0]) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            backing.add(task);
        });
        List<String> seen = new ArrayList<>();
        queue.execute(() -> seen.add("dropped"));
        refuse[0] = false;
        queue.execute(() -> seen.add("runs"));
        backing.remove(0).run();
        assertThat(seen).containsExactly("runs");
    }

    @Test
    void executeHereRunsOnTheCallingThreadWhenTheQueueIsIdle() {
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(backing::add);
        List<String> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        queue.executeHere(() -> seen.add(Thread.currentThread() == caller ? "here" : "elsewhere"));
        assertThat(seen).containsExactly("here");
        assertThat(backing).as("no hand-off").isEmpty();
        queue.execute(() -> seen.add("next"));
        assertThat(backing).as("idle again afterwards: the next task is handed off as usual").hasSize(1);
        backing.remove(0).run();
        assertThat(seen).containsExactly("here", "next");
    }

    @Test
    void executeHereQueuesBehindWorkAlreadyQueued() {
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(backing::add);
        List<String> seen = new ArrayList<>();
        queue.execute(() -> seen.add("first"));
        queue.executeHere(() -> seen.add("second"));
        assertThat(seen).as("not run ahead of the queued task").isEmpty();
        assertThat(backing).hasSize(1);
        backing.remove(0).run();
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void tasksSubmittedWhileOneRunsHereAreHandedOffAfterIt() {
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(backing::add);
        List<String> seen = new ArrayList<>();
        queue.executeHere(() -> {
            queue.execute(() -> seen.add("submitted meanwhile"));
            queue.executeHere(() -> seen.add("here again, meanwhile"));
            seen.add("inline");
        });
        assertThat(seen).as("the caller ran only its own task").containsExactly("inline");
        assertThat(backing).hasSize(1);
        backing.remove(0).run();
        assertThat(seen).containsExactly("inline", "submitted meanwhile", "here again, meanwhile");
        assertThat(backing).isEmpty();
    }

    @Test
    void aFailingTaskRunHereDoesNotWedgeTheQueue() {
        List<Runnable> backing = new ArrayList<>();
        SerialQueue queue = new SerialQueue(backing::add);
        List<String> seen = new ArrayList<>();
        queue.executeHere(() -> {
            throw new IllegalStateException("boom");
        });
        queue.executeHere(() -> seen.add("after"));
        assertThat(seen).containsExactly("after");
        assertThat(backing).isEmpty();
    }

    @Test
    void executeHereAndExecuteTogetherRunOneAtATimeInEachSubmittersOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try {
            SerialQueue queue = new SerialQueue(pool);
            int perSubmitter = 2_500;
            List<int[]> seen = new ArrayList<>(); // unsynchronised on purpose: the queue must serialise
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(4 * perSubmitter);
            for (int s = 0; s < 4; s++) {
                int submitter = s;
                submitters.execute(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        int n = i;
                        Runnable task = () -> {
                            if (running.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.add(new int[] {submitter, n});
                            running.decrementAndGet();
                            done.countDown();
                        };
                        if (i % 2 == 0) {
                            queue.executeHere(task);
                        } else {
                            queue.execute(task);
                        }
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            int[] last = {-1, -1, -1, -1};
            for (int[] entry : seen) {
                assertThat(entry[1]).as("submitter %d's order", entry[0]).isGreaterThan(last[entry[0]]);
                last[entry[0]] = entry[1];
            }
            assertThat(seen).hasSize(4 * perSubmitter);
        } finally {
            submitters.shutdownNow();
            pool.shutdownNow();
        }
    }
}
