package io.callbridge.core.machine;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.T0;
import static io.callbridge.core.internal.EngineHarness.callIn;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.internal.EngineHarness;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.Versioned;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (call state × direction × input) pair of {@link CallMachine}, checked against a table written from the
 * javadoc: once on the pure machine and once through {@link io.callbridge.core.internal.DefaultCallEngine}, where a
 * refused or ignored input must leave the stored call, the event streams and the phone system untouched.
 *
 * <p>Cells: {@code ign} ignored; {@code ILLEGAL} / {@code DUP_ID} rejected with ILLEGAL_TRANSITION / DUPLICATE_ID;
 * {@code >STATE} applied, moving to STATE; {@code upd} applied, state unchanged, CallUpdated; {@code !X} applied as a
 * request X to the phone system only (state and stored call unchanged, no event). Any command sent by another agent
 * than the call's is rejected with NOT_YOUR_CALL in every state (added to the table below by {@link #cases()}).
 */
class CallMachineTest {

    private static final String OUTBOUND_TABLE = """
            input          QUEUED      DIALING     RINGING     CONNECTED   HELD        ENDED       WRAPPED_UP
            Answer         ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            Reject         ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            HangUp         !HangUp     !HangUp     !HangUp     !HangUp     !HangUp     ign         ign
            Hold           ILLEGAL     ILLEGAL     ILLEGAL     !Hold       ign         ILLEGAL     ILLEGAL
            Resume         ILLEGAL     ILLEGAL     ILLEGAL     ign         !Resume     ILLEGAL     ILLEGAL
            Transfer       ILLEGAL     ILLEGAL     ILLEGAL     !Transfer   !Transfer   ILLEGAL     ILLEGAL
            MuteOn         ILLEGAL     ILLEGAL     ILLEGAL     !MuteOn     !MuteOn     ILLEGAL     ILLEGAL
            MuteOff        ILLEGAL     ILLEGAL     ILLEGAL     ign         ign         ILLEGAL     ILLEGAL
            WrapUp         ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     >WRAPPED_UP ign
            AttachRecord   upd         upd         upd         upd         upd         upd         upd
            LinkCrm        upd         upd         upd         upd         upd         upd         upd
            IncomingSame   DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID
            IncomingOther  DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID
            Dialing        >DIALING    ign         ign         ign         ign         ign         ign
            Ringing        >RINGING    >RINGING    ign         ign         ign         ign         ign
            Answered       >CONNECTED  >CONNECTED  >CONNECTED  ign         ign         ign         ign
            Held           ILLEGAL     ILLEGAL     ILLEGAL     >HELD       ign         ign         ign
            Resumed        ILLEGAL     ILLEGAL     ILLEGAL     ign         >CONNECTED  ign         ign
            MutedEvent     ILLEGAL     ILLEGAL     ILLEGAL     upd         upd         ign         ign
            UnmutedEvent   ILLEGAL     ILLEGAL     ILLEGAL     ign         ign         ign         ign
            RecordingOn    upd         upd         upd         upd         upd         ign         ign
            RecordingUrl   upd         upd         upd         upd         upd         upd         upd
            EndCOMPLETED   >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndBUSY        >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndNO_ANSWER   >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndFAILED      >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndCANCELED    >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndREJECTED    ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ign         ign
            EndMISSED      ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ign         ign
            EndTRANSFERRED >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            """;

