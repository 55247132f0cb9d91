package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.machine.ProviderRequest;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.spi.ProviderEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenarios through the engine: presence and activity, idempotent dials, the phone system refusing, housekeeping. */
class DefaultCallEngineTest {
    private static final PhoneNumber ANN = phone("+1 415 555 1212");
    private static final PhoneNumber LINE = phone("+1 212 555 0100");

    private final EngineHarness h = new EngineHarness();

    private static void assertRejected(CommandResult r, ErrorCode code) {
        assertThat(r).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().code()).isEqualTo(code));
    }

    @Test
    void awayChosenDuringACallIsAppliedWhenTheAgentBecomesIdle() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.ON_CALL);

        h.engine.execute(new AgentCommand.SetPresence(ALICE, Presence.away("lunch")));
        assertThat(h.engine.agent(ALICE)).isEqualTo(
                new Agent(ALICE, true, Presence.AVAILABLE, Presence.away("lunch"), Activity.ON_CALL));

        h.engine.report(new ProviderEvent.Dialing(id, null));
        h.engine.report(new ProviderEvent.Answered(id));
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        assertThat(h.engine.agent(ALICE)).isEqualTo(
                new Agent(ALICE, true, Presence.AVAILABLE, Presence.away("lunch"), Activity.WRAP_UP));

        h.engine.execute(new CallCommand.WrapUp(ALICE, id, new CallOutcome("done", null, null)));
        assertThat(h.engine.agent(ALICE)).isEqualTo(
                new Agent(ALICE, true, Presence.away("lunch"), null, Activity.IDLE));
    }

    @Test
    void availableDuringACallCancelsAPendingAway() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.execute(new AgentCommand.SetPresence(ALICE, Presence.away("lunch")));
        h.engine.execute(new AgentCommand.SetPresence(ALICE, Presence.AVAILABLE));
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.NO_ANSWER));
        h.engine.execute(new CallCommand.WrapUp(ALICE, id, CallOutcome.NONE));
        assertThat(h.engine.agent(ALICE)).isEqualTo(new Agent(ALICE, true, Presence.AVAILABLE, null, Activity.IDLE));
    }

    @Test
    void logOutIsRefusedWhileACallRingsIsLiveOrWaitsForWrapUp() {
        h.logIn(ALICE);
        CallId id = CallId.of("in-1");
        h.engine.report(new ProviderEvent.Incoming(id, ALICE, ANN, LINE));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.RINGING);
        var before = h.everything(ALICE);
        assertRejected(h.engine.execute(new AgentCommand.LogOut(ALICE)), ErrorCode.AGENT_BUSY);
        assertThat(h.everything(ALICE)).isEqualTo(before);

        h.engine.report(new ProviderEvent.Answered(id));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.ON_CALL);
        assertRejected(h.engine.execute(new AgentCommand.LogOut(ALICE)), ErrorCode.AGENT_BUSY);

        h.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
        assertRejected(h.engine.execute(new AgentCommand.LogOut(ALICE)), ErrorCode.AGENT_BUSY);

        h.engine.execute(new CallCommand.WrapUp(ALICE, id, CallOutcome.NONE));
        assertThat(h.engine.execute(new AgentCommand.LogOut(ALICE))).isInstanceOf(CommandResult.Accepted.class);
        assertThat(h.engine.agent(ALICE)).isEqualTo(Agent.offline(ALICE));
    }

    @Test
    void aLoggedOutAgentCannotDialAndNothingHappens() {
        var before = h.everything(ALICE);
        assertRejected(h.engine.execute(Dial.to(ALICE, ANN)), ErrorCode.AGENT_NOT_LOGGED_IN);
        assertThat(h.everything(ALICE)).isEqualTo(before);
    }

    @Test
    void aDialWithAnIdIsIdempotentAndAnIdCannotBeReusedForAnotherCall() {
        h.logIn(ALICE);
        h.logIn(BOB);
        Dial dial = new Dial(ALICE, ANN, null, CallId.of("crm-1"), null, Map.of());
        assertThat(h.engine.execute(dial).createdCall()).isPresent();
        var before = h.everything(ALICE, BOB);
        assertThat(h.engine.execute(new Dial(ALICE, phone("(415) 555-1212"), null, CallId.of("crm-1"), null,
                Map.of()))).isInstanceOf(CommandResult.Ignored.class);
        assertRejected(h.engine.execute(new Dial(ALICE, LINE, null, CallId.of("crm-1"), null, Map.of())),
                ErrorCode.DUPLICATE_ID);
        assertRejected(h.engine.execute(new Dial(BOB, ANN, null, CallId.of("crm-1"), null, Map.of())),
                ErrorCode.DUPLICATE_ID);
        assertRejected(h.engine.report(new ProviderEvent.Incoming(CallId.of("crm-1"), ALICE, ANN, LINE)),
                ErrorCode.DUPLICATE_ID);
        assertThat(h.everything(ALICE, BOB)).isEqualTo(before);
        assertThat(h.provider.requests()).containsExactly(
                new ProviderRequest.PlaceCall(CallId.of("crm-1"), ALICE, null, ANN));
    }

    @Test
    void commandsOnUnknownCallsAreRejectedAndChangeNothing() {
        h.logIn(ALICE);
        var before = h.everything(ALICE);
        assertRejected(h.engine.execute(new CallCommand.HangUp(ALICE, CallId.of("nope"))), ErrorCode.UNKNOWN_CALL);
        assertRejected(h.engine.report(new ProviderEvent.Answered(CallId.of("nope"))), ErrorCode.UNKNOWN_CALL);
        assertRejected(h.engine.execute(null), ErrorCode.INVALID_ARGUMENT);
        assertRejected(h.engine.report(null), ErrorCode.INVALID_ARGUMENT);
        assertThat(h.everything(ALICE)).isEqualTo(before);
    }

    @Test
    void notesLongerThanTheLimitAreRejectedAndChangeNothing() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.BUSY));
        var before = h.everything(ALICE);
        String notes = "n".repeat(CoreSettings.DEFAULTS.maxNotesLength() + 1);
        CommandResult r = h.engine.execute(new CallCommand.WrapUp(ALICE, id, new CallOutcome(null, notes, null)));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Rejected.class,
                rej -> assertThat(rej.error().field()).isEqualTo("outcome.notes"));
        assertThat(h.everything(ALICE)).isEqualTo(before);
        assertThat(h.engine.execute(new CallCommand.WrapUp(ALICE, id,
                new CallOutcome(null, notes.substring(1), null)))).isInstanceOf(CommandResult.Accepted.class);
    }

    @Test
    void aRefusedPlaceCallEndsTheCallAsFailedAndTellsTheAgent() {
        h.logIn(ALICE);
        EventLog log = new EventLog();
        h.engine.subscribe(ALICE, 0, log);
        h.provider.refuseWhen(r -> r instanceof ProviderRequest.PlaceCall);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(h.engine.call(id).orElseThrow().endStatus()).isEqualTo(EndStatus.FAILED);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
        assertThat(log.coreEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                CoreEvent.AgentNotice.class, n -> assertThat(n.callId()).isEqualTo(id)));
    }

    @Test
    void aRefusedHoldTellsTheAgentAndLeavesTheCallConnected() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.report(new ProviderEvent.Answered(id));
        h.provider.refuseWhen(r -> r instanceof ProviderRequest.HoldCall);
        long seq = h.router.lastSequence(ALICE);
        h.engine.execute(new CallCommand.Hold(ALICE, id));
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.CONNECTED);
        assertThat(h.router.lastSequence(ALICE)).isEqualTo(seq + 1);
    }

    @Test
    void aPhoneSystemThatReportsFromInsideTheRequestIsServed() {
        h.logIn(ALICE);
        h.provider.reactWith(r -> {
            if (r instanceof ProviderRequest.PlaceCall p) {
                h.engine.report(new ProviderEvent.Dialing(p.callId(), LINE));
                h.engine.report(new ProviderEvent.Ringing(p.callId()));
                h.engine.report(new ProviderEvent.Answered(p.callId()));
            } else if (r instanceof ProviderRequest.HangUpCall x) {
                h.engine.report(new ProviderEvent.Ended(x.callId(), EndStatus.COMPLETED));
            }
        });
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.CONNECTED);
        assertThat(h.engine.call(id).orElseThrow().from()).isEqualTo(LINE);
        h.engine.execute(new CallCommand.HangUp(ALICE, id));
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void housekeepingForgetsWrappedUpCallsAfterTheRetention() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.NO_ANSWER));
        h.engine.execute(new CallCommand.WrapUp(ALICE, id, CallOutcome.NONE));
        h.advance(CoreSettings.DEFAULTS.callRetention());
        h.engine.housekeeping();
        assertThat(h.engine.call(id)).isPresent();
        h.advance(Duration.ofSeconds(1));
        h.engine.housekeeping();
        assertThat(h.engine.call(id)).isEmpty();
        assertThat(h.engine.calls(ALICE)).isEmpty();
    }

    @Test
    void aCallLeftInWrapUpIsWrappedUpByHousekeepingAfterTheWrapUpTimeoutAndTheAgentIsTold() {
        EngineHarness timed = new EngineHarness(CoreSettings.DEFAULTS.withAutoWrapUp(java.util.Set.of())
                .withWrapUpTimeout(Duration.ofMinutes(2)));
        timed.logIn(ALICE);
        CallId id = timed.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        timed.engine.report(new ProviderEvent.Answered(id));
        timed.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        EventLog log = new EventLog();
        timed.engine.subscribe(ALICE, timed.engine.snapshot(ALICE).sequence(), log);

        timed.advance(Duration.ofMinutes(2).minusMillis(1));
        timed.engine.housekeeping();
        assertThat(timed.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);

        timed.advance(Duration.ofMillis(1));
        timed.engine.housekeeping();
        assertThat(timed.engine.call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(timed.engine.call(id).orElseThrow().outcome()).isEqualTo(CallOutcome.NONE);
        assertThat(timed.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);
        assertThat(log.coreEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                CoreEvent.AgentNotice.class, n -> assertThat(n.code()).isEqualTo("core.WRAP_UP_TIMED_OUT")));

        timed.engine.housekeeping(); // once only
        assertThat(log.coreEvents()).filteredOn(CoreEvent.AgentNotice.class::isInstance).hasSize(1);
    }

    @Test
    void withoutAWrapUpTimeoutACallWaitsInWrapUpForTheAgent() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.NO_ANSWER));
        h.advance(Duration.ofDays(2));
        h.engine.housekeeping();
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void aWrapUpTimeoutMustBePositive() {
        assertThatThrownBy(() -> CoreSettings.DEFAULTS.withWrapUpTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrapUpTimeout");
    }

    @Test
    void aSnapshotThenASubscriptionFromItsSequenceMissesNothing() {
        h.logIn(ALICE);
        CallId id = h.engine.execute(Dial.to(ALICE, ANN)).createdCall().orElseThrow().id();
        AgentSnapshot snapshot = h.engine.snapshot(ALICE);
        assertThat(snapshot.calls()).extracting(c -> c.id()).containsExactly(id);
        EventLog log = new EventLog();
        h.engine.subscribe(ALICE, snapshot.sequence(), log);
        h.engine.report(new ProviderEvent.Answered(id));
        assertThat(log.sequences()).first().isEqualTo(snapshot.sequence() + 1);
        assertThat(log.coreEvents()).first().isInstanceOf(CoreEvent.CallStateChanged.class);
    }

    @Test
    void eachAgentSeesOnlyTheirOwnEvents() {
        h.logIn(ALICE);
        h.logIn(BOB);
        EventLog bobs = new EventLog();
        h.engine.subscribe(BOB, 0, bobs);
        int before = bobs.events().size();
        h.engine.execute(Dial.to(ALICE, ANN));
        assertThat(bobs.events()).hasSize(before);
        assertThat(bobs.events()).allMatch(e -> e.agent().equals(BOB));
    }

    @Test
    void callsAndWorkItemsAreListedOldestFirstThenByIdWhateverOrderTheyWereStoredIn() {
        Instant t0 = EngineHarness.T0;
        // Stored out of order; c-2 and c-10 share a creation time, so the id decides (as text: "c-10" < "c-2").
        h.put(Call.outbound(CallId.of("c-3"), ALICE, null, ANN, t0.plusSeconds(5)));
        h.put(Call.outbound(CallId.of("c-2"), ALICE, null, ANN, t0.plusSeconds(1)));
        h.put(Call.inbound(CallId.of("c-1"), ALICE, ANN, LINE, t0));
        h.put(Call.outbound(CallId.of("c-10"), ALICE, null, ANN, t0.plusSeconds(1)));
        h.put(Call.outbound(CallId.of("b-1"), BOB, null, ANN, t0.plusSeconds(2)));
        h.logIn(ALICE);
        for (String id : List.of("w-b", "w-a")) {
            h.engine.execute(new WorkCommand.OfferWork(ALICE, WorkItemId.of(id), phone("+1 212 555 0147"),
                    CompletionTrigger.LOG_SAVED, null, Map.of()));
        }
        h.advance(Duration.ofSeconds(1));
        h.engine.execute(new WorkCommand.OfferWork(ALICE, WorkItemId.of("w-0"), phone("+1 212 555 0147"),
                CompletionTrigger.LOG_SAVED, null, Map.of()));

        assertThat(h.engine.calls(ALICE)).extracting(c -> c.id().value())
                .containsExactly("c-1", "c-10", "c-2", "c-3");
        assertThat(h.engine.workItems(ALICE)).extracting(w -> w.id().value()).containsExactly("w-a", "w-b", "w-0");
        AgentSnapshot snapshot = h.engine.snapshot(ALICE);
        assertThat(snapshot.calls()).isEqualTo(h.engine.calls(ALICE));
        assertThat(snapshot.workItems()).isEqualTo(h.engine.workItems(ALICE));
        assertThat(h.engine.calls(BOB)).extracting(c -> c.id().value()).containsExactly("b-1");
    }
}
