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
        public ActivityInputs readActivity(AgentId agent) {
            activities.incrementAndGet();
            return new ActivityInputs(h.agents.get(agent), h.calls.findOpenByOwner(agent));
        }
    }

    private static CallId oneCall(DefaultCallEngine engine) {
        assertThat(engine.execute(new AgentCommand.LogIn(ALICE))).isInstanceOf(CommandResult.Accepted.class);
        CallId id = engine.execute(new Dial(ALICE, phone("(617) 555-0142"), null, null, null, Map.of()))
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
