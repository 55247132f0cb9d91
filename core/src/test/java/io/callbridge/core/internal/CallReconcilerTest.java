package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.callIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation of stored live calls with the phone system at start. The phone system is a Mockito mock so that
 * the test sees every request core makes of it: reconciling asks it for its calls and nothing else (a call it no longer
 * has needs no hang-up).
 */
class CallReconcilerTest {
    private final EngineHarness h = new EngineHarness();
    private final TelephonyProvider phone = mock(TelephonyProvider.class);
    private final DefaultCallEngine engine = new DefaultCallEngine(h.calls, h.agents, h.work, h.router, phone, h.ids,
            h.clock, h.settings);
    private final ManualTimers timers = new ManualTimers();
    private final EventLog aliceEvents = new EventLog();
    private final EventLog bobEvents = new EventLog();

    @BeforeEach
    void agentsAreLoggedIn() {
        h.logIn(ALICE);
        h.logIn(BOB);
        h.router.subscribe(ALICE, h.router.lastSequence(ALICE), aliceEvents);
        h.router.subscribe(BOB, h.router.lastSequence(BOB), bobEvents);
    }

    @Test
    void ends_the_live_calls_the_phone_system_no_longer_has_with_a_status_that_fits_how_far_they_got() {
        h.put(callIn(id("queued"), ALICE, Direction.OUTBOUND, CallState.QUEUED));
        h.put(callIn(id("dialing"), ALICE, Direction.OUTBOUND, CallState.DIALING));
        h.put(callIn(id("ringing-out"), ALICE, Direction.OUTBOUND, CallState.RINGING));
        h.put(callIn(id("talking"), ALICE, Direction.OUTBOUND, CallState.CONNECTED));
        h.put(callIn(id("ringing-in"), BOB, Direction.INBOUND, CallState.RINGING));
        h.put(callIn(id("held-in"), BOB, Direction.INBOUND, CallState.HELD));
        h.put(callIn(id("still-talking"), BOB, Direction.OUTBOUND, CallState.CONNECTED));
        h.put(callIn(id("wrapping-up"), ALICE, Direction.OUTBOUND, CallState.ENDED));
        h.put(callIn(id("done"), ALICE, Direction.OUTBOUND, CallState.WRAPPED_UP));
        h.advance(Duration.ofMinutes(5));
        when(phone.activeCalls()).thenReturn(Optional.of(Set.of(id("still-talking"), id("unknown-to-core"))));
        Map<Object, Object> untouched = Map.of(
                "still-talking", h.stored(id("still-talking")),
                "wrapping-up", h.stored(id("wrapping-up")),
                "done", h.stored(id("done")));

        reconciler().start();

        assertThat(endStatus("queued")).isEqualTo(EndStatus.FAILED);
        assertThat(endStatus("dialing")).isEqualTo(EndStatus.FAILED);
        assertThat(endStatus("ringing-out")).isEqualTo(EndStatus.FAILED);
        assertThat(endStatus("talking")).as("it was connected").isEqualTo(EndStatus.COMPLETED);
        assertThat(endStatus("ringing-in")).as("inbound, never answered").isEqualTo(EndStatus.MISSED);
        assertThat(endStatus("held-in")).isEqualTo(EndStatus.COMPLETED);
        assertThat(Map.of(
                "still-talking", h.stored(id("still-talking")),
                "wrapping-up", h.stored(id("wrapping-up")),
                "done", h.stored(id("done")))).as("same versions: not written").isEqualTo(untouched);
        for (String gone : List.of("queued", "dialing", "ringing-out", "talking", "ringing-in", "held-in")) {
            assertThat(h.stored(id(gone)).value().state()).as(gone).isEqualTo(CallState.ENDED);
            assertThat(h.stored(id(gone)).value().endedAt()).isEqualTo(h.clock.instant());
        }
        assertThat(notices(aliceEvents)).containsExactlyInAnyOrder(id("queued"), id("dialing"), id("ringing-out"),
                id("talking"));
        assertThat(notices(bobEvents)).containsExactlyInAnyOrder(id("ringing-in"), id("held-in"));
        assertThat(engine.agent(BOB).activity()).as("still on the call the phone system carries")
                .isEqualTo(io.callbridge.core.model.Activity.ON_CALL);
        verify(phone).activeCalls();
        verifyNoMoreInteractions(phone);
        assertThat(timers.scheduled).as("nothing recent to look at again").isEmpty();
    }

