package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CommandResult;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.AgentStateReader;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.VersionedStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A router that is also an {@link AgentStateReader} of the engine's own stores serves the snapshot and the activity
 * refresh, and the engine's answers are the same as without it; one that reads other stores is not asked.
 */
class DefaultCallEngineStateReaderTest {
    /** The harness's router, reading the harness's stores on request (as a backend's one script would). */
    private static final class ReadingRouter implements AgentEventRouter, AgentStateReader {
        final EngineHarness h;
        final boolean own;
        final AtomicInteger snapshots = new AtomicInteger();
        final AtomicInteger activities = new AtomicInteger();
        final AtomicInteger recent = new AtomicInteger();
        /** When set, readRecent returns only the open calls and this many of the closed ones, oldest first. */
        int recentCap = -1;

        ReadingRouter(EngineHarness h, boolean own) {
            this.h = h;
            this.own = own;
        }

        @Override
        public List<SequencedEvent> publish(AgentId agent, Instant occurredAt, List<CoreEvent> events) {
            return h.router.publish(agent, occurredAt, events);
        }

        @Override
        public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
            return h.router.subscribe(agent, afterSequence, listener);
        }

        @Override
        public long lastSequence(AgentId agent) {
            return h.router.lastSequence(agent);
        }

        @Override
        public boolean reads(VersionedStore<?, ?> calls, VersionedStore<?, ?> agents, VersionedStore<?, ?> work) {
            return own && calls == h.calls && agents == h.agents && work == h.work;
        }

        @Override
        public State read(AgentId agent) {
            snapshots.incrementAndGet();
            return new State(h.router.lastSequence(agent), h.agents.get(agent), h.calls.findByOwner(agent),
                    h.work.findByOwner(agent));
        }

        @Override
        public State readRecent(AgentId agent, int wrappedUp) {
            recent.incrementAndGet();
            if (recentCap < 0) {
                return AgentStateReader.super.readRecent(agent, wrappedUp);
            }
            List<io.callbridge.core.spi.Versioned<io.callbridge.core.model.Call>> calls = new java.util.ArrayList<>();
            int closed = 0;
            for (var v : h.calls.findByOwner(agent)) {
                if (v.value().state() != io.callbridge.core.model.CallState.WRAPPED_UP || closed++ < recentCap) {
                    calls.add(v);
                }
            }
            return new State(h.router.lastSequence(agent), h.agents.get(agent), calls, h.work.findByOwner(agent));
        }

