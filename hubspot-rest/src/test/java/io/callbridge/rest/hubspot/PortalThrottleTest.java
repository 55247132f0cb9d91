package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PortalThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aRollingWindowNotABucket() {
        PortalThrottle throttle = new PortalThrottle(3);
        assertThat(throttle.tryAcquire(1, T0)).isEmpty();
        assertThat(throttle.tryAcquire(1, T0.plusSeconds(4))).isEmpty();
        assertThat(throttle.tryAcquire(1, T0.plusSeconds(9))).isEmpty();
        assertThat(throttle.tryAcquire(1, T0.plusSeconds(9))).contains(T0.plusSeconds(10).plusMillis(1));
        assertThat(throttle.tryAcquire(2, T0.plusSeconds(9))).as("another portal").isEmpty();
        assertThat(throttle.tryAcquire(1, T0.plusSeconds(10).plusMillis(1))).isEmpty();
        assertThat(throttle.tryAcquire(1, T0.plusSeconds(10).plusMillis(1))).contains(T0.plusSeconds(14).plusMillis(1));
    }

    @Test
    void threadsTogetherGetExactlyTheBudget() throws InterruptedException {
        PortalThrottle throttle = new PortalThrottle(100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (throttle.tryAcquire(7, T0).isEmpty()) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted).hasValue(100);
    }
}
