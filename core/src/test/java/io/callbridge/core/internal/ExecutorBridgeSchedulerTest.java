package io.callbridge.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.EngineThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorBridgeSchedulerTest {

    /**
     * On a store across the network every engine call waits for a reply. A task that waits must not hold back the
     * others: as many tasks as {@link EngineThreads} allows run at the same time, each waiting on the others.
     */
    @Test
    void asManyTasksWaitAtOnceAsTheEngineThreadsAllow() throws Exception {
        int threads = 6;
        ExecutorBridgeScheduler scheduler = new ExecutorBridgeScheduler(new EngineThreads(threads));
        try {
            CountDownLatch allStarted = new CountDownLatch(threads);
            List<CompletableFuture<Boolean>> met = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                met.add(f);
                scheduler.execute(() -> {
                    allStarted.countDown();
                    try {
                        f.complete(allStarted.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        f.completeExceptionally(e);
                    }
                });
            }
            for (CompletableFuture<Boolean> f : met) {
                assertThat(f.get(20, TimeUnit.SECONDS)).as("every task saw all the others running").isTrue();
            }
        } finally {
            scheduler.stop();
        }
    }
}
