package io.callbridge.benchmarks.hops;

import io.callbridge.transport.websocket.TransportExecutors;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The transport's pool and timer, counting every hand-off and timer task in {@link HopCounters} (lanes
 * {@value #POOL} and {@value #TIMER}); their threads are renamed {@code callbridge-transport-pool-N} and
 * {@code callbridge-transport-timer-N} so that they are told apart from core's {@code callbridge-bridge-N}.
 */
public final class CountingTransportExecutors implements TransportExecutors {
    public static final String POOL = "transport pool";
    public static final String TIMER = "transport timer";
    private final HopCounters counters;

    public CountingTransportExecutors(HopCounters counters) {
        this.counters = counters;
    }

    @Override
    public ExecutorService workers(int threads, ThreadFactory factory) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                renamed(factory, "callbridge-transport-pool")) {
            @Override
            public void execute(Runnable task) {
                String site = HopCounters.site(task);
                counters.add(POOL, HopCounters.Kind.SUBMITTED, site, 1);
                super.execute(counters.timed(POOL, site, task, true));
            }
        };
    }

    @Override
    public ScheduledThreadPoolExecutor timer(ThreadFactory factory) {
        return countingTimer(counters, TIMER, 1, renamed(factory, "callbridge-transport-timer"));
    }

    /** A scheduler of {@code threads} threads whose tasks are counted under {@code lane}. */
    static ScheduledThreadPoolExecutor countingTimer(HopCounters counters, String lane, int threads,
            ThreadFactory factory) {
        return new ScheduledThreadPoolExecutor(threads, factory) {
            @Override
            public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                // execute() and submit() come here too, with no delay.
                long nanos = unit.toNanos(delay);
                String site = HopCounters.siteWithDelay(task, nanos);
                boolean handOff = nanos <= 0;
                counters.add(lane, handOff ? HopCounters.Kind.SUBMITTED : HopCounters.Kind.TIMER_SCHEDULED, site, 1);
                Runnable timed = counters.timed(lane, site, task, handOff);
                ScheduledFuture<?> inner = super.schedule(() -> {
                    if (!handOff) {
                        counters.add(lane, HopCounters.Kind.TIMER_FIRED, site, 1);
                    }
                    timed.run();
                }, delay, unit);
                return handOff ? inner : new Counted<>(counters, lane, inner, site);
            }

            @Override
            public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initial, long period, TimeUnit unit) {
                String site = HopCounters.site(task) + " periodic";
                Runnable timed = counters.timed(lane, site, task, false);
                return super.scheduleAtFixedRate(() -> {
                    counters.add(lane, HopCounters.Kind.TIMER_FIRED, site, 1);
                    timed.run();
                }, initial, period, unit);
            }
        };
    }

    static ThreadFactory renamed(ThreadFactory factory, String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = factory.newThread(r);
            t.setName(name + "-" + n.incrementAndGet());
            return t;
        };
    }

    /** A scheduled task whose cancellation before it ran is counted. */
    private static final class Counted<V> implements ScheduledFuture<V> {
        private final HopCounters counters;
        private final String lane;
        private final ScheduledFuture<V> inner;
        private final String site;

        Counted(HopCounters counters, String lane, ScheduledFuture<V> inner, String site) {
            this.counters = counters;
            this.lane = lane;
            this.inner = inner;
            this.site = site;
        }

        @Override
        public boolean cancel(boolean interrupt) {
            boolean cancelled = inner.cancel(interrupt);
            if (cancelled) {
                counters.add(lane, HopCounters.Kind.TIMER_CANCELLED, site, 1);
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return inner.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed o) {
            return inner.compareTo(o);
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public boolean isDone() {
            return inner.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return inner.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return inner.get(timeout, unit);
        }
    }
}
