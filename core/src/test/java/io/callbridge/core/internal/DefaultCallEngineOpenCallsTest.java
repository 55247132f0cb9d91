package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.T0;
import static io.callbridge.core.internal.EngineHarness.callIn;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.machine.AgentMachine;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine reads only an agent's open calls (not wrapped up) and open work (pending) on its per-input paths, through
 * the store's open index: what the index holds as calls move, are forgotten and race, and that the cost of an input
 * no longer depends on how many finished calls are kept.
 */
class DefaultCallEngineOpenCallsTest {
    private static final PhoneNumber ANN = phone("+1 415 555 1212");
    private static final PhoneNumber LINE = phone("+1 212 555 0100");

    /** Dial, Dialing, Answered, Ended, WrapUp: one whole outbound call, every input accepted. */
    private static CallId wholeCall(DefaultCallEngine engine, AgentId agent, PhoneNumber to) {
        CallId id = accepted(engine.execute(Dial.to(agent, to))).createdCall().orElseThrow().id();
        accepted(engine.report(new ProviderEvent.Dialing(id, LINE)));
        accepted(engine.report(new ProviderEvent.Answered(id)));
        accepted(engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED)));
        accepted(engine.execute(new CallCommand.WrapUp(agent, id, CallOutcome.NONE)));
        return id;
    }

    private static CommandResult accepted(CommandResult r) {
        assertThat(r).isInstanceOf(CommandResult.Accepted.class);
        return r;
    }

    private static Set<CallId> notWrappedUp(EngineHarness h, AgentId agent) {
        return h.calls.all().stream().map(Versioned::value)
                .filter(c -> c.agent().equals(agent) && c.state() != CallState.WRAPPED_UP)
                .map(Call::id).collect(Collectors.toSet());
    }

    @Test
    void aCallIsOpenUntilItIsWrappedUpAndThenNoLongerCounts() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        assertThat(h.calls.indexedOpenKeys(ALICE)).containsExactly(id);

        h.engine.report(new ProviderEvent.Answered(id));
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        assertThat(h.calls.indexedOpenKeys(ALICE)).containsExactly(id);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);

        h.engine.execute(new CallCommand.WrapUp(ALICE, id, CallOutcome.NONE));
        assertThat(h.calls.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.calls.findOpenByOwner(ALICE)).isEmpty();
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);
        // Still kept, and still in the snapshot: only the per-input paths leave it out.
        assertThat(h.engine.calls(ALICE)).extracting(Call::id).containsExactly(id);
        assertThat(h.engine.snapshot(ALICE).calls()).extracting(Call::id).containsExactly(id);

        // A late CRM link on the wrapped-up call is written closed again.
        accepted(h.engine.execute(new CallCommand.LinkCrmArtefact(ALICE, id, "hubspot.engagementId", "e-1")));
        assertThat(h.calls.indexedOpenKeys(ALICE)).isEmpty();
    }

    @Test
    void anAutomaticWrapUpClosesTheCallAtOnce() {
        EngineHarness h = new EngineHarness(CoreSettings.DEFAULTS);
        h.logIn(ALICE);
        CallId id = CallId.of("in-1");
        h.engine.report(new ProviderEvent.Incoming(id, ALICE, ANN, LINE));
        assertThat(h.calls.indexedOpenKeys(ALICE)).containsExactly(id);

        h.engine.report(new ProviderEvent.Ended(id, EndStatus.MISSED));

        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(h.calls.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);
    }

    @Test
    void theActivityFollowsTheOpenCallsWhateverNumberOfWrappedUpCallsIsKept() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        for (int i = 0; i < 300; i++) {
            wholeCall(h.engine, ALICE, ANN);
        }
        assertThat(h.engine.calls(ALICE)).hasSize(300);
        assertThat(h.calls.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);

        CallId in = CallId.of("in-1");
        h.engine.report(new ProviderEvent.Incoming(in, ALICE, ANN, LINE));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.RINGING);
        h.engine.report(new ProviderEvent.Answered(in));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.ON_CALL);
        h.engine.report(new ProviderEvent.Ended(in, EndStatus.COMPLETED));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
        h.engine.execute(new CallCommand.WrapUp(ALICE, in, CallOutcome.NONE));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);
        assertThat(h.calls.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.engine.calls(ALICE)).hasSize(301);
    }

    @Test
    void housekeepingTakesAForgottenCallOutOfBothIndexes() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        CallId forgotten = wholeCall(h.engine, ALICE, ANN);
        CallId ended = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.report(new ProviderEvent.Ended(ended, EndStatus.NO_ANSWER));
        // Written by someone who did not say whether it is open (a store's four-argument write): counts as open.
        Call unflagged = h.put(callIn(CallId.of("unflagged"), ALICE, Direction.OUTBOUND, CallState.WRAPPED_UP))
                .value();
        assertThat(h.calls.indexedKeys(ALICE)).containsExactlyInAnyOrder(forgotten, ended, unflagged.id());
        assertThat(h.calls.indexedOpenKeys(ALICE)).containsExactlyInAnyOrder(ended, unflagged.id());

        h.advance(CoreSettings.DEFAULTS.callRetention().plus(Duration.ofMinutes(5)));
        h.engine.housekeeping();

        assertThat(h.engine.calls(ALICE)).extracting(Call::id).containsExactly(ended);
        assertThat(h.calls.indexedKeys(ALICE)).containsExactly(ended);
        assertThat(h.calls.indexedOpenKeys(ALICE)).containsExactly(ended);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
    }

    @Test
    void finishedWorkLeavesTheOpenIndexAndNewWorkStillFindsItsCall() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        for (int i = 0; i < 50; i++) {
            WorkItemId id = WorkItemId.of("w-" + i);
            accepted(h.engine.execute(new WorkCommand.OfferWork(ALICE, id, ANN, CompletionTrigger.LOG_SAVED, null,
                    Map.of())));
            assertThat(h.work.indexedOpenKeys(ALICE)).containsExactly(new WorkItemKey(ALICE, id));
            CallId call = wholeCall(h.engine, ALICE, ANN);
            assertThat(h.engine.workItem(ALICE, id).orElseThrow().call()).isEqualTo(call);
            assertThat(h.work.indexedOpenKeys(ALICE)).isEmpty();
            accepted(h.engine.execute(new WorkCommand.MarkWorkLogged(ALICE, id, "task-" + i)));
            accepted(h.engine.execute(new WorkCommand.CompleteWork(ALICE, id)));
        }
        WorkItemId expiring = WorkItemId.of("expiring");
        h.engine.execute(new WorkCommand.OfferWork(ALICE, expiring, ANN, CompletionTrigger.LOG_SAVED,
                Duration.ofSeconds(10), Map.of()));
        h.advance(Duration.ofSeconds(11));
        h.engine.housekeeping();
        assertThat(h.engine.workItem(ALICE, expiring).orElseThrow().state()).isEqualTo(WorkItemState.EXPIRED);
        assertThat(h.work.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.engine.workItems(ALICE)).hasSize(51);

        // The call comes first this time: new work claims it from among the open calls.
        CallId call = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.execute(new WorkCommand.OfferWork(ALICE, WorkItemId.of("late"), ANN, CompletionTrigger.LOG_SAVED,
                null, Map.of()));
        assertThat(h.engine.call(call).orElseThrow().workItem()).isEqualTo(WorkItemId.of("late"));
        assertThat(h.work.indexedOpenKeys(ALICE)).isEmpty();
    }

    /**
     * The point of the open index: the values an input reads from the stores do not grow with the wrapped-up calls
     * and finished work the agent keeps. (The queries for a whole snapshot still read every kept call, by contract.)
     */
    @Test
    void anInputReadsNoMoreStoredValuesWhenMoreFinishedCallsAndWorkAreKept() {
        Counted few = new Counted(2);
        Counted many = new Counted(200);

        long withMany = many.readsForOneCallWithWork();
        long withFew = few.readsForOneCallWithWork();

        assertThat(many.engine.calls(ALICE)).hasSize(201);
        assertThat(many.engine.workItems(ALICE)).hasSize(201);
        assertThat(withMany).isEqualTo(withFew).isPositive();
    }

    /** An engine over stores that count the values they hand out, after {@code kept} finished calls with work. */
    private static final class Counted {
        final AtomicLong read = new AtomicLong();
        final DefaultCallEngine engine;
        private int next;

        Counted(int kept) {
            CoreSettings settings = CoreSettings.DEFAULTS.withAutoWrapUp(Set.of());
            engine = new DefaultCallEngine(new CountingStore<>(new InMemoryVersionedStore<>(), read),
                    new CountingStore<>(new InMemoryVersionedStore<>(), read),
                    new CountingStore<>(new InMemoryVersionedStore<>(), read), new InMemoryAgentEventRouter(settings),
                    new RecordingTelephonyProvider(), new CountingIdGenerator(), new TestClock(T0), settings);
            accepted(engine.execute(new AgentCommand.LogIn(ALICE)));
            for (int i = 0; i < kept; i++) {
                readsForOneCallWithWork();
            }
        }

        long readsForOneCallWithWork() {
            long before = read.get();
            WorkItemId id = WorkItemId.of("w-" + next++);
            accepted(engine.execute(new WorkCommand.OfferWork(ALICE, id, ANN, CompletionTrigger.LOG_SAVED, null,
                    Map.of())));
            wholeCall(engine, ALICE, ANN);
            accepted(engine.execute(new WorkCommand.MarkWorkLogged(ALICE, id, "task-" + id.value())));
            accepted(engine.execute(new WorkCommand.CompleteWork(ALICE, id)));
            return read.get() - before;
        }
    }

    /** Hands every call on to {@code inner}, counting the values its searches return. */
    private record CountingStore<K, V>(VersionedStore<K, V> inner, AtomicLong read) implements VersionedStore<K, V> {
        @Override
        public Optional<Versioned<V>> get(K key) {
            return inner.get(key);
        }

        @Override
        public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value) {
            return inner.compareAndSet(key, expectedVersion, owner, value);
        }

        @Override
        public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value, boolean open) {
            return inner.compareAndSet(key, expectedVersion, owner, value, open);
        }

        @Override
        public boolean remove(K key, long expectedVersion) {
            return inner.remove(key, expectedVersion);
        }

        @Override
        public List<Versioned<V>> findByOwner(AgentId owner) {
            return counted(inner.findByOwner(owner));
        }

        @Override
        public List<Versioned<V>> findOpenByOwner(AgentId owner) {
            return counted(inner.findOpenByOwner(owner));
        }

        @Override
        public Collection<Versioned<V>> all() {
            Collection<Versioned<V>> all = inner.all();
            read.addAndGet(all.size());
            return all;
        }

        private List<Versioned<V>> counted(List<Versioned<V>> found) {
            read.addAndGet(found.size());
            return found;
        }
    }

    /**
     * Many calls of one agent change at once, while housekeeping forgets old calls: afterwards the open index holds
     * exactly the calls not wrapped up, and the agent's activity is what those calls add up to. Some rounds leave a
     * call live, in wrap-up or ringing; others wrap everything up, which must leave the agent idle.
     */
    @Test
    void concurrentTransitionsOfOneAgentsCallsKeepTheIndexAndTheActivityRight() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            for (int round = 0; round < 30; round++) {
                EngineHarness h = EngineHarness.concurrentCalls();
                h.logIn(ALICE);
                h.logIn(BOB);
                int leftOpen = round % 4;
                CountDownLatch go = new CountDownLatch(1);
                AtomicBoolean callsDone = new AtomicBoolean();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit((Callable<Void>) () -> {
                        go.await();
                        for (int i = 0; i < 20; i++) {
                            wholeCall(h.engine, thread % 2 == 0 ? ALICE : BOB, ANN);
                        }
                        if (thread == 1) {
                            leaveOpen(h, leftOpen, thread);
                        }
                        return null;
                    }));
                }
                Future<?> housekeeping = pool.submit((Callable<Void>) () -> {
                    go.await();
                    while (!callsDone.get()) {
                        h.advance(Duration.ofMinutes(20));
                        h.engine.housekeeping();
                    }
                    return null;
                });
                go.countDown();
                for (Future<?> f : done) {
                    f.get(2, TimeUnit.MINUTES);
                }
                callsDone.set(true);
                housekeeping.get(2, TimeUnit.MINUTES);

                String where = "round " + round + " leaving " + leftOpen;
                for (AgentId agent : List.of(ALICE, BOB)) {
                    assertThat(h.calls.indexedOpenKeys(agent)).as(where).isEqualTo(notWrappedUp(h, agent));
                    assertThat(h.engine.agent(agent).activity()).as(where)
                            .isEqualTo(AgentMachine.activityOf(h.engine.calls(agent)));
                }
                assertThat(h.engine.agent(ALICE).activity()).as(where).isEqualTo(Activity.IDLE);
                assertThat(h.engine.agent(BOB).activity()).as(where).isEqualTo(switch (leftOpen) {
                    case 0 -> Activity.IDLE;
                    case 1 -> Activity.ON_CALL;
                    case 2 -> Activity.WRAP_UP;
                    default -> Activity.RINGING;
                });
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /** Leaves one of Bob's calls open: none, connected, in wrap-up, or ringing inbound. */
    private static void leaveOpen(EngineHarness h, int how, int thread) {
        if (how == 0) {
            return;
        }
        if (how == 3) {
            accepted(h.engine.report(new ProviderEvent.Incoming(CallId.of("in-" + thread), BOB, ANN, LINE)));
            return;
        }
        CallId id = accepted(h.engine.execute(Dial.to(BOB, ANN))).createdCall().orElseThrow().id();
        accepted(h.engine.report(new ProviderEvent.Answered(id)));
        if (how == 2) {
            accepted(h.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED)));
        }
    }

    @Test
    void workItemsOfAnotherAgentAreNotInTheIndex() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        h.logIn(BOB);
        h.engine.execute(new WorkCommand.OfferWork(BOB, WorkItemId.of("w-1"), ANN, CompletionTrigger.LOG_SAVED, null,
                Map.of()));
        CallId call = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();

        assertThat(h.engine.call(call).orElseThrow().workItem()).isNull();
        assertThat(h.work.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(h.work.indexedOpenKeys(BOB)).containsExactly(new WorkItemKey(BOB, WorkItemId.of("w-1")));
        List<WorkItem> bobs = h.engine.workItems(BOB);
        assertThat(bobs).extracting(WorkItem::state).containsExactly(WorkItemState.PENDING);
    }
}