    @Test
    void a_phone_system_that_cannot_tell_leaves_every_call_as_it_is() {
        // RecordingTelephonyProvider does not implement activeCalls(): the SPI's default answers.
        RecordingTelephonyProvider legacy = new RecordingTelephonyProvider();
        h.put(callIn(id("talking"), ALICE, Direction.OUTBOUND, CallState.CONNECTED));
        h.put(callIn(id("ringing-in"), BOB, Direction.INBOUND, CallState.RINGING));
        h.advance(Duration.ofMinutes(5));
        Map<Object, Object> before = h.everything(ALICE, BOB);

        new CallReconciler(h.calls, legacy, engine, timers, h.clock).start();

        assertThat(h.everything(ALICE, BOB)).isEqualTo(before);
        assertThat(legacy.requests()).isEmpty();
        assertThat(timers.scheduled).isEmpty();
    }

    @Test
    void a_phone_system_that_fails_to_answer_changes_nothing_and_does_not_stop_the_start() {
        h.put(callIn(id("talking"), ALICE, Direction.OUTBOUND, CallState.CONNECTED));
        h.advance(Duration.ofMinutes(5));
        when(phone.activeCalls()).thenThrow(new TelephonyException("switch unreachable"));
        Map<Object, Object> before = h.everything(ALICE, BOB);

        assertThatCode(() -> reconciler().start()).doesNotThrowAnyException();

        assertThat(h.everything(ALICE, BOB)).isEqualTo(before);
        verify(phone).activeCalls();
        verifyNoMoreInteractions(phone);
    }

    @Test
    void a_recent_call_is_looked_at_again_later_with_a_fresh_answer() {
        h.put(callIn(id("old"), ALICE, Direction.OUTBOUND, CallState.RINGING));
        h.advance(Duration.ofMinutes(5));
        // Stored a moment ago, e.g. by another node that has not asked the phone system to place them yet.
        h.put(recent(callIn(id("placed-later"), ALICE, Direction.OUTBOUND, CallState.QUEUED)));
        h.put(recent(callIn(id("never-placed"), BOB, Direction.OUTBOUND, CallState.QUEUED)));
        when(phone.activeCalls()).thenReturn(Optional.of(Set.of()), Optional.of(Set.of(id("placed-later"))));

        CallReconciler reconciler = reconciler();
        reconciler.start();

        assertThat(endStatus("old")).isEqualTo(EndStatus.FAILED);
        assertThat(h.stored(id("placed-later")).value().state()).isEqualTo(CallState.QUEUED);
        assertThat(h.stored(id("never-placed")).value().state()).isEqualTo(CallState.QUEUED);
        assertThat(timers.scheduled).hasSize(1);
        assertThat(timers.scheduled.get(0).delay()).isEqualTo(CallReconciler.IN_FLIGHT);

        h.advance(CallReconciler.IN_FLIGHT);
        timers.runAll();

        assertThat(h.stored(id("placed-later")).value().state()).as("the phone system has it now")
                .isEqualTo(CallState.QUEUED);
        assertThat(endStatus("never-placed")).isEqualTo(EndStatus.FAILED);
        assertThat(notices(bobEvents)).containsExactly(id("never-placed"));
        verify(phone, times(2)).activeCalls();
        verifyNoMoreInteractions(phone);
        assertThat(timers.scheduled).as("one second look, no more").isEmpty();
    }

