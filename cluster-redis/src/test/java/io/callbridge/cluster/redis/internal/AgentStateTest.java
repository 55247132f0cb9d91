package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.internal.DefaultCallEngine;
import io.callbridge.core.internal.InMemoryVersionedStore;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.spi.AgentStateReader;
import io.callbridge.core.spi.Versioned;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.SequentialIds;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router as {@link AgentStateReader}: one script (agent-state) gives what the last sequence and the three stores
 * read one after the other give, and core's snapshot on Redis is the same as one made of those four reads.
 */
class AgentStateTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final PhoneNumber TO = new PhoneNumber("+16175550142", null, "(617) 555-0142");

    private Backends backends;
    private RedisBackend node;
    private DefaultCallEngine engine;

    @BeforeEach
    void setUp() {
        backends = new Backends(redis.server());
        node = backends.fresh(64);
        AtomicReference<DefaultCallEngine> ref = new AtomicReference<>();
        engine = new DefaultCallEngine(node.calls(), node.agents(), node.workItems(), node.events(),
                new FakePhoneSystem(ref::get), new SequentialIds(), Clock.systemUTC(), CoreSettings.DEFAULTS);
        ref.set(engine);
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    @Test
    void anAgentNobodyKnowsIsOfflineWithNothing() {
        AgentStateReader reader = (AgentStateReader) node.events();
        AgentStateReader.State state = reader.read(ANN);
        assertThat(state.sequence()).isZero();
        assertThat(state.agent()).isEmpty();
        assertThat(state.calls()).isEmpty();
        assertThat(state.workItems()).isEmpty();
        assertThat(engine.snapshot(ANN)).isEqualTo(new AgentSnapshot(0, Agent.offline(ANN), java.util.List.of(),
                java.util.List.of()));
    }

    @Test
    void oneScriptReadsWhatTheFourReadsRead() {
        accepted(engine.execute(new AgentCommand.LogIn(ANN)));
        accepted(engine.execute(new WorkCommand.OfferWork(ANN, new WorkItemId("w-1"), TO, CompletionTrigger.LOG_SAVED, null, Map.of())));
        accepted(engine.execute(new Dial(ANN, TO, null, null, null, Map.of())));
        accepted(engine.execute(new WorkCommand.OfferWork(ANN, new WorkItemId("w-2"), TO, CompletionTrigger.LOG_SAVED, null, Map.of())));

        AgentStateReader.State state = ((AgentStateReader) node.events()).read(ANN);

        assertThat(state.sequence()).isEqualTo(node.events().lastSequence(ANN)).isPositive();
        assertThat(state.agent()).isEqualTo(node.agents().get(ANN));
        assertThat(state.calls()).containsExactlyInAnyOrderElementsOf(node.calls().findByOwner(ANN));
        assertThat(state.workItems()).hasSize(2).containsExactlyInAnyOrderElementsOf(node.workItems()
                .findByOwner(ANN));
        AgentSnapshot snapshot = engine.snapshot(ANN);
        assertThat(snapshot.sequence()).isEqualTo(state.sequence());
        assertThat(snapshot.agent()).isEqualTo(node.agents().get(ANN).map(Versioned::value).orElseThrow());
        assertThat(snapshot.calls()).isEqualTo(engine.calls(ANN));
        assertThat(snapshot.workItems()).isEqualTo(engine.workItems(ANN));
    }

    @Test
    void oneScriptReadsTheAgentAndTheirOpenCalls() {
        AgentStateReader reader = (AgentStateReader) node.events();
        assertThat(reader.readActivity(ANN).agent()).isEmpty();
        assertThat(reader.readActivity(ANN).openCalls()).isEmpty();
        accepted(engine.execute(new AgentCommand.LogIn(ANN)));
        accepted(engine.execute(new Dial(ANN, TO, null, null, null, Map.of())));

        AgentStateReader.ActivityInputs read = reader.readActivity(ANN);

        assertThat(read.agent()).isEqualTo(node.agents().get(ANN));
        assertThat(read.openCalls()).hasSize(1).containsExactlyInAnyOrderElementsOf(
                node.calls().findOpenByOwner(ANN));
        // The engine refreshed the activity from it: on a call now.
        assertThat(engine.agent(ANN).activity()).isNotEqualTo(io.callbridge.core.model.Activity.IDLE);
    }

    /** Dials, ends and wraps up one call of Ann's, the way the phone system and the page would. */
    private io.callbridge.core.model.CallId wrappedUpCall() {
        io.callbridge.core.model.CallId id = engine.execute(new Dial(ANN, TO, null, null, null, Map.of()))
                .createdCall().orElseThrow().id();
        engine.report(new io.callbridge.core.spi.ProviderEvent.Ringing(id));
        engine.report(new io.callbridge.core.spi.ProviderEvent.Answered(id));
        engine.report(new io.callbridge.core.spi.ProviderEvent.Ended(id,
                io.callbridge.core.model.EndStatus.COMPLETED));
        accepted(engine.execute(new io.callbridge.core.command.CallCommand.WrapUp(ANN, id,
                io.callbridge.core.model.CallOutcome.NONE)));
        return id;
    }

    @Test
    void theRecentReadTakesTheOpenCallsAndOnlyTheNewestClosedOnesFromTheListTheWritesKeep() {
        accepted(engine.execute(new AgentCommand.LogIn(ANN)));
        java.util.List<io.callbridge.core.model.CallId> done = new java.util.ArrayList<>();
        for (int n = 0; n < RedisBackend.RECENT_CALLS_KEPT + 5; n++) {
            done.add(wrappedUpCall());
        }
        io.callbridge.core.model.CallId live = engine.execute(new Dial(ANN, TO, null, null, null, Map.of()))
                .createdCall().orElseThrow().id();
        AgentStateReader reader = (AgentStateReader) node.events();

        AgentStateReader.State recent = reader.readRecent(ANN, 5);

        assertThat(recent.calls()).extracting(v -> v.value().id())
                .containsExactlyInAnyOrder(live, done.get(24), done.get(23), done.get(22), done.get(21), done.get(20));
        assertThat(recent.sequence()).isEqualTo(node.events().lastSequence(ANN));
        assertThat(recent.agent()).isEqualTo(node.agents().get(ANN));
        assertThat(engine.snapshot(ANN, 5)).isEqualTo(engine.snapshot(ANN).withNewestWrappedUp(5));
        assertThat(engine.snapshot(ANN).calls()).hasSize(26);
        try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.server().uri());
                var connection = client.connect()) {
            String list = ((RedisVersionedStore<?, ?>) node.calls()).recentList(ANN);
            assertThat(connection.sync().llen(list)).as("the list is capped").isEqualTo(RedisBackend.RECENT_CALLS_KEPT);
            assertThat(connection.sync().lindex(list, 0)).as("newest first").isEqualTo(done.get(24).value());

            // A call forgotten after the retention leaves the list when the read meets it.
            var newest = node.calls().get(done.get(24)).orElseThrow();
            assertThat(node.calls().remove(done.get(24), newest.version())).isTrue();
            assertThat(reader.readRecent(ANN, 5).calls()).extracting(v -> v.value().id()).doesNotContain(done.get(24))
                    .hasSize(5);
            assertThat(connection.sync().llen(list)).isEqualTo(RedisBackend.RECENT_CALLS_KEPT - 1);
        }
        // Asked for more than the list keeps, it reads every call.
        assertThat(reader.readRecent(ANN, RedisBackend.RECENT_CALLS_KEPT + 1).calls()).hasSize(25);
    }

    @Test
    void aCloseWrittenWithoutEventsListsTheCallToo() {
        accepted(engine.execute(new AgentCommand.LogIn(ANN)));
        io.callbridge.core.model.CallId id = engine.execute(new Dial(ANN, TO, null, null, null, Map.of()))
                .createdCall().orElseThrow().id();
        var open = node.calls().get(id).orElseThrow();
        var closed = open.value().toBuilder().state(io.callbridge.core.model.CallState.WRAPPED_UP)
                .endStatus(io.callbridge.core.model.EndStatus.NO_ANSWER).endedAt(open.value().createdAt())
                .outcome(io.callbridge.core.model.CallOutcome.NONE).wrappedUpAt(open.value().createdAt()).build();
        assertThat(node.calls().compareAndSet(id, open.version(), ANN, closed, false)).isPresent();
        AgentStateReader reader = (AgentStateReader) node.events();
        assertThat(reader.readRecent(ANN, 5).calls()).extracting(v -> v.value()).containsExactly(closed);
        assertThat(reader.readActivity(ANN).openCalls()).isEmpty();
    }

    @Test
    void itReadsOnlyItsOwnBackendsStores() {
        AgentStateReader reader = (AgentStateReader) node.events();
        assertThat(reader.reads(node.calls(), node.agents(), node.workItems())).isTrue();
        RedisBackend other = backends.fresh(64);
        assertThat(reader.reads(other.calls(), node.agents(), node.workItems())).isFalse();
        assertThat(reader.reads(node.calls(), new InMemoryVersionedStore<>(), node.workItems())).isFalse();
    }

    private static void accepted(CommandResult result) {
        assertThat(result).isInstanceOf(CommandResult.Accepted.class);
    }
}
