package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryAgentEventRouterTest {
    private static final int KEPT = 5;
    private final InMemoryAgentEventRouter router =
            new InMemoryAgentEventRouter(CoreSettings.DEFAULTS.withEventsKeptPerAgent(KEPT));

    private static CoreEvent notice(int n) {
        return new CoreEvent.AgentNotice("test.n", "notice " + n, null);
    }

    private void publish(AgentId agent, int count) {
        for (int i = 0; i < count; i++) {
            router.publish(agent, T0, List.of(notice(i)));
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void publishNumbersEventsConsecutivelyPerAgentFromOne() {
        assertThat(router.lastSequence(ALICE)).isZero();
        List<SequencedEvent> first = router.publish(ALICE, T0, List.of(notice(1), notice(2), notice(3)));
        assertThat(first).extracting(SequencedEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(first).allMatch(e -> e.agent().equals(ALICE) && e.occurredAt().equals(T0));
        assertThat(router.publish(BOB, T0, List.of(notice(1)))).extracting(SequencedEvent::sequence)
                .containsExactly(1L);
        assertThat(router.publish(ALICE, T0, List.of())).isEmpty();
        assertThat(router.lastSequence(ALICE)).isEqualTo(3);
        assertThat(router.lastSequence(BOB)).isEqualTo(1);
    }

    @Test
    void subscribeReplaysExactlyTheKeptEventsAfterTheGivenSequenceThenLiveOnes() {
        publish(ALICE, 4);
        EventLog log = new EventLog();
        router.subscribe(ALICE, 2, log);
        assertThat(log.sequences()).containsExactly(3L, 4L);
        publish(ALICE, 3);
        assertThat(log.sequences()).isEqualTo(range(3, 7));
        assertThat(log.gaps()).isEmpty();

        EventLog all = new EventLog();
        router.subscribe(ALICE, 2, all);
        assertThat(all.sequences()).isEqualTo(range(3, 7));
        EventLog upToDate = new EventLog();
        router.subscribe(ALICE, 7, upToDate);
        assertThat(upToDate.sequences()).isEmpty();
        publish(ALICE, 1);
        assertThat(upToDate.sequences()).containsExactly(8L);
        assertThat(upToDate.gaps()).isEmpty();
    }

    @Test
    void subscribingBeforeAnyEventFromZeroGetsEverythingWithoutAGap() {
        EventLog log = new EventLog();
        router.subscribe(ALICE, 0, log);
        publish(ALICE, 3);
        assertThat(log.sequences()).isEqualTo(range(1, 3));
        assertThat(log.gaps()).isEmpty();
    }

    @Test
    void theOldestKeptEventCanStillBeReplayedButOneBeforeItIsAGap() {
        publish(ALICE, 10);
        // Events 6..10 are kept.
        EventLog fromOldest = new EventLog();
        router.subscribe(ALICE, 5, fromOldest);
        assertThat(fromOldest.sequences()).isEqualTo(range(6, 10));
        assertThat(fromOldest.gaps()).isEmpty();

        EventLog behind = new EventLog();
        router.subscribe(ALICE, 4, behind);
        assertThat(behind.gaps()).singleElement().satisfies(g -> assertThat(g).containsExactly(4L, 10L));
        assertThat(behind.sequences()).isEmpty();
        publish(ALICE, 1);
        assertThat(behind.sequences()).containsExactly(11L);
    }

    @Test
    void aSequenceNeverIssuedIsAGap() {
        publish(ALICE, 2);
        EventLog ahead = new EventLog();
        router.subscribe(ALICE, 9, ahead);
        assertThat(ahead.gaps()).singleElement().satisfies(g -> assertThat(g).containsExactly(9L, 2L));
        publish(ALICE, 1);
        assertThat(ahead.sequences()).containsExactly(3L);
    }

    @Test
    void aThrowingListenerDoesNotStopOthersOrThePublisher() {
        EventLog before = new EventLog();
        EventLog after = new EventLog();
        router.subscribe(ALICE, 0, before);
        router.subscribe(ALICE, 0, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                throw new IllegalStateException("broken subscriber");
            }

            @Override
            public void onGap(long requestedAfter, long resumeAfter) {
                throw new IllegalStateException("broken subscriber");
            }
        });
        router.subscribe(ALICE, 0, after);
        assertThat(router.publish(ALICE, T0, List.of(notice(1), notice(2)))).hasSize(2);
        assertThat(before.sequences()).containsExactly(1L, 2L);
        assertThat(after.sequences()).containsExactly(1L, 2L);

        // A replay and a gap to a broken listener do not throw at the subscriber either.
        router.subscribe(ALICE, 1, event -> {
            throw new IllegalStateException("broken on replay");
        });
        publish(ALICE, 10);
        router.subscribe(ALICE, 1, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
            }

            @Override
            public void onGap(long requestedAfter, long resumeAfter) {
                throw new IllegalStateException("broken on gap");
            }
        });
        assertThat(after.sequences()).isEqualTo(range(1, 12));
    }

    @Test
    void closeStopsDeliveryAndIsIdempotent() {
        EventLog closed = new EventLog();
        EventLog open = new EventLog();
        Subscription s = router.subscribe(ALICE, 0, closed);
        router.subscribe(ALICE, 0, open);
        publish(ALICE, 1);
        s.close();
        publish(ALICE, 1);
        s.close();
        publish(ALICE, 1);
        assertThat(closed.sequences()).containsExactly(1L);
        assertThat(open.sequences()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void closingOneOfTwoSubscriptionsOfTheSameListenerKeepsTheOther() {
        EventLog log = new EventLog();
        Subscription first = router.subscribe(ALICE, 0, log);
        router.subscribe(ALICE, 0, log);
        publish(ALICE, 1);
        first.close();
        publish(ALICE, 1);
        assertThat(log.sequences()).containsExactly(1L, 1L, 2L);
    }

    @Test
    void subscribingWhileOthersPublishMissesAndRepeatsNothing() throws Exception {
        InMemoryAgentEventRouter big = new InMemoryAgentEventRouter(CoreSettings.DEFAULTS
                .withEventsKeptPerAgent(100_000));
        int publishers = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        big.publish(ALICE, T0, List.of(notice(i)));
                    }
                    return null;
                }));
            }
            go.countDown();
            List<EventLog> logs = new ArrayList<>();
            List<Long> froms = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                long from = big.lastSequence(ALICE) / 2;
                EventLog log = new EventLog();
                big.subscribe(ALICE, from, log);
                logs.add(log);
                froms.add(from);
            }
            for (Future<?> f : futures) {
                f.get(1, TimeUnit.MINUTES);
            }
            long last = (long) publishers * each;
            assertThat(big.lastSequence(ALICE)).isEqualTo(last);
            for (int k = 0; k < logs.size(); k++) {
                assertThat(logs.get(k).sequences()).as("subscriber %d from %d", k, froms.get(k))
                        .isEqualTo(range(froms.get(k) + 1, last));
                assertThat(logs.get(k).gaps()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
