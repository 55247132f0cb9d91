package io.callbridge.benchmarks.hops;

import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.internal.ExecutorBridgeScheduler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Core's {@link BridgeScheduler} (the adapters' serial queues and timers) with every hand-off and timer counted in
 * {@link HopCounters} under the lane {@value #LANE}; the work itself runs on the default {@link ExecutorBridgeScheduler},
 * which stays the launcher's service.
 */
public final class CountingBridgeScheduler implements BridgeScheduler {
    public static final String LANE = "core scheduler (adapters)";
    private final ExecutorBridgeScheduler delegate;
    private final HopCounters counters;

    @Inject
    public CountingBridgeScheduler(ExecutorBridgeScheduler delegate, HopCounters counters) {
        this.delegate = delegate;
        this.counters = counters;
    }

    @Override
    public void execute(Runnable task) {
        String site = HopCounters.site(task);
        counters.add(LANE, HopCounters.Kind.SUBMITTED, site, 1);
        delegate.execute(counters.timed(LANE, site, task, true));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        String site = HopCounters.siteWithDelay(task, delay.toNanos());
        counters.add(LANE, HopCounters.Kind.TIMER_SCHEDULED, site, 1);
        AtomicBoolean ran = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable timed = counters.timed(LANE, site, task, false);
        Cancellable inner = delegate.schedule(delay, () -> {
            if (cancelled.get()) {
                return;
            }
            ran.set(true);
            counters.add(LANE, HopCounters.Kind.TIMER_FIRED, site, 1);
            timed.run();
        });
        return () -> {
            if (!ran.get() && cancelled.compareAndSet(false, true)) {
                counters.add(LANE, HopCounters.Kind.TIMER_CANCELLED, site, 1);
            }
            inner.cancel();
        };
    }
}
