package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.ProviderEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the engine pairs offered work with the agent's outbound calls to the same number. */
class DefaultCallEngineWorkMatchingTest {
    private static final PhoneNumber ANN = phone("+1 415 555 1212");
    private static final PhoneNumber BEN = phone("+1 212 555 0147");
    private static final Duration WINDOW = CoreSettings.DEFAULTS.workMatchWindow();

    private final EngineHarness h = EngineHarness.concurrentCalls();
    private final EventLog log = new EventLog();

    @BeforeEach
    void logIn() {
        h.logIn(ALICE);
        h.engine.subscribe(ALICE, 0, log);
    }

    private CommandResult offer(String id, PhoneNumber number, @Nullable Duration ttl) {
        return h.engine.execute(new WorkCommand.OfferWork(ALICE, WorkItemId.of(id), number,
                CompletionTrigger.LOG_SAVED, ttl, Map.of()));
    }

    private CallId dial(String text) {
        CommandResult r = h.engine.execute(Dial.to(ALICE, phone(text)));
        return r.createdCall().orElseThrow().id();
    }

    private WorkItem work(String id) {
        return h.engine.workItem(ALICE, WorkItemId.of(id)).orElseThrow();
    }

    private Call call(CallId id) {
        return h.engine.call(id).orElseThrow();
    }

    private void assertMatched(String workId, CallId callId) {
        assertThat(work(workId).state()).isEqualTo(WorkItemState.MATCHED);
        assertThat(work(workId).call()).isEqualTo(callId);
        assertThat(call(callId).workItem()).isEqualTo(WorkItemId.of(workId));
    }

    private void assertUnmatched(String workId, CallId callId) {
        assertThat(work(workId).state()).isEqualTo(WorkItemState.PENDING);
        assertThat(work(workId).call()).isNull();
        assertThat(call(callId).workItem()).isNull();
    }

