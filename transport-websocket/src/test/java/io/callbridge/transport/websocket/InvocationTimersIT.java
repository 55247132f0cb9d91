package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.model.AgentId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an invocation costs the transport's timer: an invocation answered in time costs no timer task of its own (the
 * stream's one timer is armed for the earliest deadline and left to lapse), while every deadline is still kept.
 */
class InvocationTimersIT {
    /** Longer than any other delay the transport schedules in these tests (snapshot delay, hello timeout, pings). */
    private static final Duration LONG = Duration.ofSeconds(45);
    private static final AtomicInteger LONG_TIMERS = new AtomicInteger();
    private static final AtomicInteger LONG_TIMERS_CANCELLED = new AtomicInteger();
    private static final AtomicInteger AGENTS = new AtomicInteger();
    private static TestCallbridge app;

    @BeforeAll
    static void start() {
        TransportExecutors counting = new TransportExecutors() {
            @Override
            public ExecutorService workers(int threads, ThreadFactory factory) {
                return TransportExecutors.STANDARD.workers(threads, factory);
            }

            @Override
            public ScheduledThreadPoolExecutor timer(ThreadFactory factory) {
                return new ScheduledThreadPoolExecutor(1, factory) {
                    @Override
                    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                        ScheduledFuture<?> f = super.schedule(task, delay, unit);
                        if (unit.toMillis(delay) >= LONG.toMillis() / 2) {
                            LONG_TIMERS.incrementAndGet();
                            return new CancelCounting(f);
                        }
                        return f;
                    }
                };
            }
        };
        app = new TestCallbridge(TestCallbridge.defaults(), null, true, new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportExecutors.class).setBinding().toInstance(counting);
            }
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void invocationsAnsweredInTimeCostNoTimerTaskEach() {
        AgentId agent = AgentId.of("acme", "timers" + AGENTS.incrementAndGet());
        try (TestCallbridge.Session s = app.open(agent)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent));
            int before = LONG_TIMERS.get();
            int cancelledBefore = LONG_TIMERS_CANCELLED.get();
            for (int i = 0; i < 20; i++) {
                String id = "inv-" + i;
                CompletableFuture<InvocationResult> result = app.crm.channels.get(agent).invoke(new Invocation(id,
                        "m", "{}", new Invocation.Target.AnyFrame(null), LONG)).toCompletableFuture();
                JsonNode invoke = s.client().await(f -> "invoke".equals(f.path("type").asString())
                        && id.equals(f.path("id").asString()), "invoke " + id);
                s.client().send("{\"type\":\"result\",\"id\":\"" + invoke.get("id").asString()
                        + "\",\"ok\":true,\"value\":" + i + "}");
                assertThat(result.join()).isEqualTo(new InvocationResult.Success(Integer.toString(i), s.id()));
            }
            assertThat(LONG_TIMERS.get() - before).as("timer tasks for 20 invocations answered in time")
                    .isLessThanOrEqualTo(1);
            assertThat(LONG_TIMERS_CANCELLED.get() - cancelledBefore).as("timer tasks cancelled").isZero();
        }
    }

    @Test
    void aShortDeadlineBehindALongOneStillTimesOutOnTimeAndTheLongOneStillWaits() {
        AgentId agent = AgentId.of("acme", "timers" + AGENTS.incrementAndGet());
        try (TestCallbridge.Session s = app.open(agent)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent));
            CompletableFuture<InvocationResult> slow = app.crm.channels.get(agent).invoke(new Invocation("long-1", "m",
                    "{}", new Invocation.Target.AnyFrame(null), LONG)).toCompletableFuture();
            CompletableFuture<InvocationResult> quick = app.crm.channels.get(agent).invoke(new Invocation("short-1",
                    "m", "{}", new Invocation.Target.AnyFrame(null), Duration.ofMillis(300))).toCompletableFuture();
            assertThat(quick.join()).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(InvocationResult.Kind.TIMEOUT));
            assertThat(slow).as("the long deadline has not passed").isNotDone();
            s.client().send("{\"type\":\"result\",\"id\":\"long-1\",\"ok\":true,\"value\":\"late but in time\"}");
            assertThat(slow.join()).isEqualTo(new InvocationResult.Success("\"late but in time\"", s.id()));
        }
    }

    /** Counts the cancellations of a long timer. */
    private static final class CancelCounting implements ScheduledFuture<Object> {
        private final ScheduledFuture<?> inner;

        CancelCounting(ScheduledFuture<?> inner) {
            this.inner = inner;
        }

        @Override
        public boolean cancel(boolean interrupt) {
            boolean cancelled = inner.cancel(interrupt);
            if (cancelled) {
                LONG_TIMERS_CANCELLED.incrementAndGet();
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return inner.getDelay(unit);
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed o) {
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
        public Object get() throws java.util.concurrent.ExecutionException, InterruptedException {
            return inner.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
                throws java.util.concurrent.ExecutionException, InterruptedException,
                java.util.concurrent.TimeoutException {
            return inner.get(timeout, unit);
        }
    }
}
