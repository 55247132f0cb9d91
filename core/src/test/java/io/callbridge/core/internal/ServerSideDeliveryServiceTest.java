package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.callbridge.core.CallEngine;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.bridge.ServerSideExecutor.Plan;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server-side delivery service with a hand-written executor (a vendor part), core's in-memory delivery store, a
 * real in-memory engine on a test clock, and timers and workers the test runs by hand: {@link #sweep} is one sweep,
 * and executions run on the sweep's thread unless a test holds them.
 */
class ServerSideDeliveryServiceTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final ServerSideSettings SETTINGS = ServerSideSettings.DEFAULTS.withClaimLease(LEASE);
    private static final CallId CALL = new CallId("call-1");
    private static final String KEY = "test:call-1:log";
    /** When the fake executor's plan says an entry becomes its own (a frame had until then). */
    private static final Instant DUE = T0.plusSeconds(300);

    private final EngineHarness h = new EngineHarness();
    private final DeliveryStore store = DeliveryStore.inMemory();
    private final Timers timers = new Timers(h.clock);
    private final FakeRest rest = new FakeRest();
    private final List<String> failedMetrics = new CopyOnWriteArrayList<>();
    private final MetricsRecorder metrics = new MetricsRecorder() {
        @Override
        public void sideEffectFailed(String crm, String method) {
            failedMetrics.add(crm + "/" + method);
        }
    };

    @BeforeEach
    void aWrappedUpCallThatOwesItsLog() {
        h.put(EngineHarness.callIn(CALL, ALICE, Direction.OUTBOUND, CallState.WRAPPED_UP));
        assertThat(store.park(owed(KEY))).isTrue();
    }

    private static OwedDelivery owed(String key) {
        return OwedDelivery.of(key, ALICE, "test", "saveLog", "{\"subject\":\"Call\"}");
    }

    private ServerSideDeliveryService service(DeliveryStore on) {
        return service(on, h.engine, Runnable::run);
    }

    private ServerSideDeliveryService service(DeliveryStore on, CallEngine engine, java.util.concurrent.Executor w) {
        return new ServerSideDeliveryService(Set.of(rest), on, engine, h.clock, SETTINGS, metrics, timers, w);
    }

    private Call call() {
        return h.engine.call(CALL).orElseThrow();
    }

    private void at(Instant when) {
        h.advance(Duration.between(h.clock.instant(), when));
    }

    // ---------------------------------------------------------------------------------------- the happy path

    @Test
    void runsOnceWhenDueWritesTheLinksAndTheEntryIsGone() {
        ServerSideDeliveryService service = service(store);
        at(DUE);
        service.sweep();

        assertThat(rest.executed).containsExactly(KEY);
        assertThat(rest.callsSeen).as("the call as core holds it").containsExactly(CALL);
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isEmpty();
        assertThat(store.owedBy("test", 10)).isEmpty();

        h.advance(Duration.ofHours(1));
        service.sweep();
        assertThat(rest.executed).as("once").containsExactly(KEY);
    }

    @Test
    void anEntryNotYetDueIsNotPlannedAgainBeforeItsTime() {
        ServerSideDeliveryService service = service(store);
        service.sweep();
        assertThat(rest.planned).isEqualTo(1);
        assertThat(rest.executed).isEmpty();

        for (int i = 0; i < 10; i++) {
            h.advance(Duration.ofSeconds(5));
            service.sweep();
        }
        assertThat(rest.planned).as("remembered until " + DUE).isEqualTo(1);
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());

        at(DUE);
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);
    }

    @Test
    void aRetryLetsTheClaimGoAndRunsAgainNoEarlierThanItSays() {
        ServerSideDeliveryService service = service(store);
        at(DUE);
        rest.outcomes.add(new Outcome.Retry("429", DUE.plusSeconds(10)));
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(store.get(KEY)).hasValueSatisfying(o -> {
            assertThat(o.claimant()).isNull();
            assertThat(o.attempts()).isZero();
        });

        h.advance(Duration.ofSeconds(9));
        service.sweep();
        assertThat(rest.executed).hasSize(1);
        h.advance(Duration.ofSeconds(1));
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY, KEY);
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aDropRemovesTheEntryWithoutRunningIt() {
        ServerSideDeliveryService service = service(store);
        store.park(owed("test:call-gone:log"));
        at(DUE);
        h.engine.execute(new CallCommand.LinkCrmArtefact(ALICE, CALL, "test.logged", "by-frame"));
        service.sweep();

        assertThat(rest.executed).isEmpty();
        assertThat(store.get(KEY)).as("the call says it is logged").isEmpty();
        assertThat(store.get("test:call-gone:log")).as("core has no such call").isEmpty();
    }

    @Test
    void gaveUpWritesTheLinksTellsTheAgentAndRemovesTheEntry() {
        List<SequencedEvent> events = new CopyOnWriteArrayList<>();
        h.engine.subscribe(ALICE, h.router.lastSequence(ALICE), events::add);
        ServerSideDeliveryService service = service(store);
        rest.outcomes.add(new Outcome.GaveUp("The CRM refused the call log: Subject is too long",
                Map.of("test.failed", "INVALID_FIELD")));
        at(DUE);
        service.sweep();

        assertThat(call().crmLink("test.failed")).contains("INVALID_FIELD");
        assertThat(events).extracting(SequencedEvent::event).filteredOn(CoreEvent.AgentNotice.class::isInstance)
                .singleElement().isEqualTo(new CoreEvent.AgentNotice("test.SERVER_SIDE_FAILED",
                        "The CRM refused the call log: Subject is too long", CALL));
        assertThat(store.get(KEY)).isEmpty();
        assertThat(failedMetrics).containsExactly("test/saveLog");
    }

    @Test
    void anExceptionFromExecuteIsARetryWithABackoff() {
        ServerSideDeliveryService service = service(store);
        rest.throwing = 2;
        at(DUE);
        service.sweep();
        assertThat(rest.executed).hasSize(1);
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());

        h.advance(ServerSideDeliveryService.FIRST_FAILURE_BACKOFF.minusSeconds(1));
        service.sweep();
        assertThat(rest.executed).as("backing off").hasSize(1);
        h.advance(Duration.ofSeconds(1));
        service.sweep();
        assertThat(rest.executed).hasSize(2);
        h.advance(ServerSideDeliveryService.FIRST_FAILURE_BACKOFF);
        service.sweep();
        assertThat(rest.executed).as("the second backoff is twice the first").hasSize(2);
        h.advance(ServerSideDeliveryService.FIRST_FAILURE_BACKOFF);
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY, KEY, KEY);
        assertThat(store.get(KEY)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- with a frame

    @Test
    void doesNotRunWhileAFramesDeliveryHoldsTheClaim() {
        at(DUE);
        Frame frame = new Frame();
        Delivery delivery = frame.delivery();
        assertThat(delivery.owe(frame.effect())).isTrue();
        assertThat(frame.sent).hasSize(1);

        ServerSideDeliveryService service = service(store);
        service.sweep();
        assertThat(rest.executed).as("the frame holds it").isEmpty();

        frame.answer(); // the frame's outcome: it writes the link, then finishes
        service.sweep();
        assertThat(rest.executed).isEmpty();
        assertThat(call().crmLink("test.logged")).contains("by-frame");
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aFramesDeliveryThatClaimsAfterTheServiceSettledItDropsIt() {
        ServerSideDeliveryService service = service(store);
        at(DUE);
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);

        Frame frame = new Frame();
        Frame.Effect effect = frame.effect();
        frame.delivery().owe(effect);

        assertThat(frame.sent).as("the call says it is logged").isEmpty();
        assertThat(effect.log).containsExactly("dropped");
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aFrameThatSettlesItBetweenTheSweepsLookAndItsClaimIsNotRunAgain() {
        // The frame settles it just after the service read the call: the service's claim then creates the key anew,
        // and its second look at the call (after the claim) sees the link.
        Frame frame = new Frame();
        rest.beforeFirstPlanReturns = () -> {
            frame.delivery().owe(frame.effect());
            frame.answer();
        };
        ServerSideDeliveryService service = service(store);
        at(DUE);
        service.sweep();

        assertThat(frame.sent).hasSize(1);
        assertThat(rest.executed).isEmpty();
        assertThat(call().crmLink("test.logged")).contains("by-frame");
        assertThat(store.get(KEY)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- claims

    @Test
    void theClaimIsRenewedWhileExecuteRunsAndAClaimLostMeanwhileWritesNothing() {
        DeliveryStore refusing = spy(store);
        ServerSideDeliveryService service = service(refusing);
        List<Instant> until = new ArrayList<>();
        rest.during = () -> {
            timers.advanceAndRunNext(); // a third of the lease: renewed
            until.add(store.get(KEY).orElseThrow().claimedUntil());
            doReturn(false).when(refusing).renew(anyString(), anyLong(), any()); // another claimant took it
            timers.advanceAndRunNext();
            assertThat(timers.pending()).as("no more renewals once lost").isZero();
        };
        at(DUE);
        service.sweep();

        assertThat(until).containsExactly(DUE.plus(LEASE.dividedBy(3)).plus(LEASE));
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(call().crmLink("test.logged")).as("nothing written under a lost claim").isEmpty();
        assertThat(store.get(KEY)).as("not finished either").isPresent();
    }

    @Test
    void aClaimRefusedAtTheFinalCheckWritesNothing() {
        DeliveryStore refusing = spy(store);
        doReturn(false).when(refusing).renew(anyString(), anyLong(), any());
        ServerSideDeliveryService service = service(refusing);
        at(DUE);
        service.sweep();

        assertThat(rest.executed).containsExactly(KEY);
        assertThat(call().crmLink("test.logged")).isEmpty();
        assertThat(store.get(KEY)).isPresent();
    }

    @Test
    void oneExecutionPerKeyAtATimeAndOnlyAsManyAsThereAreThreads() {
        Held workers = new Held();
        for (String id : List.of("call-2", "call-3")) {
            h.put(EngineHarness.callIn(new CallId(id), ALICE, Direction.OUTBOUND, CallState.WRAPPED_UP));
            store.park(owed("test:" + id + ":log"));
        }
        ServerSideDeliveryService service = service(store, h.engine, workers);
        at(DUE);
        service.sweep();
        service.sweep();
        assertThat(workers.tasks).as("two threads by default").hasSize(2);
        assertThat(store.owedBy("test", 10)).filteredOn(o -> o.claimant() != null).hasSize(2);

        workers.runAll();
        assertThat(rest.executed).hasSize(2).doesNotHaveDuplicates();
        service.sweep();
        workers.runAll();
        assertThat(rest.executed).hasSize(3).doesNotHaveDuplicates();
        assertThat(store.owedBy("test", 10)).isEmpty();
    }

    @Test
    void stopLetsHeldClaimsGoAndALateResultWritesNothing() {
        Held workers = new Held();
        ServerSideDeliveryService service = service(store, h.engine, workers);
        service.start();
        at(DUE);
        service.sweep();
        assertThat(store.get(KEY).orElseThrow().claimant()).isEqualTo(service.claimant());

        service.stop();
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());
        assertThat(timers.pending()).as("no sweep or renewal left").isZero();

        workers.runAll(); // the execution returns after all
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(call().crmLink("test.logged")).isEmpty();
        assertThat(store.get(KEY)).as("owed still, for another node").isPresent();
    }

    @Test
    void startSchedulesSweepsAndIdlesWithoutExecutors() {
        ServerSideDeliveryService idle = new ServerSideDeliveryService(Set.of(), store, h.engine, h.clock, SETTINGS,
                metrics, timers, Runnable::run);
        idle.start();
        assertThat(timers.pending()).isZero();
        idle.stop();

        at(DUE.minus(SETTINGS.sweepInterval()));
        ServerSideDeliveryService service = service(store);
        service.start();
        assertThat(timers.delays()).containsExactly(SETTINGS.sweepInterval());
        timers.advanceAndRunNext();
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(timers.delays()).as("the next sweep").containsExactly(SETTINGS.sweepInterval());
        service.stop();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void onItsOwnThreadsStopInterruptsARunningExecutionAndLetsItsClaimGo() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        rest.during = () -> {
            ranOn.add(Thread.currentThread());
            entered.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await(); // a CRM that does not answer
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("interrupted");
            }
        };
        at(DUE);
        ServerSideDeliveryService service = new ServerSideDeliveryService(Set.of(rest), store, h.engine, h.clock,
                SETTINGS.withSweepInterval(Duration.ofMillis(10)), metrics);
        service.start();
        try {
            assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(ranOn.get(0).getName()).startsWith("callbridge-server-side-");
            assertThat(ranOn.get(0).isDaemon()).isTrue();
            assertThat(store.get(KEY).orElseThrow().claimant()).isEqualTo(service.claimant());
        } finally {
            service.stop();
        }
        assertThat(interrupted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).as("let go").isNull());
        assertThat(call().crmLink("test.logged")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void aCrashBeforeTheLinksAreWrittenAsksExecuteAgainWithTheSameKey() {
        DefaultCallEngine crashing = spy(h.engine);
        doThrow(new IllegalStateException("crashed")).doCallRealMethod().when(crashing)
                .execute(any(CallCommand.LinkCrmArtefact.class));
        ServerSideDeliveryService service = service(store, crashing, Runnable::run);
        at(DUE);
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(call().crmLink("test.logged")).isEmpty();
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());

        h.advance(ServerSideDeliveryService.FIRST_FAILURE_BACKOFF);
        service.sweep();
        assertThat(rest.executed).as("asked again: the executor finds what it did").containsExactly(KEY, KEY);
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aNodeThatDiedBeforeTheLinksLeavesItToTheNextClaimantAfterTheLease() {
        DeliveryStore dying = spy(store);
        DefaultCallEngine crashing = spy(h.engine);
        // The node dies after the CRM's answer: nothing written, and its claim is never let go.
        doThrow(new IllegalStateException("killed")).when(crashing).execute(any(CallCommand.LinkCrmArtefact.class));
        doThrow(new StoreUnavailableException("killed")).when(dying).release(anyString(), anyLong());
        ServerSideDeliveryService dead = service(dying, crashing, Runnable::run);
        at(DUE);
        dead.sweep();
        assertThat(store.get(KEY).orElseThrow().claimant()).isEqualTo(dead.claimant());

        ServerSideDeliveryService next = service(store);
        next.sweep();
        assertThat(rest.executed).as("the dead node's claim holds").containsExactly(KEY);
        h.advance(LEASE);
        next.sweep();
        assertThat(rest.executed).containsExactly(KEY, KEY);
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aCrashAfterTheLinksIsDroppedAtTheNextLookNotRunAgain() {
        DeliveryStore failing = spy(store);
        doThrow(new IllegalStateException("crashed")).doCallRealMethod().when(failing).finish(anyString(), anyLong());
        ServerSideDeliveryService service = service(failing);
        at(DUE);
        service.sweep();
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isPresent();

        h.advance(Duration.ofHours(1));
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void aStoreThatIsUnavailableDropsNothing() {
        DeliveryStore flaky = spy(store);
        ServerSideDeliveryService service = service(flaky);
        at(DUE);

        doThrow(new StoreUnavailableException("down")).when(flaky).owedBy(anyString(), anyInt());
        service.sweep();
        doCallRealMethod().when(flaky).owedBy(anyString(), anyInt());
        doThrow(new StoreUnavailableException("down")).when(flaky).claim(any(), anyString(), any(), any());
        service.sweep();
        assertThat(rest.executed).isEmpty();
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());

        doCallRealMethod().when(flaky).claim(any(), anyString(), any(), any());
        doThrow(new StoreUnavailableException("down")).when(flaky).finish(anyString(), anyLong());
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY);
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).as("left to lapse").isPresent();

        doCallRealMethod().when(flaky).finish(anyString(), anyLong());
        h.advance(LEASE);
        service.sweep();
        assertThat(rest.executed).as("the call says it is logged").containsExactly(KEY);
        assertThat(store.get(KEY)).isEmpty();
    }

    @Test
    void linksThatCannotBeWrittenWhileTheStoreIsUnavailableAreWrittenLater() {
        DefaultCallEngine unavailable = spy(h.engine);
        doReturn(new io.callbridge.core.CommandResult.Rejected(new io.callbridge.core.CoreError(
                io.callbridge.core.ErrorCode.STORE_UNAVAILABLE, "down", null))).doCallRealMethod().when(unavailable)
                .execute(any(CallCommand.LinkCrmArtefact.class));
        ServerSideDeliveryService service = service(store, unavailable, Runnable::run);
        at(DUE);
        service.sweep();
        assertThat(store.get(KEY)).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());

        h.advance(SETTINGS.sweepInterval());
        service.sweep();
        assertThat(rest.executed).containsExactly(KEY, KEY);
        assertThat(call().crmLink("test.logged")).contains("rec-1");
        assertThat(store.get(KEY)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- fakes

    /** The vendor part: a REST executor for the CRM {@code test}, its plan and its requests counted. */
    private static final class FakeRest implements ServerSideExecutor {
        final List<String> executed = new CopyOnWriteArrayList<>();
        final List<CallId> callsSeen = new CopyOnWriteArrayList<>();
        final Deque<Outcome> outcomes = new ArrayDeque<>();
        int planned;
        int throwing;
        @Nullable Runnable during;
        @Nullable Runnable beforeFirstPlanReturns;

        @Override
        public String crm() {
            return "test";
        }

        @Override
        public synchronized Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
            planned++;
            Runnable hook = beforeFirstPlanReturns;
            beforeFirstPlanReturns = null;
            if (hook != null) {
                hook.run();
            }
            if (call == null) {
                return new Plan.Drop("no such call");
            }
            if (call.crmLink("test.logged").isPresent()) {
                return new Plan.Drop("logged");
            }
            return now.isBefore(DUE) ? new Plan.NotYet(DUE) : new Plan.Run();
        }

        @Override
        public @Nullable String callOf(OwedDelivery owed) {
            String[] parts = owed.key().split(":");
            return parts[1];
        }

        @Override
        public Outcome execute(OwedDelivery owed, Call call) {
            executed.add(owed.key());
            callsSeen.add(call.id());
            if (during != null) {
                during.run();
            }
            if (throwing > 0) {
                throwing--;
                throw new IllegalStateException("connection reset by +1 415 555 1212");
            }
            Outcome next;
            synchronized (this) {
                next = outcomes.poll();
            }
            return next != null ? next : new Outcome.Done(Map.of("test.logged", "rec-1"));
        }
    }

    /** The frame side: a real {@link Delivery} whose effect writes the same link through the engine. */
    private final class Frame implements BridgeChannel {
        final List<Invocation> sent = new ArrayList<>();
        final List<CompletableFuture<InvocationResult>> pending = new ArrayList<>();

        Delivery delivery() {
            return new Delivery("test", ALICE, this, Runnable::run, timers, store, h.clock,
                    new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 4), Duration.ofSeconds(10));
        }

        Effect effect() {
            return new Effect();
        }

        void answer() {
            pending.remove(0).complete(new InvocationResult.Success("{}", "session-1"));
        }

        @Override
        public CompletionStage<InvocationResult> invoke(Invocation invocation) {
            sent.add(invocation);
            CompletableFuture<InvocationResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public void publishUi(String topic, String stateJson) {
        }

        @Override
        public List<FrameInfo> frames() {
            return List.of();
        }

        final class Effect implements SideEffect {
            final List<String> log = new ArrayList<>();

            @Override
            public String key() {
                return KEY;
            }

            @Override
            public String method() {
                return "saveLog";
            }

            @Override
            public String argsJson() {
                return "{\"subject\":\"Call\"}";
            }

            @Override
            public Verdict judge(InvocationResult result) {
                return Verdict.done();
            }

            @Override
            public void succeeded(InvocationResult.Success result) {
                log.add("succeeded");
                h.engine.execute(new CallCommand.LinkCrmArtefact(ALICE, CALL, "test.logged", "by-frame"));
            }

            @Override
            public void gaveUp(String reason) {
                log.add("gaveUp");
            }

            @Override
            public boolean stillWanted() {
                return call().crmLink("test.logged").isEmpty();
            }

            @Override
            public void dropped() {
                log.add("dropped");
            }
        }
    }

    /** Workers that hold their tasks until the test runs them. */
    private static final class Held implements java.util.concurrent.Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    /** Timers on the harness's clock, run by the test. */
    private static final class Timers implements BridgeScheduler {
        private final TestClock clock;
        private final List<Timer> timers = new ArrayList<>();
        private final AtomicInteger order = new AtomicInteger();

        Timers(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public synchronized Cancellable schedule(Duration delay, Runnable task) {
            Timer t = new Timer(clock.instant().plus(delay), delay, order.getAndIncrement(), task);
            timers.add(t);
            return () -> {
                synchronized (this) {
                    timers.remove(t);
                }
            };
        }

        synchronized int pending() {
            return timers.size();
        }

        synchronized List<Duration> delays() {
            return sorted().stream().map(Timer::delay).toList();
        }

        void advanceAndRunNext() {
            Timer t;
            synchronized (this) {
                assertThat(timers).isNotEmpty();
                t = sorted().get(0);
                timers.remove(t);
            }
            if (t.due.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), t.due));
            }
            t.task.run();
        }

        private List<Timer> sorted() {
            List<Timer> list = new ArrayList<>(timers);
            list.sort(Comparator.comparing(Timer::due).thenComparing(Timer::order));
            return list;
        }

        private record Timer(Instant due, Duration delay, int order, Runnable task) { }
    }
}
