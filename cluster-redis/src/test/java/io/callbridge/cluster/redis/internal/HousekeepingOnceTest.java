package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.internal.DefaultCallEngine;
import io.callbridge.core.internal.Housekeeper;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.SequentialIds;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's housekeeping on two nodes of one deployment: one node at a time runs it, and another takes over. */
@Timeout(30)
class HousekeepingOnceTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    /** The lease lasts three of these. */
    private static final Duration PERIOD = Duration.ofMillis(200);

    private Backends backends;
    private RedisBackend nodeA;
    private RedisBackend nodeB;
    private String deployment;

    @BeforeEach
    void twoNodes() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
        nodeA = backends.node(deployment, 16);
        nodeB = backends.node(deployment, 16);
    }

    @AfterEach
    void disconnect() {
        backends.close();
    }

    private static Housekeeper housekeeper(RedisBackend node) {
        AtomicReference<DefaultCallEngine> engine = new AtomicReference<>();
        DefaultCallEngine e = new DefaultCallEngine(node.calls(), node.agents(), node.workItems(), node.events(),
                new FakePhoneSystem(engine::get), new SequentialIds(), Clock.systemUTC(), CoreSettings.DEFAULTS);
        engine.set(e);
        return new Housekeeper(e, node.housekeepingLease(), PERIOD);
    }

    @Test
    void twoNodesRacingForEveryRoundNeverBothRunOne() throws Exception {
        Housekeeper a = housekeeper(nodeA);
        Housekeeper b = housekeeper(nodeB);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> won = new ArrayList<>();
            for (Housekeeper h : List.of(a, b)) {
                Callable<Integer> rounds = () -> {
                    int ran = 0;
                    for (int i = 0; i < 200; i++) {
                        ran += h.runOnce() ? 1 : 0;
                    }
                    return ran;
                };
                won.add(threads.submit(rounds));
            }
            int byA = won.get(0).get();
            int byB = won.get(1).get();
            // The first to take the lease renews it every round; the other never gets a round.
            assertThat(List.of(byA, byB)).as("rounds run by A and B").containsExactlyInAnyOrder(200, 0);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whenTheHolderDiesAnotherNodeTakesOverOnceTheLeaseLapsesAndTheOldHolderDoesNotComeBackOnIt()
            throws Exception {
        Housekeeper a = housekeeper(nodeA);
        Housekeeper b = housekeeper(nodeB);
        assertThat(a.runOnce()).isTrue();
        long lastRenewal = System.nanoTime();
        // A dies: its rounds stop, nothing gives the lease up.
        int refused = 0;
        while (!b.runOnce()) {
            refused++;
            Thread.sleep(PERIOD.toMillis() / 4);
            assertThat(System.nanoTime() - lastRenewal).as("B took over within the lease and a period")
                    .isLessThan(PERIOD.multipliedBy(4).plusSeconds(1).toNanos());
        }
        assertThat(refused).as("B waited for A's lease to lapse").isPositive();
        assertThat(System.nanoTime() - lastRenewal).isGreaterThanOrEqualTo(PERIOD.multipliedBy(3).toNanos());
        // A comes back (a paused process): the lease is B's now.
        assertThat(a.runOnce()).isFalse();
        assertThat(b.runOnce()).isTrue();
    }

    @Test
    void aGracefulStopGivesTheLeaseUpAtOnce() {
        Housekeeper a = housekeeper(nodeA);
        Housekeeper b = housekeeper(nodeB);
        assertThat(a.runOnce()).isTrue();
        assertThat(b.runOnce()).isFalse();
        a.stop();
        assertThat(b.runOnce()).isTrue();
        assertThat(a.runOnce()).isFalse();
    }

    @Test
    void aNodeThatLosesRedisStopsRunningRoundsAndTheOtherTakesOver() throws Exception {
        RedisBackend isolated = backends.node(deployment, 16);
        Housekeeper a = housekeeper(isolated);
        Housekeeper b = housekeeper(nodeB);
        assertThat(a.runOnce()).isTrue();
        isolated.close();
        assertThat(a.runOnce()).as("a node that cannot see the lease does not run").isFalse();
        long deadline = System.nanoTime() + PERIOD.multipliedBy(4).plusSeconds(1).toNanos();
        while (!b.runOnce()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(PERIOD.toMillis() / 4);
        }
    }
}