    @Test
    void workFirstThenADialToTheSameNumberWrittenDifferently() {
        offer("w1", ANN, null);
        h.advance(Duration.ofSeconds(30));
        CommandResult r = h.engine.execute(Dial.to(ALICE, phone("(415) 555-1212")));
        CallId id = r.createdCall().orElseThrow().id();
        assertMatched("w1", id);
        assertThat(((CommandResult.Accepted) r).events()).map(SequencedEvent::event)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CoreEvent.WorkItemChanged.class, w -> {
                    assertThat(w.item().state()).isEqualTo(WorkItemState.MATCHED);
                    assertThat(w.previous()).isEqualTo(WorkItemState.PENDING);
                }))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CoreEvent.CallUpdated.class,
                        u -> assertThat(u.call().workItem()).isEqualTo(WorkItemId.of("w1"))));
        assertThat(log.sequences()).isEqualTo(java.util.stream.LongStream.rangeClosed(1, log.sequences().size())
                .boxed().toList());
    }

    @Test
    void dialFirstThenWork() {
        CallId id = dial("+14155551212");
        h.advance(Duration.ofSeconds(30));
        CommandResult r = offer("w1", ANN, null);
        assertMatched("w1", id);
        assertThat(((CommandResult.Accepted) r).events()).map(SequencedEvent::event)
                .filteredOn(CoreEvent.WorkItemChanged.class::isInstance)
                .map(e -> ((CoreEvent.WorkItemChanged) e).previous())
                .containsExactly(null, WorkItemState.PENDING);
    }

    @Test
    void twoPendingWorksForDifferentNumbersEachTakeTheirOwnCall() {
        offer("for-ann", ANN, null);
        offer("for-ben", BEN, null);
        CallId toBen = dial("212-555-0147");
        assertMatched("for-ben", toBen);
        assertThat(work("for-ann").state()).isEqualTo(WorkItemState.PENDING);
        CallId toAnn = dial("415 555 1212");
        assertMatched("for-ann", toAnn);
    }

    @Test
    void theSameNumberTwiceMatchesTheOldestWorkFirst() {
        offer("older", ANN, null);
        h.advance(Duration.ofSeconds(10));
        offer("newer", ANN, null);
        h.advance(Duration.ofSeconds(10));
        CallId first = dial("+14155551212");
        assertMatched("older", first);
        assertThat(work("newer").state()).isEqualTo(WorkItemState.PENDING);
        CallId second = dial("+14155551212");
        assertMatched("newer", second);
    }

    @Test
    void newWorkTakesTheNewestUnmatchedCallToItsNumber() {
        CallId older = dial("+14155551212");
        h.advance(Duration.ofSeconds(10));
        CallId newer = dial("+14155551212");
        offer("w1", ANN, null);
        assertMatched("w1", newer);
        assertThat(call(older).workItem()).isNull();
    }

    @Test
    void workOfferedExactlyAWindowBeforeTheDialStillMatches() {
        offer("w1", ANN, null);
        h.advance(WINDOW);
        assertMatched("w1", dial("+14155551212"));
    }

    @Test
    void workOfferedLongerAgoThanTheWindowIsNotMatched() {
        offer("w1", ANN, null);
        h.advance(WINDOW.plusSeconds(1));
        assertUnmatched("w1", dial("+14155551212"));
    }

    @Test
    void aCallPlacedLongerAgoThanTheWindowIsNotMatchedToNewWork() {
        CallId id = dial("+14155551212");
        h.advance(WINDOW.plusSeconds(1));
        offer("w1", ANN, null);
        assertUnmatched("w1", id);
    }

    @Test
    void workWhoseTtlRanOutIsNotMatchedEvenBeforeHousekeeping() {
        offer("w1", ANN, Duration.ofSeconds(30));
        h.advance(Duration.ofSeconds(30));
        assertUnmatched("w1", dial("+14155551212"));
    }

    @Test
    void inboundCallsAreNeverMatched() {
        offer("w1", ANN, null);
        CallId in = CallId.of("in-1");
        h.engine.report(new ProviderEvent.Incoming(in, ALICE, ANN, phone("+1 212 555 0100")));
        assertUnmatched("w1", in);

        CallId in2 = CallId.of("in-2");
        h.engine.report(new ProviderEvent.Incoming(in2, ALICE, BEN, phone("+1 212 555 0100")));
        offer("w2", BEN, null);
        assertUnmatched("w2", in2);

        var before = h.everything(ALICE);
        CommandResult r = h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w1"), in));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(h.everything(ALICE)).isEqualTo(before);
    }

    @Test
    void anotherAgentsCallToTheNumberIsNotMatched() {
        h.logIn(BOB);
        offer("w1", ANN, null);
        CallId bobs = h.engine.execute(Dial.to(BOB, ANN)).createdCall().orElseThrow().id();
        assertUnmatched("w1", bobs);
        CommandResult r = h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w1"), bobs));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.UNKNOWN_CALL));
    }

    @Test
    void housekeepingExpiresPendingWorkOnceItsTtlIsUp() {
        offer("w1", ANN, null);
        offer("short", BEN, Duration.ofMinutes(5));
        h.advance(Duration.ofMinutes(5).minusSeconds(1));
        h.engine.housekeeping();
        assertThat(work("short").state()).isEqualTo(WorkItemState.PENDING);
        h.advance(Duration.ofSeconds(1));
        long before = h.router.lastSequence(ALICE);
        h.engine.housekeeping();
        assertThat(work("short").state()).isEqualTo(WorkItemState.EXPIRED);
        assertThat(work("w1").state()).isEqualTo(WorkItemState.PENDING);
        assertThat(log.events().subList((int) before, log.events().size())).map(SequencedEvent::event)
                .containsExactly(new CoreEvent.WorkItemChanged(work("short"), WorkItemState.PENDING));

        h.advance(CoreSettings.DEFAULTS.workTtl());
        h.engine.housekeeping();
        assertThat(work("w1").state()).isEqualTo(WorkItemState.EXPIRED);
        assertThat(log.coreEvents().get(log.coreEvents().size() - 1))
                .isEqualTo(new CoreEvent.WorkItemChanged(work("w1"), WorkItemState.PENDING));
        long after = h.router.lastSequence(ALICE);
        h.engine.housekeeping();
        assertThat(h.router.lastSequence(ALICE)).as("expiring twice publishes nothing").isEqualTo(after);
    }

    @Test
    void matchedWorkDoesNotExpire() {
        offer("w1", ANN, null);
        CallId id = dial("+14155551212");
        h.advance(CoreSettings.DEFAULTS.workTtl().plusMinutes(1));
        h.engine.housekeeping();
        assertMatched("w1", id);
    }

    @Test
    void explicitMatchWork() {
        offer("w1", ANN, null);
        offer("w2", BEN, null);
        CallId other = dial("+1 650 555 0000");
        assertThat(call(other).workItem()).isNull();

        CommandResult r = h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w1"), other));
        assertThat(r).isInstanceOf(CommandResult.Accepted.class);
        assertMatched("w1", other);

        var before = h.everything(ALICE);
        assertThat(h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w1"), other)))
                .isInstanceOf(CommandResult.Ignored.class);
        assertThat(h.everything(ALICE)).isEqualTo(before);

        // The call fulfils w1 already; w2 cannot have it.
        CommandResult taken = h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w2"), other));
        assertThat(taken).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        assertThat(h.everything(ALICE)).isEqualTo(before);

        // w1 is matched already; another call cannot have it.
        CallId third = dial("+1 650 555 0001");
        var before2 = h.everything(ALICE);
        CommandResult again = h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w1"), third));
        assertThat(again).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        assertThat(h.everything(ALICE)).isEqualTo(before2);

        assertThat(h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("nope"), third)))
                .isInstanceOfSatisfying(CommandResult.Rejected.class,
                        rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.UNKNOWN_WORK_ITEM));
        assertThat(h.engine.execute(new WorkCommand.MatchWork(ALICE, WorkItemId.of("w2"), CallId.of("nope"))))
                .isInstanceOfSatisfying(CommandResult.Rejected.class,
                        rej -> assertThat(rej.error().code()).isEqualTo(ErrorCode.UNKNOWN_CALL));
        assertThat(h.everything(ALICE)).isEqualTo(before2);
    }

    @Test
    void theWholeWorkLifecycleThroughTheEngine() {
        offer("w1", ANN, null);
        CallId id = dial("+14155551212");
        assertThat(h.engine.execute(new WorkCommand.MarkWorkLogged(ALICE, WorkItemId.of("w1"), "00T1")))
                .isInstanceOf(CommandResult.Accepted.class);
        assertThat(h.engine.execute(new WorkCommand.CompleteWork(ALICE, WorkItemId.of("w1"))))
                .isInstanceOf(CommandResult.Accepted.class);
        assertThat(work("w1")).extracting(WorkItem::state, WorkItem::call, WorkItem::logId)
                .containsExactly(WorkItemState.COMPLETED, id, "00T1");
        assertThat(h.engine.execute(new WorkCommand.CompleteWork(ALICE, WorkItemId.of("w1"))))
                .isInstanceOf(CommandResult.Ignored.class);
        assertThat(h.engine.workItems(ALICE)).map(WorkItem::id).containsExactly(WorkItemId.of("w1"));
        assertThat(List.of(h.engine.snapshot(ALICE).workItems().get(0).state())).containsExactly(
                WorkItemState.COMPLETED);
    }
}
