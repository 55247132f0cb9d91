package io.callbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.AgentEventRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AgentEventRouter} must do, as JUnit 5 tests: consecutive per-agent sequence numbers, replay after
 * a sequence, live delivery in order with no gap and no repeat between the two, {@code onGap} when the events asked
 * for are no longer kept (or were never issued), closing. Delivery may be asynchronous (a clustered router delivers on
 * its own threads): the tests wait up to {@link #deliveryTimeout()} for what they expect, and check that nothing more
 * came by publishing a marker event and waiting for it.
 *
 * <pre>{@code
 * class MyRouterTest extends AgentEventRouterContract {
 *     @Override
 *     protected AgentEventRouter createRouter(int eventsKept) {
 *         return new MyRouter(eventsKept);   // empty, new for each test
 *     }
 * }
 * }</pre>
 */
public abstract class AgentEventRouterContract {
    protected static final AgentId ANN = AgentId.of("acme", "ann");
    protected static final AgentId BOB = AgentId.of("acme", "bob");
    protected static final AgentId ANN_OF_GLOBEX = AgentId.of("globex", "ann");
    protected static final Instant AT = Instant.parse("2026-01-01T09:00:00.000000001Z");

    /** Events kept per agent by {@link #router}, unless a test makes its own. */
    protected static final int KEPT = 64;

    private AgentEventRouter router;

    /**
     * A new router with no events yet that keeps exactly the last {@code eventsKept} events of each agent for replay
     * (core's {@code CoreSettings.eventsKeptPerAgent}).
     */
    protected abstract AgentEventRouter createRouter(int eventsKept);

    /** How long a test waits for an event it expects. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    /** The router of the current test, keeping {@link #KEPT} events. */
    protected final AgentEventRouter router() {
        return router;
    }

    @BeforeEach
    final void newRouter() {
        router = createRouter(KEPT);
    }

    // ------------------------------------------------------------------ sequences

    @Test
    void theLastSequenceIsZeroBeforeTheFirstEvent() {
        assertThat(router.lastSequence(ANN)).isZero();
    }

    @Test
    void publishNumbersEventsConsecutivelyFromOne() {
        List<CoreEvent> events = List.of(event(1), event(2), event(3));
        List<SequencedEvent> published = router.publish(ANN, AT, events);
        assertThat(published).containsExactly(new SequencedEvent(ANN, 1, AT, events.get(0)),
                new SequencedEvent(ANN, 2, AT, events.get(1)), new SequencedEvent(ANN, 3, AT, events.get(2)));
        assertThat(router.lastSequence(ANN)).isEqualTo(3);

        Instant later = AT.plusSeconds(1);
        assertThat(router.publish(ANN, later, List.of(event(4))))
                .containsExactly(new SequencedEvent(ANN, 4, later, event(4)));
        assertThat(router.lastSequence(ANN)).isEqualTo(4);
    }

    @Test
    void publishingNothingIssuesNoSequence() {
        router.publish(ANN, AT, List.of(event(1)));
        assertThat(router.publish(ANN, AT, List.of())).isEmpty();
        assertThat(router.lastSequence(ANN)).isEqualTo(1);
        assertThat(router.publish(ANN, AT, List.of(event(2)))).extracting(SequencedEvent::sequence).containsExactly(2L);
    }

    @Test
    void eachAgentHasASequenceOfItsOwn() {
        router.publish(ANN, AT, List.of(event(1), event(2)));
        assertThat(router.publish(BOB, AT, List.of(event(3)))).extracting(SequencedEvent::sequence)
                .containsExactly(1L);
        assertThat(router.publish(ANN_OF_GLOBEX, AT, List.of(event(4)))).extracting(SequencedEvent::sequence)
                .containsExactly(1L);
        assertThat(router.lastSequence(ANN)).isEqualTo(2);
        assertThat(router.lastSequence(BOB)).isEqualTo(1);
        assertThat(router.lastSequence(ANN_OF_GLOBEX)).isEqualTo(1);
    }

    @Test
    void concurrentPublishersGetDistinctConsecutiveSequences() throws Exception {
        int threads = 4;
        int batches = 40;
        AgentEventRouter r = createRouter(threads * batches * 2);
        Recorder all = new Recorder();
        r.subscribe(ANN, 0, all);
        Set<Long> issued = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int b = 0; b < batches; b++) {
                        List<CoreEvent> batch = b % 2 == 0 ? List.of(event(thread * 1000 + b))
                                : List.of(event(thread * 1000 + b), event(thread * 1000 + b + 500));
                        List<SequencedEvent> out = r.publish(ANN, AT, batch);
                        for (int i = 1; i < out.size(); i++) {
                            assertThat(out.get(i).sequence()).as("one batch is numbered consecutively")
                                    .isEqualTo(out.get(i - 1).sequence() + 1);
                        }
                        out.forEach(e -> assertThat(issued.add(e.sequence())).as("issued twice").isTrue());
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
        long total = threads * (batches / 2) * 3L;
        assertThat(issued).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(r.lastSequence(ANN)).isEqualTo(total);
        awaitExactly(r, ANN, all, LongStream.rangeClosed(1, total).toArray());
    }

    // ------------------------------------------------------------------ live delivery

    @Test
    void aSubscriberFromZeroGetsEveryNewEventInOrderAsPublished() {
        Recorder seen = new Recorder();
        router.subscribe(ANN, 0, seen);
        List<SequencedEvent> published = new ArrayList<>();
        for (int i = 1; i <= 16; i += 2) {
            published.addAll(router.publish(ANN, AT.plusMillis(i), List.of(event(i), event(i + 1))));
        }
        awaitExactly(router, ANN, seen, LongStream.rangeClosed(1, 16).toArray());
        assertThat(seen.events().subList(0, 16)).as("every kind of event arrives as it was published")
                .containsExactlyElementsOf(published);
        assertThat(seen.gaps()).isEmpty();
    }

    @Test
    void everySubscriberGetsEveryEventInOrder() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        router.subscribe(ANN, 0, first);
        router.subscribe(ANN, 0, second);
        for (int i = 1; i <= 5; i++) {
            router.publish(ANN, AT, List.of(event(i)));
        }
        awaitExactly(router, ANN, first, 1, 2, 3, 4, 5);
        awaitSequences(second, 1, 2, 3, 4, 5, 6);
        assertThat(second.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aSubscriberSeesOnlyItsOwnAgentsEvents() {
        Recorder ann = new Recorder();
        Recorder annOfGlobex = new Recorder();
        router.subscribe(ANN, 0, ann);
        router.subscribe(ANN_OF_GLOBEX, 0, annOfGlobex);
        router.publish(BOB, AT, List.of(event(1)));
        router.publish(ANN_OF_GLOBEX, AT, List.of(event(2)));
        router.publish(ANN, AT, List.of(event(3)));
        awaitExactly(router, ANN, ann, 1);
        awaitExactly(router, ANN_OF_GLOBEX, annOfGlobex, 1);
        assertThat(ann.events()).allSatisfy(e -> assertThat(e.agent()).isEqualTo(ANN));
        assertThat(ann.events().get(0).event()).isEqualTo(event(3));
    }

    @Test
    void aListenerThatThrowsStopsNeitherTheOthersNorThePublisher() {
        Recorder good = new Recorder();
        router.subscribe(ANN, 0, e -> {
            throw new IllegalStateException("a broken subscriber (deliberate, in a test)");
        });
        router.subscribe(ANN, 0, good);
        assertThat(router.publish(ANN, AT, List.of(event(1), event(2)))).hasSize(2);
        awaitExactly(router, ANN, good, 1, 2);
    }

    @Test
    void closingASubscriptionStopsDeliveryAndIsIdempotent() {
        Recorder closed = new Recorder();
        Recorder open = new Recorder();
        Subscription subscription = router.subscribe(ANN, 0, closed);
        router.subscribe(ANN, 0, open);
        router.publish(ANN, AT, List.of(event(1)));
        awaitSequences(closed, 1);

        subscription.close();
        subscription.close();
        router.publish(ANN, AT, List.of(event(2), event(3)));

        awaitExactly(router, ANN, open, 1, 2, 3);
        assertThat(closed.sequences()).containsExactly(1L);
    }

    // ------------------------------------------------------------------ replay

    @Test
    void aSubscriberReplaysTheKeptEventsAfterItsSequenceThenGetsNewOnes() {
        List<SequencedEvent> published = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            published.addAll(router.publish(ANN, AT, List.of(event(i))));
        }
        Recorder seen = new Recorder();
        router.subscribe(ANN, 2, seen);
        awaitSequences(seen, 3, 4, 5, 6);
        assertThat(seen.events()).containsExactlyElementsOf(published.subList(2, 6));

        router.publish(ANN, AT, List.of(event(7), event(8)));
        awaitExactly(router, ANN, seen, 3, 4, 5, 6, 7, 8);
        assertThat(seen.gaps()).isEmpty();
    }

    @Test
    void aSubscriberAtTheLastSequenceGetsOnlyNewEvents() {
        router.publish(ANN, AT, List.of(event(1), event(2)));
        Recorder seen = new Recorder();
        router.subscribe(ANN, 2, seen);
        router.publish(ANN, AT, List.of(event(3)));
        awaitExactly(router, ANN, seen, 3);
        assertThat(seen.gaps()).isEmpty();
    }

    @Test
    void theOldestKeptEventCanStillBeReplayed() {
        AgentEventRouter r = createRouter(4);
        for (int i = 1; i <= 10; i++) {
            r.publish(ANN, AT, List.of(event(i)));
        }
        Recorder seen = new Recorder();
        r.subscribe(ANN, 6, seen);
        awaitExactly(r, ANN, seen, 7, 8, 9, 10);
        assertThat(seen.gaps()).isEmpty();
    }

    @Test
    void aResumePointNoLongerKeptIsSignalledAsAGapBeforeAnyEvent() {
        AgentEventRouter r = createRouter(4);
        for (int i = 1; i <= 10; i++) {
            r.publish(ANN, AT, List.of(event(i)));
        }
        Recorder seen = new Recorder();
        r.subscribe(ANN, 2, seen);
        r.publish(ANN, AT, List.of(event(11), event(12)));
        awaitSequence(seen, 12);
        assertGapThenConsecutive(seen, 2, 12);
    }

    @Test
    void subscribingFromZeroAfterOldEventsWereDroppedIsAGap() {
        AgentEventRouter r = createRouter(4);
        for (int i = 1; i <= 10; i++) {
            r.publish(ANN, AT, List.of(event(i)));
        }
        Recorder seen = new Recorder();
        r.subscribe(ANN, 0, seen);
        r.publish(ANN, AT, List.of(event(11)));
        awaitSequence(seen, 11);
        assertGapThenConsecutive(seen, 0, 11);
    }

    @Test
    void aSequenceNeverIssuedIsAGap() {
        // e.g. a bridge that remembers a sequence from before the router lost its state
        router.publish(ANN, AT, List.of(event(1), event(2), event(3)));
        Recorder seen = new Recorder();
        router.subscribe(ANN, 7, seen);
        router.publish(ANN, AT, List.of(event(4)));
        awaitSequence(seen, 4);
        assertGapThenConsecutive(seen, 7, 4);
    }

    @Test
    void subscribingWhileEventsArePublishedMissesNoneAndRepeatsNone() throws Exception {
        int total = 300;
        AgentEventRouter r = createRouter(total + 10);
        r.publish(ANN, AT, List.of(event(0)));
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        List<Long> resumePoints = new CopyOnWriteArrayList<>();
        try {
            Future<?> publishing = publisher.submit(() -> {
                for (int i = 1; i < total; i++) {
                    r.publish(ANN, AT, List.of(event(i)));
                }
            });
            // Subscribe at whatever sequence is current, as a bridge resuming from a snapshot does.
            do {
                long after = r.lastSequence(ANN);
                Recorder rec = new Recorder();
                r.subscribe(ANN, after, rec);
                recorders.add(rec);
                resumePoints.add(after);
            } while (!publishing.isDone() && recorders.size() < 20);
            publishing.get(60, TimeUnit.SECONDS);
        } finally {
            publisher.shutdownNow();
        }
        for (int i = 0; i < recorders.size(); i++) {
            long after = resumePoints.get(i);
            awaitSequences(recorders.get(i), LongStream.rangeClosed(after + 1, total).toArray());
        }
        long marker = r.publish(ANN, AT, List.of(marker())).get(0).sequence();
        for (int i = 0; i < recorders.size(); i++) {
            long after = resumePoints.get(i);
            Recorder rec = recorders.get(i);
            awaitSequences(rec, LongStream.rangeClosed(after + 1, marker).toArray());
            assertThat(rec.gaps()).isEmpty();
            assertThat(rec.sequences()).as("subscribed after %s", after)
                    .containsExactlyElementsOf(LongStream.rangeClosed(after + 1, marker).boxed().toList());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Event {@code n} of a test: every kind of core event in turn, each filled with awkward text. */
    protected static CoreEvent event(int n) {
        return Samples.event(ANN, n);
    }

    private static CoreEvent marker() {
        return new CoreEvent.AgentNotice("TEST_MARKER", "nothing after this", null);
    }

    /** Waits until {@code recorder} has seen at least {@code expected} (as its first sequences). */
    protected final void awaitSequences(Recorder recorder, long... expected) {
        Eventually.await(deliveryTimeout(), () -> recorder.sequences().size() >= expected.length,
                () -> recorder.signals().toString());
        assertThat(recorder.sequences().subList(0, expected.length))
                .containsExactlyElementsOf(LongStream.of(expected).boxed().toList());
    }

    /** Waits until {@code recorder} has seen the event numbered {@code sequence}. */
    protected final void awaitSequence(Recorder recorder, long sequence) {
        Eventually.await(deliveryTimeout(), () -> recorder.sequences().contains(sequence),
                () -> recorder.signals().toString());
    }

    /**
     * Waits until {@code recorder} has seen {@code expected}, then publishes a marker and waits for it: the recorder
     * must then have seen exactly {@code expected} and the marker, nothing repeated, nothing in between.
     */
    protected final void awaitExactly(AgentEventRouter r, AgentId agent, Recorder recorder, long... expected) {
        awaitSequences(recorder, expected);
        long marker = r.publish(agent, AT, List.of(marker())).get(0).sequence();
        Eventually.await(deliveryTimeout(), () -> recorder.sequences().contains(marker),
                () -> recorder.signals().toString());
        List<Long> all = new ArrayList<>(LongStream.of(expected).boxed().toList());
        all.add(marker);
        assertThat(recorder.sequences()).containsExactlyElementsOf(all);
    }

    private static void assertGapThenConsecutive(Recorder seen, long requestedAfter, long last) {
        List<Object> signals = seen.signals();
        assertThat(signals).as("onGap comes first").first().isInstanceOf(Gap.class);
        Gap gap = (Gap) signals.get(0);
        assertThat(gap.requestedAfter()).isEqualTo(requestedAfter);
        assertThat(seen.gaps()).hasSize(1);
        assertThat(seen.sequences()).as("after the gap, every event after %s", gap.resumeAfter())
                .containsExactlyElementsOf(LongStream.rangeClosed(gap.resumeAfter() + 1, last).boxed().toList());
    }

    /** A gap signalled to a {@link Recorder}. */
    protected record Gap(long requestedAfter, long resumeAfter) { }

    /** Records what a listener is told, in order. */
    protected static final class Recorder implements AgentEventListener {
        private final List<Object> signals = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(SequencedEvent event) {
            signals.add(event);
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            signals.add(new Gap(requestedAfter, resumeAfter));
        }

        public List<Object> signals() {
            return List.copyOf(signals);
        }

        public List<SequencedEvent> events() {
            return signals.stream().filter(SequencedEvent.class::isInstance).map(SequencedEvent.class::cast).toList();
        }

        public List<Long> sequences() {
            return events().stream().map(SequencedEvent::sequence).toList();
        }

        public List<Gap> gaps() {
            return signals.stream().filter(Gap.class::isInstance).map(Gap.class::cast).toList();
        }
    }
}
