package io.callbridge.samples.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.CallId;
import io.callbridge.samples.phone.PhoneLines.Line;
import io.callbridge.samples.phone.PhoneLines.State;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link PhoneLines} does; run against the in-memory lines and against Redis. */
abstract class PhoneLinesContract {
    private static final CallId OUT = CallId.of("hubspot-acme-alice:1@out");
    private static final CallId IN = CallId.of("sim-in-1");

    /** Empty lines of a network of their own. */
    abstract PhoneLines lines();

    @Test
    void a_line_is_added_once_and_read_back_with_its_behaviour() {
        PhoneLines lines = lines();
        assertThat(lines.add(new Line(OUT, SimulatedPhoneSystem.Behaviour.LONG_CALL, State.DIALING))).isTrue();
        assertThat(lines.add(new Line(OUT, SimulatedPhoneSystem.Behaviour.BUSY, State.RINGING))).isFalse();
        assertThat(lines.add(new Line(IN, null, State.RINGING))).isTrue();

        assertThat(lines.get(OUT)).contains(new Line(OUT, SimulatedPhoneSystem.Behaviour.LONG_CALL, State.DIALING));
        assertThat(lines.get(IN)).hasValueSatisfying(l -> assertThat(l.inbound()).isTrue());
        assertThat(lines.all()).containsExactlyInAnyOrder(
                new Line(OUT, SimulatedPhoneSystem.Behaviour.LONG_CALL, State.DIALING), new Line(IN, null,
                        State.RINGING));
        assertThat(lines.get(CallId.of("unknown"))).isEmpty();
    }

    @Test
    void a_move_happens_only_from_one_of_the_expected_states() {
        PhoneLines lines = lines();
        lines.add(new Line(OUT, SimulatedPhoneSystem.Behaviour.DEFAULT, State.DIALING));

        assertThat(lines.move(OUT, EnumSet.of(State.CONNECTED), State.HELD)).isFalse();
        assertThat(lines.move(OUT, EnumSet.of(State.DIALING, State.RINGING), State.CONNECTED)).isTrue();
        assertThat(lines.move(OUT, EnumSet.of(State.DIALING, State.RINGING), State.CONNECTED))
                .as("a second timer for the same step").isFalse();
        assertThat(lines.get(OUT)).contains(new Line(OUT, SimulatedPhoneSystem.Behaviour.DEFAULT, State.CONNECTED));
        assertThat(lines.move(CallId.of("unknown"), PhoneLines.LIVE, State.HELD)).isFalse();
    }

    @Test
    void an_end_removes_the_line_once_and_tells_the_state_it_had() {
        PhoneLines lines = lines();
        lines.add(new Line(OUT, SimulatedPhoneSystem.Behaviour.DEFAULT, State.CONNECTED));

        assertThat(lines.end(OUT, Set.of(State.RINGING))).isEmpty();
        assertThat(lines.end(OUT, PhoneLines.LIVE)).contains(State.CONNECTED);
        assertThat(lines.end(OUT, PhoneLines.LIVE)).isEmpty();
        assertThat(lines.get(OUT)).isEmpty();
        assertThat(lines.all()).isEmpty();
    }

    @Test
    void inbound_numbers_never_repeat() {
        PhoneLines lines = lines();
        long first = lines.nextInboundNumber();
        assertThat(lines.nextInboundNumber()).isGreaterThan(first);
    }
}
