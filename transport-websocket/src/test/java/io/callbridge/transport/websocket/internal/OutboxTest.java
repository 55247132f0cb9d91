package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** Completes writes only when told to, like a connection whose reader stalled. */
    private static final class StalledSink implements Outbox.Sink {
        final List<String> written = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();
        int closedWith;

        @Override
        public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
            written.add(text);
            pending.add(done);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        void completeAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).run();
            }
        }
    }

    @Test
    void writesInOrderOneAtATime() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 64);
        outbox.offer("a", false);
        outbox.offer("b", false);
        outbox.offer("c", true);
        assertThat(sink.written).containsExactly("a");
        sink.completeAll();
        assertThat(sink.written).containsExactly("a", "b", "c");
    }

    @Test
    void inlineCompletionsDoNotRecurse() {
        List<String> written = new ArrayList<>();
        Outbox outbox = new Outbox(new Outbox.Sink() {
            @Override
            public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
                written.add(text);
                done.run();
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 100_000);
        for (int i = 0; i < 50_000; i++) {
            outbox.offer(Integer.toString(i), false);
        }
        assertThat(written).hasSize(50_000).endsWith("49999");
    }

    @Test
    void aSlowReaderGetsTheNewestSnapshotNotABacklog() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 64);
        for (int i = 0; i < 200; i++) {
            outbox.offer("snapshot-" + i, true);
        }
        sink.completeAll();
        // The first was being written when the others came; of those only the newest waited.
        assertThat(sink.written).containsExactly("snapshot-0", "snapshot-199");
        assertThat(sink.closedWith).isZero();
    }

    @Test
    void atMostOneSnapshotWaitsHoweverFewFramesAreQueued() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 1024);
        outbox.offer("invoke-stalled", false);
        for (int i = 0; i < 100; i++) {
            outbox.offer("snapshot-" + i, true);
            outbox.offer("result-" + i, false);
        }
        assertThat(outbox.queued()).as("100 results and one snapshot").isEqualTo(101);
        sink.completeAll();
        assertThat(sink.written).filteredOn(text -> text.startsWith("snapshot")).containsExactly("snapshot-99");
        // Never ahead of a frame queued before it: invocations caused by an event go out before the state it made.
        assertThat(sink.written).hasSize(102).endsWith("result-98", "snapshot-99", "result-99");
    }

    @Test
    void aWriteThatDoesNotCompleteForTheWriteTimeoutIsStalled() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 64);
        long timeout = 5_000_000_000L;
        assertThat(outbox.stalled(System.nanoTime() + 2 * timeout, timeout)).as("nothing to write").isFalse();
        outbox.offer("a", false);
        outbox.offer("b", false);
        long started = System.nanoTime();
        assertThat(outbox.stalled(started + timeout / 2, timeout)).isFalse();
        assertThat(outbox.stalled(started + 2 * timeout, timeout)).isTrue();
        sink.pending.remove(0).run();
        // "b" is being written now, and only just started.
        assertThat(outbox.stalled(System.nanoTime() + timeout / 2, timeout)).isFalse();
        sink.completeAll();
        assertThat(outbox.stalled(System.nanoTime() + 2 * timeout, timeout)).as("all written").isFalse();
    }

    @Test
    void onlyAWriteThatDoesNotCompleteInsideTheSinkIsReportedPendingAndOnlyAfterItStarted() {
        StalledSink stalled = new StalledSink();
        List<String> reports = new ArrayList<>();
        Outbox[] box = new Outbox[1];
        box[0] = new Outbox(stalled, 64, () -> reports.add("pending, in flight: " + box[0].writeInFlight()));
        box[0].offer("a", false);
        box[0].offer("b", false);
        assertThat(reports).as("one report per write that went on after sendText returned")
                .containsExactly("pending, in flight: true");
        stalled.pending.remove(0).run();
        assertThat(reports).hasSize(2);
        stalled.completeAll();
        assertThat(box[0].writeInFlight()).isFalse();

        List<String> inline = new ArrayList<>();
        Outbox quick = new Outbox(new Outbox.Sink() {
            @Override
            public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
                done.run();
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 64, () -> inline.add("pending"));
        for (int i = 0; i < 100; i++) {
            quick.offer("x" + i, false);
        }
        assertThat(inline).as("writes completed inside sendText are never watched").isEmpty();
        assertThat(quick.writeInFlight()).isFalse();
    }

    @Test
    void aReaderThatFallsBehindOnOtherFramesIsClosedWith1013() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 64);
        for (int i = 0; i < 100; i++) {
            outbox.offer("invoke-" + i, false);
        }
        assertThat(sink.closedWith).isEqualTo(1013);
    }

    @Test
    void drainWritesWhatIsQueuedThenCloses() {
        StalledSink sink = new StalledSink();
        Outbox outbox = new Outbox(sink, 64);
        outbox.offer("a", false);
        outbox.offer("b", false);
        List<String> events = new ArrayList<>();
        outbox.drainThen(() -> events.add("closed after " + sink.written));
        outbox.offer("late", false);
        sink.completeAll();
        assertThat(events).containsExactly("closed after [a, b]");
    }
}
