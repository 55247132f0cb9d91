package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.callIn;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.machine.AgentMachine;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.Versioned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads on one call: no lost update, gap-free event sequences, one end. Threads start together behind a latch;
 * nothing waits on time.
 */
class DefaultCallEngineConcurrencyTest {
    private static final int THREADS = 16;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    /** Runs the tasks together once all are ready; returns their results, rethrowing any failure. */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    @Test
    void sixteenThreadsLinkingDistinctArtefactsLoseNothing() throws Exception {
        EngineHarness h = EngineHarness.concurrentCalls();
        Call call = h.put(callIn(CallId.of("c-1"), ALICE, Direction.OUTBOUND, CallState.CONNECTED)).value();
        EventLog log = new EventLog();
        h.engine.subscribe(ALICE, 0, log);
        int perThread = 200;
        List<Callable<List<CommandResult>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                List<CommandResult> results = new ArrayList<>();
                for (int j = 0; j < perThread; j++) {
                    results.add(h.engine.execute(new CallCommand.LinkCrmArtefact(ALICE, call.id(),
                            "t" + thread + ".k" + j, "v" + thread + "-" + j)));
                }
                return results;
            });
        }
        List<CommandResult> results = race(tasks).stream().flatMap(List::stream).toList();

        int total = THREADS * perThread;
        long accepted = results.stream().filter(r -> r instanceof CommandResult.Accepted).count();
        assertThat(accepted).isEqualTo(total);
        Versioned<Call> stored = h.stored(call.id());
        assertThat(stored.version()).isEqualTo(1 + accepted);
        assertThat(stored.value().crmLinks()).hasSize(total);
        for (int t = 0; t < THREADS; t++) {
            for (int j = 0; j < perThread; j++) {
                assertThat(stored.value().crmLink("t" + t + ".k" + j)).contains("v" + t + "-" + j);
            }
        }
        assertThat(log.sequences()).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(h.router.lastSequence(ALICE)).isEqualTo(total);
        // Each event carries the call after its own change: link counts grow by one per event.
        List<Integer> sizes = log.coreEvents().stream().map(e -> ((CoreEvent.CallUpdated) e).call().crmLinks().size())
                .toList();
        assertThat(sizes).isEqualTo(java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
        Set<Long> fromResults = new HashSet<>();
        results.forEach(r -> ((CommandResult.Accepted) r).events().forEach(e -> fromResults.add(e.sequence())));
        assertThat(fromResults).hasSize(total);
    }

    @Test
    void threadsRacingProviderEventsOnOneCallEndItExactlyOnce() throws Exception {
        for (int round = 0; round < 40; round++) {
            EngineHarness h = EngineHarness.concurrentCalls();
            h.logIn(ALICE);
            EventLog log = new EventLog();
            h.engine.subscribe(ALICE, 0, log);
            CallId id = h.engine.execute(Dial.to(ALICE, phone("+14155551212"))).createdCall().orElseThrow().id();
            List<Callable<List<CommandResult>>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<ProviderEvent> events = new ArrayList<>(List.of(new ProviderEvent.Answered(id),
                        new ProviderEvent.Held(id), new ProviderEvent.Resumed(id), new ProviderEvent.Held(id),
                        new ProviderEvent.Resumed(id), new ProviderEvent.MuteChanged(id, t % 2 == 0),
                        new ProviderEvent.Ended(id, t % 3 == 0 ? EndStatus.COMPLETED : EndStatus.TRANSFERRED)));
                Collections.shuffle(events, new Random(round * 100L + t));
                tasks.add(() -> events.stream().map(h.engine::report).toList());
            }
            List<CommandResult> results = race(tasks).stream().flatMap(List::stream).toList();
            String where = "round " + round;

            Versioned<Call> stored = h.stored(id);
            assertThat(stored.value().state()).as(where).isEqualTo(CallState.ENDED);
            assertThat(results).as(where).filteredOn(r -> r instanceof CommandResult.Accepted)
                    .isNotEmpty();
            List<CoreEvent.CallStateChanged> changes = log.coreEvents().stream()
                    .filter(CoreEvent.CallStateChanged.class::isInstance).map(CoreEvent.CallStateChanged.class::cast)
                    .toList();
            assertThat(changes).as(where).filteredOn(c -> c.call().state() == CallState.ENDED).hasSize(1);
            // The changes form one chain: each starts where the one before ended.
            CallState at = CallState.QUEUED;
            for (CoreEvent.CallStateChanged c : changes) {
                assertThat(c.previous()).as(where).isEqualTo(at);
                at = c.call().state();
            }
            long callEvents = log.coreEvents().stream().filter(e -> e instanceof CoreEvent.CallStateChanged
                    || e instanceof CoreEvent.CallUpdated).count();
            assertThat(stored.version()).as(where).isEqualTo(1 + callEvents);
            assertThat(log.sequences()).as(where)
                    .isEqualTo(LongStream.rangeClosed(1, h.router.lastSequence(ALICE)).boxed().toList());
            assertThat(h.engine.agent(ALICE).activity()).as(where).isEqualTo(Activity.WRAP_UP);
        }
    }

    @Test
    void manyCallsOfOneAgentChangingAtOnceKeepTheActivityRight() throws Exception {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        EventLog log = new EventLog();
        h.engine.subscribe(ALICE, 0, log);
        List<Callable<CallId>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            boolean finish = t != 5;
            int thread = t;
            tasks.add(() -> {
                CallId id = h.engine.execute(Dial.to(ALICE, phone("+1415555" + (1000 + thread))))
                        .createdCall().orElseThrow().id();
                List<Object> steps = new ArrayList<>(List.of(new ProviderEvent.Dialing(id, null),
                        new ProviderEvent.Answered(id), new CallCommand.Hold(ALICE, id), new ProviderEvent.Held(id),
                        new ProviderEvent.Resumed(id)));
                if (finish) {
                    steps.add(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
                    steps.add(new CallCommand.WrapUp(ALICE, id, CallOutcome.NONE));
                }
                for (Object step : steps) {
                    CommandResult r = step instanceof Command c ? h.engine.execute(c)
                            : h.engine.report((ProviderEvent) step);
                    assertThat(r).isInstanceOf(CommandResult.Accepted.class);
                }
                return id;
            });
        }
        race(tasks);
        assertThat(h.engine.calls(ALICE)).hasSize(THREADS);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(AgentMachine.activityOf(h.engine.calls(ALICE)))
                .isEqualTo(Activity.ON_CALL);
        assertThat(log.sequences()).isEqualTo(LongStream.rangeClosed(1, h.router.lastSequence(ALICE)).boxed()
                .toList());
        // The last activity the stream announced is the agent's activity.
        SequencedEvent lastAgentChange = log.events().stream()
                .filter(e -> e.event() instanceof CoreEvent.AgentChanged).reduce((a, b) -> b).orElseThrow();
        assertThat(((CoreEvent.AgentChanged) lastAgentChange.event()).agent()).isEqualTo(h.engine.agent(ALICE));
    }

    /**
     * A logout that lands between a dial's login check and the dial storing its call (simulated deterministically by
     * logging out from inside the id generator, which the engine calls in exactly that gap) must not leave a
     * logged-out agent with a live outbound call: either the dial or the logout has to be refused.
     */
    @Test
    void aLogOutThatLandsInTheMiddleOfADialDoesNotLeaveALoggedOutAgentOnACall() {
        EngineHarness h = EngineHarness.concurrentCalls();
        h.logIn(ALICE);
        List<CommandResult> logouts = new ArrayList<>();
        h.ids.onIssue(() -> logouts.add(h.engine.execute(new io.callbridge.core.command.AgentCommand.LogOut(ALICE))));
        CommandResult dial = h.engine.execute(Dial.to(ALICE, phone("+14155551212")));
        assertThat(logouts).hasSize(1);
        boolean dialed = dial instanceof CommandResult.Accepted;
        boolean loggedOut = logouts.get(0) instanceof CommandResult.Accepted;
        assertThat(dialed && loggedOut)
                .as("dial %s and logout %s both succeeded; agent is now %s with calls %s", dial, logouts.get(0),
                        h.engine.agent(ALICE), h.engine.calls(ALICE))
                .isFalse();
    }
}
