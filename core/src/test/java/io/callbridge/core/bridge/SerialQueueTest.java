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
}
