package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.internal.InMemoryAgentEventRouter;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Presence;
import io.callbridge.core.spi.Versioned;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code compareAndSetAndPublish} on Redis: the write and its events in one script (store-cas-publish), which must
 * behave exactly as the compare-and-set and then the publish would, and the store's own index upkeep (the open set,
 * the expiry of a forgettable agent) the same with or without events.
 */
class WriteAndPublishTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private Backends backends;
    private String deployment;
    private RedisBackend node;

    @BeforeEach
    void setUp() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
        node = backends.node(deployment, 64, RETENTION);
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

    private long commands(String name) {
        String info = (String) redis.server().command("INFO", "commandstats");
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + name + ":")) {
                int start = line.indexOf("calls=") + "calls=".length();
                return Long.parseLong(line.substring(start, line.indexOf(',', start)));
            }
        }
        return 0;
    }

    private static Agent in(AgentId id) {
        return new Agent(id, true, Presence.AVAILABLE, null, Activity.IDLE);
    }

    private static List<CoreEvent> notices(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> (CoreEvent) new CoreEvent.AgentNotice("INFO", t, null))
                .toList();
    }

    @Test
    void aWriteAndItsEventsAreOneScriptAndNumberedAsAPublishWouldNumberThem() throws Exception {
        Follower follower = new Follower(3);
        node.events().subscribe(ANN, 0, follower);
        node.events().publish(ANN, AT, notices("before"));
        long publishesBefore = commands("publish");

        Optional<List<SequencedEvent>> published = node.agents().compareAndSetAndPublish(ANN, 0, ANN, in(ANN), true,
                node.events(), AT, notices("one", "two"));

        assertThat(published).isPresent();
        assertThat(published.get()).extracting(SequencedEvent::sequence).containsExactly(2L, 3L);
        assertThat(published.get()).extracting(SequencedEvent::occurredAt).containsOnly(AT);
        assertThat(published.get()).extracting(e -> ((CoreEvent.AgentNotice) e.event()).message())
                .containsExactly("one", "two");
        assertThat(node.agents().get(ANN)).map(Versioned::version).contains(1L);
        assertThat(node.events().lastSequence(ANN)).isEqualTo(3);
        // One announcement for both events, as events-publish sends.
        assertThat(commands("publish") - publishesBefore).isEqualTo(1);
        assertThat(follower.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(follower.given).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLostCompareAndSetWritesNothingAndPublishesNothing() {
        assertThat(node.agents().compareAndSet(ANN, 0, ANN, in(ANN))).contains(1L);
        long publishesBefore = commands("publish");

        Optional<List<SequencedEvent>> published = node.agents().compareAndSetAndPublish(ANN, 0, ANN,
                Agent.offline(ANN), true, node.events(), AT, notices("lost"));

        assertThat(published).isEmpty();
        assertThat(node.agents().get(ANN)).map(v -> v.value().loggedIn()).contains(true);
        assertThat(node.events().lastSequence(ANN)).isZero();
        assertThat(commands("publish")).isEqualTo(publishesBefore);
    }

    @Test
    void anotherRouterGetsTheTwoCallsOfTheDefault() throws Exception {
        InMemoryAgentEventRouter other = new InMemoryAgentEventRouter(CoreSettings.DEFAULTS);
        Optional<List<SequencedEvent>> published = node.agents().compareAndSetAndPublish(ANN, 0, ANN, in(ANN), true,
                other, AT, notices("elsewhere"));

        assertThat(published).hasValueSatisfying(events -> assertThat(events).hasSize(1));
        assertThat(other.lastSequence(ANN)).isEqualTo(1);
        assertThat(node.events().lastSequence(ANN)).isZero();
        assertThat(node.agents().get(ANN)).isPresent();
    }

    @Test
    void noEventsIsAPlainCompareAndSet() {
        assertThat(node.agents().compareAndSetAndPublish(ANN, 0, ANN, in(ANN), true, node.events(), AT, List.of()))
                .contains(List.of());
        assertThat(node.agents().get(ANN)).map(Versioned::version).contains(1L);
        assertThat(node.events().lastSequence(ANN)).isZero();
    }

    @Test
    void theOpenSetFollowsTheFlagThroughWritesThatKeepOrChangeIt() {
        // Written open twice, then closed (with events and without), then open again: the open set follows the flag.
        AgentId bob = AgentId.of("acme", "bob");
        var agents = node.agents();
        assertThat(agents.compareAndSetAndPublish(bob, 0, bob, in(bob), true, node.events(), AT, notices("a")))
                .isPresent();
        assertThat(agents.findOpenByOwner(bob)).hasSize(1);
        assertThat(agents.compareAndSetAndPublish(bob, 1, bob, in(bob), true, node.events(), AT, notices("b")))
                .isPresent();
        assertThat(agents.findOpenByOwner(bob)).hasSize(1);
        assertThat(agents.compareAndSetAndPublish(bob, 2, bob, in(bob), false, node.events(), AT, notices("c")))
                .isPresent();
        assertThat(agents.findOpenByOwner(bob)).isEmpty();
        assertThat(agents.findByOwner(bob)).hasSize(1);
        assertThat(agents.compareAndSet(bob, 3, bob, in(bob), false)).contains(4L);
        assertThat(agents.findOpenByOwner(bob)).isEmpty();
        assertThat(agents.compareAndSetAndPublish(bob, 4, bob, in(bob), true, node.events(), AT, notices("d")))
                .isPresent();
        assertThat(agents.findOpenByOwner(bob)).hasSize(1);
    }

    @Test
    void aForgettableAgentExpiresWithItsSetsAndOneThatMattersAgainIsKeptWithThem() {
        var agents = node.agents();
        assertThat(agents.compareAndSetAndPublish(ANN, 0, ANN, Agent.offline(ANN), true, node.events(), AT,
                notices("out"))).isPresent();
        for (String k : List.of("agent:v:acme/ann", "agent:owner:acme/ann", "agent:open:acme/ann")) {
            assertThat(ttl(key(k))).as(k).isBetween(1L, RETENTION.toMillis());
        }
        assertThat(agents.compareAndSetAndPublish(ANN, 1, ANN, in(ANN), true, node.events(), AT, notices("in")))
                .isPresent();
        for (String k : List.of("agent:v:acme/ann", "agent:owner:acme/ann", "agent:open:acme/ann")) {
            assertThat(ttl(key(k))).as(k).isEqualTo(-1L);
        }
        // Kept and written again: nothing to persist, nothing lost from the sets.
        long persists = commands("persist");
        assertThat(agents.compareAndSetAndPublish(ANN, 2, ANN, in(ANN), true, node.events(), AT, notices("again")))
                .isPresent();
        assertThat(commands("persist")).isEqualTo(persists);
        assertThat(ttl(key("agent:v:acme/ann"))).isEqualTo(-1L);
        assertThat(agents.findByOwner(ANN)).hasSize(1);
        assertThat(agents.findOpenByOwner(ANN)).hasSize(1);
        assertThat(agents.all()).extracting(v -> v.value().id()).contains(ANN);
        // And forgettable again: the expiry comes back on all three.
        assertThat(agents.compareAndSet(ANN, 3, ANN, Agent.offline(ANN))).contains(4L);
        for (String k : List.of("agent:v:acme/ann", "agent:owner:acme/ann", "agent:open:acme/ann")) {
            assertThat(ttl(key(k))).as(k).isBetween(1L, RETENTION.toMillis());
        }
    }

    /** Sequences given; counts down once per event up to {@code expected}. */
    private static final class Follower implements AgentEventListener {
        final List<Long> given = new CopyOnWriteArrayList<>();
        final CountDownLatch done;

        Follower(int expected) {
            this.done = new CountDownLatch(expected);
        }

        @Override
        public void onEvent(SequencedEvent event) {
            given.add(event.sequence());
            done.countDown();
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            given.add(-(resumeAfter + 1));
        }
    }
}
