package io.callbridge.core.machine;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.T0;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.internal.EngineHarness;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.WorkItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (work item state × input) pair of {@link WorkItemMachine} against a table written from its javadoc ("repeats
 * of a step already taken with the same data are ignored; anything else out of order is rejected"), on the machine and,
 * for the commands, through the engine, where refused and ignored commands must change nothing.
 *
 * <p>The item in each state was matched to call {@code c-1} and logged as {@code log-1} where its state implies it.
 */
class WorkItemMachineTest {

    private static final String TABLE = """
            input         PENDING     MATCHED     LOGGED      COMPLETED   FAILED      EXPIRED
            MatchSame     >MATCHED    ign         ign         ign         ILLEGAL     ILLEGAL
            MatchOther    >MATCHED    ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            LoggedSame    ILLEGAL     >LOGGED     ign         ign         ILLEGAL     ILLEGAL
            LoggedOther   ILLEGAL     >LOGGED     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            Complete      ILLEGAL     ILLEGAL     >COMPLETED  ign         ILLEGAL     ILLEGAL
            Fail          >FAILED     >FAILED     >FAILED     ILLEGAL     ign         ILLEGAL
            ExpireBefore  ign         ign         ign         ign         ign         ign
            ExpireAt      >EXPIRED    ign         ign         ign         ign         ign
            ExpireAfter   >EXPIRED    ign         ign         ign         ign         ign
            OfferSame     ign         ign         ign         ign         ign         ign
            OfferOther    DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID
            """;

    private static final WorkItemId ID = WorkItemId.of("step-1");
    private static final CallId C1 = CallId.of("c-1");
    private static final CallId C2 = CallId.of("c-2");
    private static final PhoneNumber EXPECTED = phone("+1 415 555 1212");
    private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(30));

    private static WorkItem in(WorkItemState state) {
        WorkItem pending = WorkItem.pending(ID, ALICE, EXPECTED, CompletionTrigger.LOG_SAVED, T0, EXPIRES,
                Map.of("sf.stepId", "S1"));
        return switch (state) {
            case PENDING -> pending;
            case MATCHED -> pending.matched(C1);
            case LOGGED -> pending.matched(C1).logged("log-1");
            case COMPLETED -> pending.matched(C1).logged("log-1").completed();
            case FAILED -> pending.matched(C1).failed("CRM said no");
            case EXPIRED -> pending.expired();
        };
    }

    private sealed interface Expected {
        record Ignored() implements Expected { }

        record Rejected(ErrorCode code) implements Expected { }

        record Moves(WorkItemState to) implements Expected { }
    }

    /** A command (for an actor) or an expiry at an instant, and the item it leads to if applied. */
    private record Input(String label, @Nullable Function<AgentId, WorkCommand> command, @Nullable Instant expireAt,
            Function<WorkItem, WorkItem> next) {
    }

    private static final Map<String, Input> INPUTS = new LinkedHashMap<>();

    private static void add(String label, @Nullable Function<AgentId, WorkCommand> command, @Nullable Instant at,
            Function<WorkItem, WorkItem> next) {
        INPUTS.put(label, new Input(label, command, at, next));
    }

    static {
        add("MatchSame", a -> new WorkCommand.MatchWork(a, ID, C1), null, w -> w.matched(C1));
        add("MatchOther", a -> new WorkCommand.MatchWork(a, ID, C2), null, w -> w.matched(C2));
        add("LoggedSame", a -> new WorkCommand.MarkWorkLogged(a, ID, "log-1"), null, w -> w.logged("log-1"));
        add("LoggedOther", a -> new WorkCommand.MarkWorkLogged(a, ID, "log-2"), null, w -> w.logged("log-2"));
        add("Complete", a -> new WorkCommand.CompleteWork(a, ID), null, WorkItem::completed);
        add("Fail", a -> new WorkCommand.FailWork(a, ID, "task was deleted"), null, w -> w.failed("task was deleted"));
        add("ExpireBefore", null, EXPIRES.minusMillis(1), WorkItem::expired);
        add("ExpireAt", null, EXPIRES, WorkItem::expired);
        add("ExpireAfter", null, EXPIRES.plusSeconds(3600), WorkItem::expired);
        // The same number written differently is the same offer.
        add("OfferSame", a -> new WorkCommand.OfferWork(a, ID, phone("(415) 555-1212"), CompletionTrigger.LOG_SAVED,
                null, Map.of()), null, w -> w);
        add("OfferOther", a -> new WorkCommand.OfferWork(a, ID, phone("+1 415 555 9999"), CompletionTrigger.LOG_SAVED,
                null, Map.of()), null, w -> w);
    }

    private record Case(WorkItemState state, Input input, AgentId actor, Expected expected) {
        String name() {
            return state + " × " + input.label() + (actor.equals(ALICE) ? "" : " by another agent") + " → " + expected;
        }
    }

    static List<Case> cases() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        assertThat(Arrays.asList(lines.get(0).trim().split("\\s+")).subList(1, WorkItemState.values().length + 1))
                .containsExactlyElementsOf(Stream.of(WorkItemState.values()).map(Enum::name).toList());
        Map<String, Map<WorkItemState, Expected>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).hasSize(WorkItemState.values().length + 1);
            Map<WorkItemState, Expected> row = new EnumMap<>(WorkItemState.class);
            for (WorkItemState s : WorkItemState.values()) {
                String cell = cells[s.ordinal() + 1];
                row.put(s, switch (cell) {
                    case "ign" -> new Expected.Ignored();
                    case "ILLEGAL" -> new Expected.Rejected(ErrorCode.ILLEGAL_TRANSITION);
                    case "DUP_ID" -> new Expected.Rejected(ErrorCode.DUPLICATE_ID);
                    default -> new Expected.Moves(WorkItemState.valueOf(cell.substring(1)));
                });
            }
            assertThat(rows.put(cells[0], row)).isNull();
        }
        assertThat(rows.keySet()).containsExactlyElementsOf(INPUTS.keySet());
        List<Case> cases = new ArrayList<>();
        for (Input input : INPUTS.values()) {
            for (WorkItemState s : WorkItemState.values()) {
                cases.add(new Case(s, input, ALICE, rows.get(input.label()).get(s)));
                if (input.command() != null) {
                    cases.add(new Case(s, input, BOB, new Expected.Rejected(ErrorCode.NOT_YOUR_CALL)));
                }
            }
        }
        return cases;
    }

    @Test
    void theTableCoversEveryStateAndInput() {
        long commands = INPUTS.values().stream().filter(i -> i.command() != null).count();
        assertThat(cases()).hasSize(WorkItemState.values().length * (int) (INPUTS.size() + commands));
    }

    @TestFactory
    Stream<DynamicTest> everyPair() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            checkMachine(c);
            if (c.input().command() != null && !c.input().label().startsWith("Match")) {
                checkEngine(c);
            }
        }));
    }

    private static void checkMachine(Case c) {
        WorkItem item = in(c.state());
        Instant now = T0.plusSeconds(5);
        Transition<WorkItem> t = c.input().command() != null
                ? WorkItemMachine.apply(item, c.input().command().apply(c.actor()), now)
                : WorkItemMachine.expire(item, c.input().expireAt());
        if (c.expected() instanceof Expected.Moves m) {
            WorkItem next = c.input().next().apply(item);
            assertThat(next.state()).isEqualTo(m.to());
            assertThat(t).isEqualTo(new Transition.Applied<>(next,
                    List.of(new CoreEvent.WorkItemChanged(next, c.state())), List.of()));
        } else if (c.expected() instanceof Expected.Rejected r) {
            assertThat(t).isInstanceOfSatisfying(Transition.Rejected.class,
                    rej -> assertThat(rej.error().code()).isEqualTo(r.code()));
        } else {
            assertThat(t).isInstanceOf(Transition.Ignored.class);
        }
        if (c.input().command() != null && c.input().command().apply(c.actor()) instanceof WorkCommand.MatchWork m
                && c.actor().equals(ALICE)) {
            assertThat(WorkItemMachine.match(item, m.callId())).isEqualTo(t);
        }
    }

    private static void checkEngine(Case c) {
        EngineHarness h = new EngineHarness();
        h.advance(Duration.ofSeconds(5));
        WorkItemKey key = new WorkItemKey(ALICE, ID);
        WorkItem item = in(c.state());
        assertThat(h.work.compareAndSet(key, 0, ALICE, item)).contains(1L);
        Map<Object, Object> before = h.everything(ALICE, BOB);
        CommandResult result = h.engine.execute(c.input().command().apply(c.actor()));
        if (c.actor().equals(BOB) && c.input().label().startsWith("Offer")) {
            // Work items are per agent: Bob's offer of the same id is Bob's own new item, and Alice's is untouched.
            assertThat(result).isInstanceOf(CommandResult.Accepted.class);
            assertThat(h.work.get(key)).contains(new Versioned<>(item, 1));
            assertThat(h.router.lastSequence(ALICE)).isZero();
            return;
        }
        if (c.expected() instanceof Expected.Moves) {
            assertThat(result).isInstanceOf(CommandResult.Accepted.class);
            assertThat(h.work.get(key)).contains(new Versioned<>(c.input().next().apply(item), 2));
        } else {
            assertThat(result).isInstanceOf(c.expected() instanceof Expected.Rejected
                    ? CommandResult.Rejected.class : CommandResult.Ignored.class);
            if (c.actor().equals(BOB)) {
                // Bob's work item of the same id is another item, which he does not have.
                assertThat(((CommandResult.Rejected) result).error().code()).isIn(ErrorCode.UNKNOWN_WORK_ITEM,
                        ErrorCode.NOT_YOUR_CALL);
            }
            assertThat(h.everything(ALICE, BOB)).isEqualTo(before);
        }
    }

    @Test
    void offersRecordWhatTheCrmSent() {
        WorkCommand.OfferWork offer = new WorkCommand.OfferWork(ALICE, ID, EXPECTED, CompletionTrigger.LOG_SAVED,
                Duration.ofMinutes(5), Map.of("sf.stepId", "S1"));
        Transition<WorkItem> t = WorkItemMachine.offer(offer, T0, T0.plus(Duration.ofMinutes(5)));
        WorkItem item = WorkItem.pending(ID, ALICE, EXPECTED, CompletionTrigger.LOG_SAVED, T0,
                T0.plus(Duration.ofMinutes(5)), Map.of("sf.stepId", "S1"));
        assertThat(t).isEqualTo(new Transition.Applied<>(item, List.of(new CoreEvent.WorkItemChanged(item, null)),
                List.of()));
    }
}
