package io.callbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSnapshotTest {
    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
    private static final PhoneNumber TO = new PhoneNumber("+16175550142", null, "(617) 555-0142");

    private static Call call(String id, int began, CallState state, int wrappedUp) {
        Call c = Call.outbound(CallId.of(id), ANN, null, TO, T0.plusSeconds(began));
        if (state == CallState.QUEUED) {
            return c;
        }
        Call.Builder b = c.toBuilder().state(state).endStatus(EndStatus.NO_ANSWER).endedAt(T0.plusSeconds(began + 1));
        if (state == CallState.WRAPPED_UP) {
            b.outcome(CallOutcome.NONE).wrappedUpAt(T0.plusSeconds(wrappedUp));
        }
        return b.build();
    }

    private static AgentSnapshot snapshot(List<Call> calls) {
        return new AgentSnapshot(9, Agent.offline(ANN), calls, List.of());
    }

    @Test
    void keepsEveryCallNotWrappedUpAndTheNewestWrappedUpInTheirOrder() {
        List<Call> calls = new ArrayList<>();
        calls.add(call("long", 0, CallState.WRAPPED_UP, 500)); // began first, wrapped up last of all
        for (int n = 1; n <= 6; n++) {
            calls.add(call("c-" + n, n * 10, CallState.WRAPPED_UP, n * 10 + 5));
        }
        calls.add(call("ended", 100, CallState.ENDED, 0));
        calls.add(call("live", 110, CallState.QUEUED, 0));

        AgentSnapshot kept = snapshot(calls).withNewestWrappedUp(3);

        assertThat(kept.calls()).extracting(c -> c.id().value())
                .containsExactly("long", "c-5", "c-6", "ended", "live");
        assertThat(kept.sequence()).isEqualTo(9);
        assertThat(snapshot(calls).withNewestWrappedUp(0).calls()).extracting(c -> c.id().value())
                .containsExactly("ended", "live");
    }

    @Test
    void tiesInWrapUpTimeGoByIdSoEveryNodeKeepsTheSameCalls() {
        List<Call> calls = List.of(call("b", 1, CallState.WRAPPED_UP, 50), call("a", 2, CallState.WRAPPED_UP, 50),
                call("c", 3, CallState.WRAPPED_UP, 50));
        assertThat(snapshot(calls).withNewestWrappedUp(2).calls()).extracting(c -> c.id().value())
                .containsExactly("b", "a");
    }

    @Test
    void aSnapshotWithFewEnoughIsReturnedAsItIs() {
        AgentSnapshot s = snapshot(List.of(call("a", 1, CallState.WRAPPED_UP, 5), call("b", 2, CallState.QUEUED, 0)));
        assertThat(s.withNewestWrappedUp(1)).isSameAs(s);
        assertThatThrownBy(() -> s.withNewestWrappedUp(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrappedUp");
    }
}