    // Inbound calls are created RINGING; QUEUED and DIALING inbound calls cannot arise but are decided all the same.
    private static final String INBOUND_TABLE = """
            input          QUEUED      DIALING     RINGING     CONNECTED   HELD        ENDED       WRAPPED_UP
            Answer         ILLEGAL     ILLEGAL     !Answer     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            Reject         ILLEGAL     ILLEGAL     !Reject     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL
            HangUp         !HangUp     !HangUp     !Reject     !HangUp     !HangUp     ign         ign
            Hold           ILLEGAL     ILLEGAL     ILLEGAL     !Hold       ign         ILLEGAL     ILLEGAL
            Resume         ILLEGAL     ILLEGAL     ILLEGAL     ign         !Resume     ILLEGAL     ILLEGAL
            Transfer       ILLEGAL     ILLEGAL     ILLEGAL     !Transfer   !Transfer   ILLEGAL     ILLEGAL
            MuteOn         ILLEGAL     ILLEGAL     ILLEGAL     !MuteOn     !MuteOn     ILLEGAL     ILLEGAL
            MuteOff        ILLEGAL     ILLEGAL     ILLEGAL     ign         ign         ILLEGAL     ILLEGAL
            WrapUp         ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     ILLEGAL     >WRAPPED_UP ign
            AttachRecord   upd         upd         upd         upd         upd         upd         upd
            LinkCrm        upd         upd         upd         upd         upd         upd         upd
            IncomingSame   ign         ign         ign         ign         ign         ign         ign
            IncomingOther  DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID      DUP_ID
            Dialing        >DIALING    ign         ign         ign         ign         ign         ign
            Ringing        >RINGING    >RINGING    ign         ign         ign         ign         ign
            Answered       >CONNECTED  >CONNECTED  >CONNECTED  ign         ign         ign         ign
            Held           ILLEGAL     ILLEGAL     ILLEGAL     >HELD       ign         ign         ign
            Resumed        ILLEGAL     ILLEGAL     ILLEGAL     ign         >CONNECTED  ign         ign
            MutedEvent     ILLEGAL     ILLEGAL     ILLEGAL     upd         upd         ign         ign
            UnmutedEvent   ILLEGAL     ILLEGAL     ILLEGAL     ign         ign         ign         ign
            RecordingOn    upd         upd         upd         upd         upd         ign         ign
            RecordingUrl   upd         upd         upd         upd         upd         upd         upd
            EndCOMPLETED   >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndBUSY        >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndNO_ANSWER   >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndFAILED      >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndCANCELED    >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndREJECTED    >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndMISSED      >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            EndTRANSFERRED >ENDED      >ENDED      >ENDED      >ENDED      >ENDED      ign         ign
            """;

    private static final Instant NOW = T0.plusSeconds(120);
    private static final CallOutcome OUTCOME = new CallOutcome("interested", "call back Tuesday", null);
    private static final CrmRecordRef RECORD = new CrmRecordRef("hubspot", "CONTACT", "101", "Ann Lee");
    private static final URI RECORDING = URI.create("https://recordings.example/r/1.mp3");
    private static final PhoneNumber CALLER_ID = phone("+1 212 555 0199");
    private static final PhoneNumber CUSTOMER = phone("+1 415 555 1212");

    /** One input: how to make it for a call and an actor, and which fields besides the state it changes if applied. */
    private record Input(String label, boolean command, BiFunction<Call, AgentId, Object> make,
            UnaryOperator<Call.Builder> change) {
    }

    private static final Map<String, Input> INPUTS = new LinkedHashMap<>();

    private static void command(String label, BiFunction<Call, AgentId, CallCommand> make,
            UnaryOperator<Call.Builder> change) {
        INPUTS.put(label, new Input(label, true, make::apply, change));
    }

    private static void event(String label, BiFunction<Call, AgentId, ProviderEvent> make,
            UnaryOperator<Call.Builder> change) {
        INPUTS.put(label, new Input(label, false, make::apply, change));
    }

