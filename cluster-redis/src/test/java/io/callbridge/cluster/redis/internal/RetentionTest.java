package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Presence;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code RedisSettings.retention}: an idle agent's stream and counter expire, a logged-out agent is forgotten, and
 * what an active agent needs stays. A bridge resuming within the retention replays; beyond it, it is told of a gap.
 */
class RetentionTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Duration RETENTION = Duration.ofSeconds(2);

    private Backends backends;
    private String deployment;

    @BeforeEach
    void setUp() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    private String key(String rest) {
        return "{" + deployment + "}:" + rest;
    }

    private long ttl(String key) {
        return (Long) redis.server().command("PTTL", key);
    }

    private boolean exists(String key) {
        return (Long) redis.server().command("EXISTS", key) == 1;
    }

    @Test
    void anIdleAgentsStreamExpiresAndABridgeResumingLaterIsToldOfAGap() throws Exception {
        RedisBackend node = backends.node(deployment, 64, RETENTION);
        publish(node.events(), 3);
        assertThat(ttl(key("events:acme/ann"))).isBetween(1L, RETENTION.toMillis());
        assertThat(ttl(key("seq:acme/ann"))).isBetween(1L, RETENTION.toMillis());

        // Within the retention, a bridge resuming after event 1 replays 2 and 3.
        Follower within = new Follower();
        node.events().subscribe(ANN, 1, within).close();
        awaitTrue(() -> within.given.size() == 2, "the replay");
        assertThat(within.given).containsExactly(2L, 3L);

        awaitTrue(() -> !exists(key("events:acme/ann")) && !exists(key("seq:acme/ann")), "the keys to expire");
        // Beyond it, a bridge resuming after event 3 (on another node) is told of a gap, then follows new events.
        RedisBackend other = backends.node(deployment, 64, RETENTION);
        Follower beyond = new Follower();
        other.events().subscribe(ANN, 3, beyond);
        awaitTrue(() -> !beyond.given.isEmpty(), "the gap");
        assertThat(beyond.given.get(0)).isEqualTo(-1L);
        publish(node.events(), 1);
        awaitTrue(() -> beyond.given.size() == 2, "the new event");
        assertThat(beyond.given).containsExactly(-1L, 1L);
    }

    @Test
    void everyEventKeepsAnActiveAgentsStreamAlive() throws Exception {
        RedisBackend node = backends.node(deployment, 64, RETENTION);
        long end = System.nanoTime() + RETENTION.multipliedBy(2).toNanos();
        int published = 0;
        while (System.nanoTime() < end) {
            publish(node.events(), 1);
            published++;
            Thread.sleep(100);
        }
        assertThat(node.events().lastSequence(ANN)).isEqualTo(published);
        Follower replay = new Follower();
        node.events().subscribe(ANN, 0, replay).close();
        int expected = published;
        awaitTrue(() -> replay.given.size() == expected, "the replay of every event");
        assertThat(replay.given.get(0)).isEqualTo(1L);
    }

    @Test
    void aLoggedOutAgentIsForgottenAfterTheRetentionAndALoggedInOneIsKept() throws Exception {
        RedisBackend node = backends.node(deployment, 64, RETENTION);
        AgentId bob = AgentId.of("acme", "bob");
        Agent annIn = new Agent(ANN, true, Presence.AVAILABLE, null, Activity.IDLE);
        assertThat(node.agents().compareAndSet(ANN, 0, ANN, annIn)).contains(1L);
        assertThat(node.agents().compareAndSet(bob, 0, bob, Agent.offline(bob))).contains(1L);
        assertThat(ttl(key("agent:v:acme/ann"))).isEqualTo(-1L);
        assertThat(ttl(key("agent:v:acme/bob"))).isBetween(1L, RETENTION.toMillis());
        assertThat(ttl(key("agent:owner:acme/bob"))).isBetween(1L, RETENTION.toMillis());

        // Ann logs out, then in again before the retention is over: she is kept.
        assertThat(node.agents().compareAndSet(ANN, 1, ANN, Agent.offline(ANN))).contains(2L);
        assertThat(ttl(key("agent:v:acme/ann"))).isPositive();
        assertThat(node.agents().compareAndSet(ANN, 2, ANN, annIn)).contains(3L);
        assertThat(ttl(key("agent:v:acme/ann"))).isEqualTo(-1L);

        awaitTrue(() -> !exists(key("agent:v:acme/bob")), "bob to be forgotten");
        assertThat(node.agents().get(bob)).isEmpty();
        assertThat(node.agents().findByOwner(bob)).isEmpty();
        assertThat(node.agents().all()).extracting(v -> v.value().id()).containsExactly(ANN);
        // The forgotten member left the set of every agent too.
        assertThat((Long) redis.server().command("SISMEMBER", key("agent:all"), "acme/bob")).isZero();
        assertThat(node.agents().get(ANN)).isPresent();

        // A forgotten agent comes back as new.
        assertThat(node.agents().compareAndSet(bob, 0, bob, new Agent(bob, true, Presence.AVAILABLE, null,
                Activity.IDLE))).contains(1L);
        assertThat(node.agents().findByOwner(bob)).hasSize(1);
        assertThat(node.agents().findOpenByOwner(bob)).hasSize(1);
    }

    private static void publish(AgentEventRouter router, int n) {
        for (int i = 0; i < n; i++) {
            router.publish(ANN, Instant.now(), List.of(new CoreEvent.AgentNotice("INFO", "n" + i, null)));
        }
    }

    /** Sequences given, and -(resumeAfter + 1) for a gap. */
    private static final class Follower implements AgentEventListener {
        final List<Long> given = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(SequencedEvent event) {
            given.add(event.sequence());
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            given.add(-(resumeAfter + 1));
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