    @Test
    void a_call_that_ended_before_the_second_look_and_a_stopped_reconciler_are_left_alone() {
        h.advance(Duration.ofMinutes(5));
        h.put(recent(callIn(id("recent"), ALICE, Direction.OUTBOUND, CallState.CONNECTED)));
        h.put(recent(callIn(id("other"), BOB, Direction.OUTBOUND, CallState.CONNECTED)));
        when(phone.activeCalls()).thenReturn(Optional.of(Set.of()));
        reconciler().start();
        assertThat(engine.report(new ProviderEvent.Ended(id("recent"), EndStatus.BUSY)))
                .isInstanceOf(io.callbridge.core.CommandResult.Accepted.class);

        h.advance(CallReconciler.IN_FLIGHT);
        timers.runAll();

        assertThat(endStatus("recent")).as("the phone system's own report stands").isEqualTo(EndStatus.BUSY);
        assertThat(notices(aliceEvents)).isEmpty();
        assertThat(endStatus("other")).isEqualTo(EndStatus.COMPLETED);

        CallReconciler stopped = reconciler();
        h.put(recent(callIn(id("third"), BOB, Direction.OUTBOUND, CallState.CONNECTED)));
        stopped.start();
        assertThat(timers.scheduled).hasSize(1);
        stopped.stop();
        assertThat(timers.cancelled).isEqualTo(1);
    }

    @Test
    void two_nodes_that_both_reconcile_end_a_call_once_and_tell_the_agent_once() {
        h.put(callIn(id("talking"), ALICE, Direction.OUTBOUND, CallState.CONNECTED));
        h.advance(Duration.ofMinutes(5));
        when(phone.activeCalls()).thenReturn(Optional.of(Set.of()));
        DefaultCallEngine otherNode = new DefaultCallEngine(h.calls, h.agents, h.work, h.router, phone, h.ids,
                h.clock, h.settings);

        reconciler().start();
        new CallReconciler(h.calls, phone, otherNode, timers, h.clock).start();

        assertThat(endStatus("talking")).isEqualTo(EndStatus.COMPLETED);
        assertThat(notices(aliceEvents)).containsExactly(id("talking"));
        assertThat(aliceEvents.coreEvents()).filteredOn(e -> e instanceof CoreEvent.CallStateChanged c
                && c.call().state() == CallState.ENDED).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private CallReconciler reconciler() {
        return new CallReconciler(h.calls, phone, engine, timers, h.clock);
    }

    private Call recent(Call call) {
        // Created three seconds ago, well within the window in which the phone system may not have it yet.
        Call.Builder b = Call.outbound(call.id(), call.agent(), call.from(), call.to(),
                h.clock.instant().minusSeconds(3)).toBuilder().state(call.state());
        if (call.connectedAt() != null) {
            b.connectedAt(h.clock.instant().minusSeconds(2));
        }
        return b.build();
    }

    private EndStatus endStatus(String call) {
        return h.stored(id(call)).value().endStatus();
    }

    private static List<CallId> notices(EventLog log) {
        return log.coreEvents().stream()
                .filter(e -> e instanceof CoreEvent.AgentNotice n && n.code().equals(CallReconciler.NOTICE))
                .map(e -> ((CoreEvent.AgentNotice) e).callId())
                .toList();
    }

    private static CallId id(String name) {
        return CallId.of(name);
    }

    private static final class ManualTimers implements BridgeScheduler {
        record Scheduled(Duration delay, Runnable task) { }

        final List<Scheduled> scheduled = new ArrayList<>();
        int cancelled;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Scheduled s = new Scheduled(delay, task);
            scheduled.add(s);
            return () -> {
                if (scheduled.remove(s)) {
                    cancelled++;
                }
            };
        }

        void runAll() {
            List<Scheduled> due = List.copyOf(scheduled);
            scheduled.clear();
            due.forEach(s -> s.task().run());
        }
    }
}
