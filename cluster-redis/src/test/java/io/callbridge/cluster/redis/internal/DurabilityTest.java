package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.WorkItemKey;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What survives when Redis itself goes down: with {@code appendfsync always}, everything written before a
 * {@code kill -9} of redis-server; a node connected throughout reconnects by itself and its subscribers carry on.
 */
class DurabilityTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant T = Instant.parse("2026-01-01T09:00:00.5Z");
    private static final PhoneNumber NUMBER = new PhoneNumber("+14155550100", null, "+1 415 555 0100");

    private Backends backends;
    private String deployment;

    @BeforeEach
    void open() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void everythingWrittenBeforeAKillMinusNineOfRedisIsReadBackAfterItsRestart() {
        RedisBackend before = backends.node(deployment, 16);
        Call live = Call.outbound(CallId.of("call-live"), ANN, null, NUMBER, T);
        Call done = Call.outbound(CallId.of("call-done"), ANN, null, NUMBER, T).toBuilder()
                .crmLinks(Map.of("salesforce.taskId", "00T1")).build();
        Agent agent = new Agent(ANN, true, Presence.AVAILABLE, null, Activity.ON_CALL);
        WorkItemKey workKey = new WorkItemKey(ANN, WorkItemId.of("0Z/1"));
        WorkItem work = WorkItem.pending(workKey.id(), ANN, NUMBER, CompletionTrigger.LOG_SAVED, T,
                T.plusSeconds(600), Map.of());
        before.calls().compareAndSet(live.id(), 0, ANN, live, true);
        before.calls().compareAndSet(done.id(), 0, ANN, done, false);
        before.agents().compareAndSet(ANN, 0, ANN, agent, true);
        before.workItems().compareAndSet(workKey, 0, ANN, work, true);
        List<SequencedEvent> events = before.events().publish(ANN, T,
                List.of(new CoreEvent.CallCreated(live), new CoreEvent.AgentChanged(agent, Agent.offline(ANN))));
        OwedDelivery owed = OwedDelivery.of("salesforce:call-done:saveLog", ANN, "salesforce", "saveLog", "{\"a\":1}");
        OwedDelivery claimed = before.deliveries().claim(owed, "node-a/tab-1", T, T.plusSeconds(30)).orElseThrow();
        before.deliveries().attemptFailed(owed.key(), claimed.fence());

        redis.server().kill();
        redis.server().start();

        RedisBackend after = backends.node(deployment, 16);
        assertThat(after.calls().get(live.id())).contains(new Versioned<>(live, 1));
        assertThat(after.calls().findOpenByOwner(ANN)).containsExactly(new Versioned<>(live, 1));
        assertThat(after.calls().findByOwner(ANN)).hasSize(2);
        assertThat(after.calls().all()).hasSize(2);
        assertThat(after.agents().get(ANN)).contains(new Versioned<>(agent, 1));
        assertThat(after.workItems().findOpenByOwner(ANN)).containsExactly(new Versioned<>(work, 1));
        assertThat(after.events().lastSequence(ANN)).isEqualTo(2);
        List<SequencedEvent> replayed = new CopyOnWriteArrayList<>();
        after.events().subscribe(ANN, 0, replayed::add);
        assertThat(replayed).containsExactlyElementsOf(events);
        assertThat(after.events().publish(ANN, T, List.of(notice("after the restart"))))
                .extracting(SequencedEvent::sequence).containsExactly(3L);
        OwedDelivery kept = after.deliveries().get(owed.key()).orElseThrow();
        assertThat(kept.attempts()).isEqualTo(1);
        assertThat(kept.claimant()).isNull();
        assertThat(after.deliveries().pending(ANN)).containsExactly(kept);
        OwedDelivery next = after.deliveries().claim(owed, "node-b/tab-2", T, T.plusSeconds(30)).orElseThrow();
        assertThat(next.fence()).as("fences never go back, not even across a Redis restart")
                .isGreaterThan(claimed.fence());
    }

    @Test
    void aNodeConnectedThroughARedisCrashReconnectsAndItsSubscribersMissNothing() {
        RedisBackend survivor = backends.node(deployment, 64);
        List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
        List<String> gaps = new CopyOnWriteArrayList<>();
        survivor.events().subscribe(ANN, 0, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                seen.add(event);
            }

            @Override
            public void onGap(long requestedAfter, long resumeAfter) {
                gaps.add(requestedAfter + "->" + resumeAfter);
            }
        });
        survivor.events().publish(ANN, T, List.of(notice("1"), notice("2")));
        await(() -> seen.size() == 2);

        redis.server().kill();
        assertThatThrownBy(() -> survivor.calls().get(CallId.of("x"))).as("fails fast while Redis is down")
                .isInstanceOf(RuntimeException.class);
        redis.server().start();

        // Events published by another node while the survivor was still reconnecting its pub/sub connection.
        RedisBackend other = backends.node(deployment, 64);
        other.events().publish(ANN, T, List.of(notice("3")));
        await(() -> {
            try {
                survivor.calls().get(CallId.of("x"));
                return true;
            } catch (RuntimeException reconnecting) {
                return false;
            }
        });
        other.events().publish(ANN, T, List.of(notice("4")));
        await(() -> seen.size() >= 4);
        assertThat(seen).extracting(SequencedEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(gaps).isEmpty();
    }

    @Test
    void withoutPersistenceALostStreamIsAGapNotASilentStop() {
        // The contrast: a Redis that forgets (no AOF) must not leave a follower waiting for sequences that will
        // never come again; it is told to take a snapshot.
        try (RedisServer forgetful = RedisServer.builder().start()) {
            Backends onForgetful = new Backends(forgetful);
            try {
                RedisBackend node = onForgetful.node(deployment, 64);
                List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
                List<String> gaps = new CopyOnWriteArrayList<>();
                node.events().subscribe(ANN, 0, new AgentEventListener() {
                    @Override
                    public void onEvent(SequencedEvent event) {
                        seen.add(event);
                    }

                    @Override
                    public void onGap(long requestedAfter, long resumeAfter) {
                        gaps.add(requestedAfter + "->" + resumeAfter);
                    }
                });
                node.events().publish(ANN, T, List.of(notice("1"), notice("2"), notice("3")));
                await(() -> seen.size() == 3);

                forgetful.kill();
                forgetful.start();
                RedisBackend other = onForgetful.node(deployment, 64);
                other.events().publish(ANN, T, List.of(notice("a"), notice("b")));

                await(() -> !gaps.isEmpty());
                assertThat(gaps.get(0)).startsWith("3->");
                other.events().publish(ANN, T, List.of(notice("c")));
                await(() -> seen.stream().anyMatch(e -> e.sequence() == 3 && e.event().equals(notice("c"))));
            } finally {
                onForgetful.close();
            }
        }
    }

    private static CoreEvent notice(String text) {
        return new CoreEvent.AgentNotice("INFO", text, null);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
