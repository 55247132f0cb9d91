package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes of one deployment: two backends with a Lettuce client each, on one redis-server and one key prefix, as two
 * callbridge processes would be.
 */
class TwoNodesTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant T = Instant.parse("2026-01-01T09:00:00Z");

    private Backends backends;
    private RedisBackend nodeA;
    private RedisBackend nodeB;

    @BeforeEach
    void twoNodes() {
        backends = new Backends(redis.server());
        String deployment = Backends.newPrefix();
        nodeA = backends.node(deployment, 64);
        nodeB = backends.node(deployment, 64);
    }

    @AfterEach
    void disconnect() {
        backends.close();
    }

    @Test
    void concurrentCompareAndSetFromTwoNodesLosesNoUpdate() throws Exception {
        int keys = 3;
        int roundsPerThread = 150;
        int threadsPerNode = 2;
        for (int k = 0; k < keys; k++) {
            nodeA.calls().compareAndSet(id(k), 0, ANN, counted(id(k), 0));
        }
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2 * threadsPerNode; t++) {
                VersionedStore<CallId, Call> store = t % 2 == 0 ? nodeA.calls() : nodeB.calls();
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < roundsPerThread; r++) {
                        CallId id = id(r % keys);
                        while (true) {
                            Versioned<Call> current = store.get(id).orElseThrow();
                            int n = count(current.value());
                            Optional<Long> written = store.compareAndSet(id, current.version(), ANN,
                                    counted(id, n + 1), n % 2 == 0);
                            if (written.isPresent()) {
                                break;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (int k = 0; k < keys; k++) {
            Versioned<Call> last = nodeB.calls().get(id(k)).orElseThrow();
            assertThat(last.version()).isEqualTo(count(last.value()) + 1L);
            total += count(last.value());
        }
        assertThat(total).as("increments counted on the values, across both nodes")
                .isEqualTo(2 * threadsPerNode * roundsPerThread);
        assertThat(conflicts.get()).as("the nodes did race (else this test proves little)").isPositive();
    }

    @Test
    void aValueWrittenOnOneNodeIsFoundOpenOnTheOther() {
        nodeA.calls().compareAndSet(id(1), 0, ANN, counted(id(1), 1), true);
        nodeA.calls().compareAndSet(id(2), 0, ANN, counted(id(2), 1), false);
        assertThat(nodeB.calls().findOpenByOwner(ANN)).extracting(v -> v.value().id()).containsExactly(id(1));
        nodeB.calls().compareAndSet(id(1), 1, ANN, counted(id(1), 2), false);
        assertThat(nodeA.calls().findOpenByOwner(ANN)).isEmpty();
        assertThat(nodeA.calls().findByOwner(ANN)).hasSize(2);
    }

    @Test
    void aSubscriberOnOneNodeSeesEventsPublishedOnBothInOrderWithoutGapOrRepeat() throws Exception {
        List<SequencedEvent> onB = new CopyOnWriteArrayList<>();
        List<Object> gaps = new CopyOnWriteArrayList<>();
        nodeB.events().subscribe(ANN, 0, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                onB.add(event);
            }

            @Override
            public void onGap(long requestedAfter, long resumeAfter) {
                gaps.add(requestedAfter + "->" + resumeAfter);
            }
        });
        int perNode = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<SequencedEvent> published = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (RedisBackend node : List.of(nodeA, nodeB)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perNode; i++) {
                        published.addAll(node.events().publish(ANN, T, List.of(notice(i))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onB.size() < 2 * perNode && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(onB).extracting(SequencedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perNode).boxed().toList());
        assertThat(onB).containsExactlyInAnyOrderElementsOf(published);
        assertThat(gaps).isEmpty();
        assertThat(nodeA.events().lastSequence(ANN)).isEqualTo(2L * perNode);
    }

    @Test
    void aBridgeResumingOnTheOtherNodeGetsWhatItMissed() {
        List<SequencedEvent> onA = new CopyOnWriteArrayList<>();
        var subscription = nodeA.events().subscribe(ANN, 0, onA::add);
        nodeA.events().publish(ANN, T, List.of(notice(1), notice(2)));
        awaitSize(onA, 2);
        subscription.close();
        long lastSeen = onA.get(onA.size() - 1).sequence();

        nodeA.events().publish(ANN, T, List.of(notice(3), notice(4)));
        List<SequencedEvent> onB = new CopyOnWriteArrayList<>();
        nodeB.events().subscribe(ANN, lastSeen, onB::add);
        assertThat(onB).as("replayed before subscribe returns").extracting(SequencedEvent::sequence)
                .containsExactly(3L, 4L);
    }

    @Test
    void nodesClaimingOneDeliveryHaveExactlyOneWinner() throws Exception {
        OwedDelivery owed = OwedDelivery.of("hubspot:call-1:CALL_COMPLETED", ANN, "hubspot", "CALL_COMPLETED", "{}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<OwedDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RedisBackend node = i % 2 == 0 ? nodeA : nodeB;
                String claimant = (i % 2 == 0 ? "node-a/" : "node-b/") + i;
                claims.add(pool.submit(() -> {
                    go.await();
                    return node.deliveries().claim(owed, claimant, T, T.plusSeconds(10));
                }));
            }
            go.countDown();
            long winners = 0;
            for (Future<Optional<OwedDelivery>> f : claims) {
                winners += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(nodeB.deliveries().pending(ANN)).hasSize(1);
    }

    private static void awaitSize(List<?> list, int size) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(list).hasSize(size);
    }

    private static CoreEvent notice(int i) {
        return new CoreEvent.AgentNotice("INFO", "notice " + i, null);
    }

    private static CallId id(int k) {
        return CallId.of("call-" + k);
    }

    /** A call whose CRM links carry a counter, so that the value itself shows every increment. */
    private static Call counted(CallId id, int n) {
        return Call.outbound(id, ANN, null, new PhoneNumber("+14155550100", null, "+1 415 555 0100"), T).toBuilder()
                .crmLinks(Map.of("test.count", Integer.toString(n))).build();
    }

    private static int count(Call call) {
        return Integer.parseInt(call.crmLink("test.count").orElseThrow());
    }
}
