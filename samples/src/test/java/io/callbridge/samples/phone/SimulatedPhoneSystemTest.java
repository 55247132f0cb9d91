package io.callbridge.samples.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedPhoneSystemTest {
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final CallId CALL = CallId.of("c-1");

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final Instant start = clock.instant();
    private final ManualDelays delays = new ManualDelays(clock);
    private final PhoneNumberParser parser = new PhoneNumberParser("US");
    /** What the phone system reported, with the clock's offset from the start when it did. */
    private final List<String> reports = new ArrayList<>();
    private final SimulatedPhoneSystem phone = new SimulatedPhoneSystem(() -> event -> {
        reports.add(Duration.between(start, clock.instant()).toMillis() + "ms " + describe(event));
        return new CommandResult.Accepted(List.of());
    }, parser, delays);

    @Test
    void number_0100_is_answered_after_two_seconds_and_hangs_up_after_thirty() {
        phone.placeCall(CALL, ALICE, null, parser.parse("+1 555 0100"));
        delays.advance(Duration.ofMinutes(5));

        assertThat(reports).containsExactly("0ms Dialing from +14155550000", "500ms Ringing", "2000ms Answered",
                "32000ms Ended COMPLETED");
    }

    @Test
    void the_magic_numbers_match_on_their_last_seven_digits_in_any_notation() {
        assertThat(SimulatedPhoneSystem.Behaviour.of(parser.parse("(415) 555-0101").e164()))
                .isEqualTo(SimulatedPhoneSystem.Behaviour.BUSY);
        assertThat(SimulatedPhoneSystem.Behaviour.of(parser.parse("+1 555 0102").e164()))
                .isEqualTo(SimulatedPhoneSystem.Behaviour.NO_ANSWER);
        assertThat(SimulatedPhoneSystem.Behaviour.of(parser.parse("+1 415 555 1212").e164()))
                .isEqualTo(SimulatedPhoneSystem.Behaviour.DEFAULT);
    }

    @Test
    void busy_no_answer_and_failure_end_the_call_with_their_status() {
        phone.placeCall(CallId.of("busy"), ALICE, null, parser.parse("(415) 555-0101"));
        phone.placeCall(CallId.of("silent"), ALICE, null, parser.parse("(415) 555-0102"));
        phone.placeCall(CallId.of("broken"), ALICE, null, parser.parse("(415) 555-0103"));
        delays.advance(Duration.ofSeconds(20));

        assertThat(reports).containsExactly(
                "0ms Dialing from +14155550000", "0ms Dialing from +14155550000", "0ms Dialing from +14155550000",
                "500ms Ringing", "1000ms Ended BUSY", "1000ms Ended FAILED", "8000ms Ended NO_ANSWER");
        assertThat(phone.isLive(CallId.of("silent"))).isFalse();
    }

    @Test
    void a_long_call_lasts_until_the_agent_hangs_up() {
        phone.placeCall(CALL, ALICE, null, parser.parse("+14155550104"));
        delays.advance(Duration.ofHours(2));
        assertThat(phone.isLive(CALL)).isTrue();

        phone.hangUp(CALL);

        assertThat(reports).containsExactly("0ms Dialing from +14155550000", "500ms Ringing", "2000ms Answered",
                "7200000ms Ended COMPLETED");
        assertThat(delays.pending()).isZero();
    }

    @Test
    void any_other_number_is_answered_after_three_seconds() {
        phone.placeCall(CALL, ALICE, parser.parse("+14155559999"), parser.parse("+1 415 555 1212"));
        delays.advance(Duration.ofSeconds(3));

        assertThat(reports).containsExactly("0ms Dialing from +14155559999", "500ms Ringing", "3000ms Answered");
        delays.advance(Duration.ofSeconds(60));
        assertThat(reports).last().isEqualTo("63000ms Ended COMPLETED");
    }

    @Test
    void hanging_up_while_it_rings_cancels_the_call_and_the_answer_never_comes() {
        phone.placeCall(CALL, ALICE, null, parser.parse("+14155550100"));
        delays.advance(Duration.ofSeconds(1));
        phone.hangUp(CALL);
        delays.advance(Duration.ofMinutes(1));

        assertThat(reports).containsExactly("0ms Dialing from +14155550000", "500ms Ringing",
                "1000ms Ended CANCELED");
    }

    @Test
    void hold_resume_mute_and_transfer_are_confirmed() {
        phone.placeCall(CALL, ALICE, null, parser.parse("+14155550104"));
        delays.advance(Duration.ofSeconds(2));
        reports.clear();

        phone.hold(CALL);
        phone.resume(CALL);
        phone.setMuted(CALL, true);
        phone.transfer(CALL, "+14155550123");
        delays.advance(Duration.ofSeconds(1));

        assertThat(reports).containsExactly("2000ms Held", "2000ms Resumed", "2000ms Muted true",
                "2500ms Ended TRANSFERRED");
        assertThatThrownBy(() -> phone.hold(CALL)).isInstanceOf(TelephonyException.class);
    }

    @Test
    void the_refused_number_is_refused_outright() {
        assertThatThrownBy(() -> phone.placeCall(CALL, ALICE, null, parser.parse("+14155550199")))
                .isInstanceOf(TelephonyException.class);
        assertThat(reports).isEmpty();
    }

    @Test
    void an_inbound_call_rings_until_answered() {
        CallId id = phone.ring(ALICE, "(415) 555-7777");
        delays.advance(Duration.ofSeconds(5));
        phone.answer(id);
        delays.advance(Duration.ofMinutes(5));
        phone.hangUp(id);

        assertThat(reports).containsExactly("0ms Incoming +14155557777 -> +14155550000 for acme/alice",
                "5000ms Answered", "305000ms Ended COMPLETED");
    }

    @Test
    void an_inbound_call_nobody_answers_is_missed_and_a_rejected_one_is_rejected() {
        CallId missed = phone.ring(ALICE, "+44 20 7946 0000");
        CallId rejected = phone.ring(ALICE, "+1 415 555 7777");
        phone.reject(rejected);
        delays.advance(SimulatedPhoneSystem.INBOUND_RING_TIMEOUT);

        assertThat(reports).containsExactly("0ms Incoming +442079460000 -> +14155550000 for acme/alice",
                "0ms Incoming +14155557777 -> +14155550000 for acme/alice", "0ms Ended REJECTED",
                "30000ms Ended MISSED");
        assertThat(phone.isLive(missed)).isFalse();
        assertThatThrownBy(() -> phone.answer(missed)).isInstanceOf(TelephonyException.class);
    }

    @Test
    void requests_for_unknown_calls_are_refused() {
        assertThatThrownBy(() -> phone.hangUp(CallId.of("nope"))).isInstanceOf(TelephonyException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void it_lists_the_calls_it_carries_until_they_end() {
        phone.placeCall(CALL, ALICE, null, parser.parse("+14155550104"));
        CallId inbound = phone.ring(ALICE, "+1 415 555 7777");
        phone.placeCall(CallId.of("busy"), ALICE, null, parser.parse("(415) 555-0101"));
        assertThat(phone.activeCalls()).contains(Set.of(CALL, inbound, CallId.of("busy")));

        delays.advance(Duration.ofSeconds(2));
        phone.hangUp(CALL);

        assertThat(phone.activeCalls()).contains(Set.of(inbound));
    }

    @Test
    void a_phone_system_started_again_over_its_kept_lines_times_their_next_steps_from_then() {
        PhoneLines kept = PhoneLines.inMemory();
        ManualDelays killedProcessTimers = new ManualDelays(clock);
        SimulatedPhoneSystem before = phoneOn(kept, killedProcessTimers);
        before.placeCall(CallId.of("answered"), ALICE, null, parser.parse("+14155550100"));
        before.placeCall(CallId.of("silent"), ALICE, null, parser.parse("+14155550102"));
        before.placeCall(CallId.of("long"), ALICE, null, parser.parse("+14155550104"));
        CallId inbound = before.ring(ALICE, "+1 415 555 7777");
        killedProcessTimers.advance(Duration.ofSeconds(5));
        reports.clear();

        // The process is gone with its timers; a new one finds the lines where they were kept.
        SimulatedPhoneSystem after = phoneOn(kept, delays);
        after.start();
        assertThat(after.activeCalls()).contains(Set.of(CallId.of("answered"), CallId.of("silent"),
                CallId.of("long"), inbound));
        delays.advance(Duration.ofMinutes(2));

        assertThat(reports).containsExactlyInAnyOrder("13000ms Ended NO_ANSWER", "35000ms Ended COMPLETED",
                "35000ms Ended MISSED");
        assertThat(after.isLive(CallId.of("long"))).isTrue();
        after.hangUp(CallId.of("long"));
        assertThat(reports).last().isEqualTo("125000ms Ended COMPLETED");
        assertThat(after.activeCalls()).contains(Set.of());
    }

    @Test
    void two_phone_systems_on_the_same_lines_take_each_step_once() {
        PhoneLines shared = PhoneLines.inMemory();
        SimulatedPhoneSystem first = phoneOn(shared, delays);
        first.placeCall(CallId.of("answered"), ALICE, null, parser.parse("+14155550100"));
        first.placeCall(CallId.of("silent"), ALICE, null, parser.parse("+14155550102"));
        CallId inbound = first.ring(ALICE, "+1 415 555 7777");
        delays.advance(Duration.ofSeconds(5));
        reports.clear();

        // A second node starts and times the same lines again; the first node's timers are still set.
        SimulatedPhoneSystem second = phoneOn(shared, delays);
        second.start();
        delays.advance(Duration.ofMinutes(2));

        assertThat(reports).containsExactly("8000ms Ended NO_ANSWER", "30000ms Ended MISSED",
                "32000ms Ended COMPLETED");
        assertThat(second.activeCalls()).contains(Set.of());
        assertThatThrownBy(() -> first.answer(inbound)).isInstanceOf(TelephonyException.class);
    }

    private SimulatedPhoneSystem phoneOn(PhoneLines lines, Delays timers) {
        return new SimulatedPhoneSystem(() -> event -> {
            reports.add(Duration.between(start, clock.instant()).toMillis() + "ms " + describe(event));
            return new CommandResult.Accepted(List.of());
        }, parser, timers, lines);
    }

    private static String describe(ProviderEvent event) {
        if (event instanceof ProviderEvent.Dialing d) {
            return "Dialing from " + (d.from() == null ? "?" : d.from().e164());
        } else if (event instanceof ProviderEvent.Ended e) {
            return "Ended " + e.status();
        } else if (event instanceof ProviderEvent.MuteChanged m) {
            return "Muted " + m.muted();
        } else if (event instanceof ProviderEvent.Incoming i) {
            return "Incoming " + i.from().e164() + " -> " + i.to().e164() + " for " + i.agent();
        }
        return event.getClass().getSimpleName();
    }
}