    static {
        UnaryOperator<Call.Builder> none = b -> b;
        command("Answer", (c, a) -> new CallCommand.Answer(a, c.id()), none);
        command("Reject", (c, a) -> new CallCommand.Reject(a, c.id()), none);
        command("HangUp", (c, a) -> new CallCommand.HangUp(a, c.id()), none);
        command("Hold", (c, a) -> new CallCommand.Hold(a, c.id()), none);
        command("Resume", (c, a) -> new CallCommand.Resume(a, c.id()), none);
        command("Transfer", (c, a) -> new CallCommand.Transfer(a, c.id(), "+14155550000"), none);
        command("MuteOn", (c, a) -> new CallCommand.Mute(a, c.id(), true), none);
        command("MuteOff", (c, a) -> new CallCommand.Mute(a, c.id(), false), none);
        command("WrapUp", (c, a) -> new CallCommand.WrapUp(a, c.id(), OUTCOME),
                b -> b.wrappedUpAt(NOW).outcome(OUTCOME));
        command("AttachRecord", (c, a) -> new CallCommand.AttachRecord(a, c.id(), RECORD), b -> b.record(RECORD));
        command("LinkCrm", (c, a) -> new CallCommand.LinkCrmArtefact(a, c.id(), "hubspot.engagementId", "9001"),
                b -> b.crmLinks(Map.of("hubspot.engagementId", "9001")));
        event("IncomingSame", (c, a) -> new ProviderEvent.Incoming(c.id(), c.agent(),
                c.from() != null ? c.from() : CUSTOMER, c.to()), none);
        event("IncomingOther", (c, a) -> new ProviderEvent.Incoming(c.id(), BOB, CUSTOMER, c.to()), none);
        event("Dialing", (c, a) -> new ProviderEvent.Dialing(c.id(), CALLER_ID), b -> b.from(CALLER_ID));
        event("Ringing", (c, a) -> new ProviderEvent.Ringing(c.id()), none);
        event("Answered", (c, a) -> new ProviderEvent.Answered(c.id()), b -> b.connectedAt(NOW));
        event("Held", (c, a) -> new ProviderEvent.Held(c.id()), none);
        event("Resumed", (c, a) -> new ProviderEvent.Resumed(c.id()), none);
        event("MutedEvent", (c, a) -> new ProviderEvent.MuteChanged(c.id(), true), b -> b.muted(true));
        event("UnmutedEvent", (c, a) -> new ProviderEvent.MuteChanged(c.id(), false), b -> b.muted(false));
        event("RecordingOn", (c, a) -> new ProviderEvent.RecordingChanged(c.id(), true, null), b -> b.recording(true));
        // Recordings are published after the fact: the URL is taken in every state.
        event("RecordingUrl", (c, a) -> new ProviderEvent.RecordingChanged(c.id(), false, RECORDING),
                b -> b.recording(false).recordingUrl(RECORDING));
        for (EndStatus status : EndStatus.values()) {
            event("End" + status, (c, a) -> new ProviderEvent.Ended(c.id(), status),
                    b -> b.endStatus(status).endedAt(NOW).muted(false).recording(false));
        }
    }

    private sealed interface Expected {
        record Ignored() implements Expected { }

        record Rejected(ErrorCode code) implements Expected { }

        record Moves(CallState to) implements Expected { }

        record Updates() implements Expected { }

        record Requests(String request) implements Expected { }
    }

    private record Case(Direction direction, CallState state, Input input, AgentId actor, Expected expected) {
        String name() {
            return direction + " " + state + " × " + input.label() + (actor.equals(ALICE) ? "" : " by another agent")
                    + " → " + expected;
        }
    }

    private static Expected parseCell(String cell) {
        if (cell.equals("ign")) {
            return new Expected.Ignored();
        } else if (cell.equals("upd")) {
            return new Expected.Updates();
        } else if (cell.equals("ILLEGAL")) {
            return new Expected.Rejected(ErrorCode.ILLEGAL_TRANSITION);
        } else if (cell.equals("DUP_ID")) {
            return new Expected.Rejected(ErrorCode.DUPLICATE_ID);
        } else if (cell.startsWith(">")) {
            return new Expected.Moves(CallState.valueOf(cell.substring(1)));
        } else if (cell.startsWith("!")) {
            return new Expected.Requests(cell.substring(1));
        }
        throw new IllegalArgumentException("bad cell " + cell);
    }