        @Override
        public ActivityInputs readActivity(AgentId agent) {
            activities.incrementAndGet();
            return new ActivityInputs(h.agents.get(agent), h.calls.findOpenByOwner(agent));
        }
    }

    private static CallId oneCall(DefaultCallEngine engine) {
        assertThat(engine.execute(new AgentCommand.LogIn(ALICE))).isInstanceOf(CommandResult.Accepted.class);
        return answeredCall(engine, "(617) 555-0142");
    }

    /** A call of Alice's (logged in) to {@code number}, dialled, ringing and answered. */
    private static CallId answeredCall(DefaultCallEngine engine, String number) {
        CallId id = engine.execute(new Dial(ALICE, phone(number), null, null, null, Map.of()))
                .createdCall().orElseThrow().id();
        engine.report(new ProviderEvent.Ringing(id));
        engine.report(new ProviderEvent.Answered(id));
        return id;
    }

    @Test
    void aReaderOfTheEnginesStoresServesSnapshotsAndActivityWithTheSameAnswers() {
        EngineHarness plain = new EngineHarness();
        CallId plainCall = oneCall(plain.engine);
        EngineHarness h = new EngineHarness();
        ReadingRouter router = new ReadingRouter(h, true);
        DefaultCallEngine engine = new DefaultCallEngine(h.calls, h.agents, h.work, router, h.provider, h.ids,
                h.clock, h.settings);
        CallId call = oneCall(engine);

        assertThat(router.activities.get()).isPositive();
        assertThat(engine.agent(ALICE).activity()).isEqualTo(plain.engine.agent(ALICE).activity())
                .isEqualTo(Activity.ON_CALL);
        AgentSnapshot snapshot = engine.snapshot(ALICE);
        assertThat(router.snapshots.get()).isEqualTo(1);
        assertThat(snapshot).isEqualTo(plain.engine.snapshot(ALICE));
        assertThat(snapshot.calls()).extracting(c -> c.id()).containsExactly(call);
        assertThat(call).isEqualTo(plainCall);

        engine.execute(new CallCommand.HangUp(ALICE, call));
        plain.engine.execute(new CallCommand.HangUp(ALICE, plainCall));
        assertThat(engine.snapshot(ALICE)).isEqualTo(plain.engine.snapshot(ALICE));
    }

    private static CallId wrappedUpCall(DefaultCallEngine engine, int n) {
        CallId id = answeredCall(engine, "(617) 555-01" + (10 + n));
        engine.execute(new CallCommand.HangUp(ALICE, id));
        engine.report(new ProviderEvent.Ended(id, io.callbridge.core.model.EndStatus.COMPLETED));
        assertThat(engine.execute(new CallCommand.WrapUp(ALICE, id, io.callbridge.core.model.CallOutcome.NONE)))
                .isInstanceOf(CommandResult.Accepted.class);
        return id;
    }

    @Test
    void theSnapshotOfRecentCallsIsReadThroughTheReaderAndKeepsTheNewestWrappedUp() {
        EngineHarness h = new EngineHarness();
        ReadingRouter router = new ReadingRouter(h, true);
        DefaultCallEngine engine = new DefaultCallEngine(h.calls, h.agents, h.work, router, h.provider, h.ids,
                h.clock, h.settings);
        assertThat(engine.execute(new AgentCommand.LogIn(ALICE))).isInstanceOf(CommandResult.Accepted.class);
        List<CallId> done = new java.util.ArrayList<>();
        for (int n = 0; n < 8; n++) {
            done.add(wrappedUpCall(engine, n));
            h.clock.advance(java.time.Duration.ofSeconds(30));
        }
        CallId live = engine.execute(new Dial(ALICE, phone("(617) 555-0199"), null, null, null, Map.of()))
                .createdCall().orElseThrow().id();

        AgentSnapshot recent = engine.snapshot(ALICE, 3);

        assertThat(router.recent.get()).isEqualTo(1);
        assertThat(router.snapshots.get()).as("the reader's default reads everything").isEqualTo(1);
        assertThat(recent.calls()).extracting(c -> c.id()).containsExactly(done.get(5), done.get(6), done.get(7),
                live);
        assertThat(recent).isEqualTo(engine.snapshot(ALICE).withNewestWrappedUp(3));

        // A reader that returns more closed calls than asked for: core keeps the newest of them.
        router.recentCap = 8;
        assertThat(engine.snapshot(ALICE, 3)).isEqualTo(recent);
        assertThatNegativeIsRefused(engine);
    }

    private static void assertThatNegativeIsRefused(DefaultCallEngine engine) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.snapshot(ALICE, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrappedUp");
    }

    @Test
    void withoutAReaderTheSnapshotOfRecentCallsIsTheFullOneCutDown() {
        EngineHarness h = new EngineHarness();
        assertThat(h.engine.execute(new AgentCommand.LogIn(ALICE))).isInstanceOf(CommandResult.Accepted.class);
        for (int n = 0; n < 7; n++) {
            wrappedUpCall(h.engine, n);
            h.clock.advance(java.time.Duration.ofSeconds(30));
        }
        AgentSnapshot recent = h.engine.snapshot(ALICE, 5);
        assertThat(recent.calls()).hasSize(5);
        assertThat(recent).isEqualTo(h.engine.snapshot(ALICE).withNewestWrappedUp(5));
        assertThat(h.engine.snapshot(ALICE).calls()).hasSize(7);
    }

    @Test
    void aReaderOfOtherStoresIsNotAsked() {
        EngineHarness h = new EngineHarness();
        ReadingRouter router = new ReadingRouter(h, false);
        DefaultCallEngine engine = new DefaultCallEngine(h.calls, h.agents, h.work, router, h.provider, h.ids,
                h.clock, h.settings);
        oneCall(engine);
        engine.snapshot(ALICE);

        assertThat(router.snapshots.get()).isZero();
        assertThat(router.activities.get()).isZero();
        assertThat(engine.agent(ALICE).activity()).isEqualTo(Activity.ON_CALL);
    }
}