    /** The table as (input label → state → expected), checked to name every state and every input exactly once. */
    private static Map<String, Map<CallState, Expected>> parse(String table) {
        List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        assertThat(header.subList(1, header.size()))
                .containsExactlyElementsOf(Stream.of(CallState.values()).map(Enum::name).toList());
        Map<String, Map<CallState, Expected>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as("row %s", cells[0]).hasSize(CallState.values().length + 1);
            Map<CallState, Expected> row = new EnumMap<>(CallState.class);
            for (CallState s : CallState.values()) {
                row.put(s, parseCell(cells[s.ordinal() + 1]));
            }
            assertThat(rows.put(cells[0], row)).as("row %s appears twice", cells[0]).isNull();
        }
        assertThat(rows.keySet()).containsExactlyElementsOf(INPUTS.keySet());
        return rows;
    }

    static List<Case> cases() {
        Map<Direction, Map<String, Map<CallState, Expected>>> tables = Map.of(
                Direction.OUTBOUND, parse(OUTBOUND_TABLE), Direction.INBOUND, parse(INBOUND_TABLE));
        List<Case> cases = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (Input input : INPUTS.values()) {
                for (CallState s : CallState.values()) {
                    cases.add(new Case(d, s, input, ALICE, tables.get(d).get(input.label()).get(s)));
                    if (input.command()) {
                        cases.add(new Case(d, s, input, BOB, new Expected.Rejected(ErrorCode.NOT_YOUR_CALL)));
                    }
                }
            }
        }
        return cases;
    }

    @Test
    void theTableCoversEveryStateDirectionAndInput() {
        long commands = INPUTS.values().stream().filter(Input::command).count();
        long events = INPUTS.size() - commands;
        // Every CallCommand type and every ProviderEvent type is an input (Mute twice, Ended once per status).
        assertThat(INPUTS.values().stream().filter(Input::command)
                .map(i -> i.make().apply(callIn(CallId.of("x"), ALICE, Direction.OUTBOUND, CallState.QUEUED), ALICE))
                        .<Class<?>>map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(CallCommand.class.getPermittedSubclasses());
        assertThat(INPUTS.values().stream().filter(i -> !i.command())
                .map(i -> i.make().apply(callIn(CallId.of("x"), ALICE, Direction.OUTBOUND, CallState.QUEUED), ALICE))
                        .<Class<?>>map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(ProviderEvent.class.getPermittedSubclasses());
        assertThat(commands).isEqualTo(CallCommand.class.getPermittedSubclasses().length + 1);
        assertThat(events).isEqualTo(ProviderEvent.class.getPermittedSubclasses().length - 1
                + EndStatus.values().length + 3);
        assertThat(cases()).hasSize(CallState.values().length * Direction.values().length
                * (int) (events + 2 * commands));
    }

    @TestFactory
    Stream<DynamicTest> everyPairOnTheMachine() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkMachine(c)));
    }

    @TestFactory
    Stream<DynamicTest> everyPairThroughTheEngine() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkEngine(c)));
    }

    private static Call expectedNext(Case c, Call before) {
        CallState to = c.expected() instanceof Expected.Moves m ? m.to() : before.state();
        return c.input().change().apply(before.toBuilder().state(to)).build();
    }

    private static ProviderRequest expectedRequest(String name, CallId id) {
        return switch (name) {
            case "Answer" -> new ProviderRequest.AnswerCall(id);
            case "Reject" -> new ProviderRequest.RejectCall(id);
            case "HangUp" -> new ProviderRequest.HangUpCall(id);
            case "Hold" -> new ProviderRequest.HoldCall(id);
            case "Resume" -> new ProviderRequest.ResumeCall(id);
            case "Transfer" -> new ProviderRequest.TransferCall(id, "+14155550000");
            case "MuteOn" -> new ProviderRequest.SetMuted(id, true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Transition<Call> applyOnMachine(Call call, Object input) {
        return input instanceof CallCommand cmd ? CallMachine.apply(call, cmd, NOW)
                : CallMachine.apply(call, (ProviderEvent) input, NOW);
    }

    private static void checkMachine(Case c) {
        Call before = callIn(CallId.of("c-1"), ALICE, c.direction(), c.state());
        Transition<Call> t = applyOnMachine(before, c.input().make().apply(before, c.actor()));
        Expected e = c.expected();
        if (e instanceof Expected.Ignored) {
            assertThat(t).isInstanceOf(Transition.Ignored.class);
        } else if (e instanceof Expected.Rejected r) {
            assertThat(t).isInstanceOf(Transition.Rejected.class);
            assertThat(((Transition.Rejected<Call>) t).error().code()).isEqualTo(r.code());
        } else if (e instanceof Expected.Requests r) {
            assertThat(t).isEqualTo(new Transition.Applied<>(before, List.of(),
                    List.of(expectedRequest(r.request(), before.id()))));
        } else if (e instanceof Expected.Moves) {
            Call next = expectedNext(c, before);
            assertThat(t).isEqualTo(new Transition.Applied<>(next,
                    List.of(new CoreEvent.CallStateChanged(next, before.state())), List.of()));
        } else {
            Call next = expectedNext(c, before);
            assertThat(next).isNotEqualTo(before);
            assertThat(t).isEqualTo(new Transition.Applied<>(next, List.of(new CoreEvent.CallUpdated(next)),
                    List.of()));
        }
    }

    private static void checkEngine(Case c) {
        EngineHarness h = new EngineHarness();
        h.advance(java.time.Duration.between(T0, NOW));
        Versioned<Call> stored = h.put(callIn(CallId.of("c-1"), ALICE, c.direction(), c.state()));
        Call before = stored.value();
        Map<Object, Object> everythingBefore = h.everything(ALICE, BOB);
        Object input = c.input().make().apply(before, c.actor());
        CommandResult result = input instanceof CallCommand cmd ? h.engine.execute(cmd)
                : h.engine.report((ProviderEvent) input);
        Expected e = c.expected();
        if (e instanceof Expected.Ignored) {
            assertThat(result).isInstanceOf(CommandResult.Ignored.class);
            assertThat(h.everything(ALICE, BOB)).isEqualTo(everythingBefore);
        } else if (e instanceof Expected.Rejected r) {
            assertThat(result).isInstanceOfSatisfying(CommandResult.Rejected.class,
                    rej -> assertThat(rej.error().code()).isEqualTo(r.code()));
            assertThat(h.everything(ALICE, BOB)).isEqualTo(everythingBefore);
        } else if (e instanceof Expected.Requests r) {
            assertThat(result).isEqualTo(new CommandResult.Accepted(List.of()));
            assertThat(h.stored(before.id())).isEqualTo(stored);
            assertThat(h.router.lastSequence(ALICE)).isZero();
            assertThat(h.provider.requests()).containsExactly(expectedRequest(r.request(), before.id()));
        } else {
            Call next = expectedNext(c, before);
            CoreEvent event = e instanceof Expected.Moves ? new CoreEvent.CallStateChanged(next, before.state())
                    : new CoreEvent.CallUpdated(next);
            assertThat(h.stored(before.id())).isEqualTo(new Versioned<>(next, 2));
            assertThat(result).isInstanceOfSatisfying(CommandResult.Accepted.class, a -> {
                assertThat(a.events()).isNotEmpty();
                assertThat(a.events().get(0)).isEqualTo(new SequencedEvent(ALICE, 1, NOW, event));
                assertThat(a.events().stream().skip(1).map(SequencedEvent::event))
                        .allMatch(x -> x instanceof CoreEvent.AgentChanged);
                assertThat(a.events().stream().map(SequencedEvent::sequence))
                        .containsExactlyElementsOf(Stream.iterate(1L, i -> i + 1).limit(a.events().size()).toList());
            });
            assertThat(h.router.lastSequence(ALICE)).isEqualTo(
                    ((CommandResult.Accepted) result).events().size());
            assertThat(h.provider.requests()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ details the table cannot show

    @Test
    void wrapUpKeepsTheRecordingUrlTheProviderReportedWhenTheOutcomeHasNone() {
        Call ended = callIn(CallId.of("c-1"), ALICE, Direction.OUTBOUND, CallState.ENDED).toBuilder()
                .recordingUrl(RECORDING).build();
        Transition<Call> t = CallMachine.apply(ended, new CallCommand.WrapUp(ALICE, ended.id(), OUTCOME), NOW);
        assertThat(t).isInstanceOfSatisfying(Transition.Applied.class, a -> assertThat(((Call) a.next()).outcome())
                .isEqualTo(new CallOutcome("interested", "call back Tuesday", RECORDING)));

        URI own = URI.create("https://crm.example/own.mp3");
        Transition<Call> t2 = CallMachine.apply(ended,
                new CallCommand.WrapUp(ALICE, ended.id(), new CallOutcome(null, null, own)), NOW);
        assertThat(t2).isInstanceOfSatisfying(Transition.Applied.class,
                a -> assertThat(((Call) a.next()).outcome().recordingUrl()).isEqualTo(own));
    }

    @Test
    void repeatedCrmLinksAndRecordsAreIgnoredAndOtherKeysAreKept() {
        Call call = callIn(CallId.of("c-1"), ALICE, Direction.OUTBOUND, CallState.CONNECTED).toBuilder()
                .crmLinks(Map.of("hubspot.engagementId", "9001")).record(RECORD).build();
        assertThat(CallMachine.apply(call,
                new CallCommand.LinkCrmArtefact(ALICE, call.id(), "hubspot.engagementId", "9001"), NOW))
                .isInstanceOf(Transition.Ignored.class);
        assertThat(CallMachine.apply(call, new CallCommand.AttachRecord(ALICE, call.id(), RECORD), NOW))
                .isInstanceOf(Transition.Ignored.class);
        Transition<Call> t = CallMachine.apply(call,
                new CallCommand.LinkCrmArtefact(ALICE, call.id(), "salesforce.taskId", "00T1"), NOW);
        assertThat(t).isInstanceOfSatisfying(Transition.Applied.class, a -> assertThat(((Call) a.next()).crmLinks())
                .isEqualTo(Map.of("hubspot.engagementId", "9001", "salesforce.taskId", "00T1")));
        Transition<Call> changed = CallMachine.apply(call,
                new CallCommand.LinkCrmArtefact(ALICE, call.id(), "hubspot.engagementId", "9002"), NOW);
        assertThat(changed).isInstanceOfSatisfying(Transition.Applied.class,
                a -> assertThat(((Call) a.next()).crmLink("hubspot.engagementId")).contains("9002"));
    }

    @Test
    void muteCommandsAndEventsOnAMutedCallAreTheMirrorImage() {
        Call muted = callIn(CallId.of("c-1"), ALICE, Direction.INBOUND, CallState.CONNECTED).toBuilder()
                .muted(true).build();
        assertThat(CallMachine.apply(muted, new CallCommand.Mute(ALICE, muted.id(), true), NOW))
                .isInstanceOf(Transition.Ignored.class);
        assertThat(CallMachine.apply(muted, new CallCommand.Mute(ALICE, muted.id(), false), NOW))
                .isEqualTo(new Transition.Applied<>(muted, List.of(),
                        List.of(new ProviderRequest.SetMuted(muted.id(), false))));
        assertThat(CallMachine.apply(muted, new ProviderEvent.MuteChanged(muted.id(), true), NOW))
                .isInstanceOf(Transition.Ignored.class);
        Call unmuted = muted.toBuilder().muted(false).build();
        assertThat(CallMachine.apply(muted, new ProviderEvent.MuteChanged(muted.id(), false), NOW))
                .isEqualTo(new Transition.Applied<>(unmuted, List.of(new CoreEvent.CallUpdated(unmuted)), List.of()));
    }

    @Test
    void endingALiveCallThatWasMutedAndRecordingClearsBothFlags() {
        Call call = callIn(CallId.of("c-1"), ALICE, Direction.OUTBOUND, CallState.HELD).toBuilder()
                .muted(true).recording(true).build();
        Transition<Call> t = CallMachine.apply(call, new ProviderEvent.Ended(call.id(), EndStatus.COMPLETED), NOW);
        assertThat(t).isInstanceOfSatisfying(Transition.Applied.class, a -> {
            Call next = (Call) a.next();
            assertThat(next.muted()).isFalse();
            assertThat(next.recording()).isFalse();
            assertThat(next.connectedAt()).isEqualTo(call.connectedAt());
            assertThat(next.talkTime(NOW)).isEqualTo(java.time.Duration.between(call.connectedAt(), NOW));
        });
    }

    @Test
    void dialingWithoutACallerIdKeepsTheOneTheDialAsked() {
        Call queued = Call.outbound(CallId.of("c-1"), ALICE, CALLER_ID, CUSTOMER, T0);
        Transition<Call> t = CallMachine.apply(queued, new ProviderEvent.Dialing(queued.id(), null), NOW);
        assertThat(t).isInstanceOfSatisfying(Transition.Applied.class,
                a -> assertThat(((Call) a.next()).from()).isEqualTo(CALLER_ID));
    }

    @Test
    void startCreatesAQueuedOutboundCallAndAsksToPlaceIt() {
        Dial dial = new Dial(ALICE, CUSTOMER, CALLER_ID, null, RECORD, Map.of("hubspot.objectId", "101"));
        Transition<Call> t = CallMachine.start(dial, CallId.of("c-9"), NOW);
        Call call = Call.outbound(CallId.of("c-9"), ALICE, CALLER_ID, CUSTOMER, NOW).toBuilder().record(RECORD)
                .crmContext(Map.of("hubspot.objectId", "101")).build();
        assertThat(t).isEqualTo(new Transition.Applied<>(call, List.of(new CoreEvent.CallCreated(call)),
                List.of(new ProviderRequest.PlaceCall(call.id(), ALICE, CALLER_ID, CUSTOMER))));

        ProviderEvent.Incoming incoming = new ProviderEvent.Incoming(CallId.of("c-8"), ALICE, CUSTOMER, CALLER_ID);
        Call inbound = Call.inbound(CallId.of("c-8"), ALICE, CUSTOMER, CALLER_ID, NOW);
        assertThat(CallMachine.start(incoming, NOW)).isEqualTo(
                new Transition.Applied<>(inbound, List.of(new CoreEvent.CallCreated(inbound)), List.of()));
    }

    @Test
    void theCallRecordRefusesValuesThatBreakItsInvariants() {
        Call connected = callIn(CallId.of("c-1"), ALICE, Direction.OUTBOUND, CallState.CONNECTED);
        assertThatThrownBy(() -> connected.toBuilder().connectedAt(null).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connected.toBuilder().endStatus(EndStatus.COMPLETED).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connected.toBuilder().state(CallState.ENDED).build())
                .isInstanceOf(IllegalArgumentException.class);
        // Call's javadoc: outcome (and wrappedUpAt) are set exactly when the state is WRAPPED_UP.
        assertThatThrownBy(() -> connected.toBuilder().state(CallState.ENDED).endStatus(EndStatus.BUSY)
                .endedAt(NOW).outcome(OUTCOME).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connected.toBuilder().state(CallState.ENDED).endStatus(EndStatus.BUSY)
                .endedAt(NOW).wrappedUpAt(NOW).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connected.toBuilder().outcome(OUTCOME).build())
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> links = new HashMap<>(Map.of("a.b", "1"));
        Call copy = connected.toBuilder().crmLinks(links).build();
        links.put("c.d", "2");
        assertThat(copy.crmLinks()).containsOnlyKeys("a.b");
    }
}
