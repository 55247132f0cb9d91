package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class UiStateTest {
    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final PhoneNumberParser NUMBERS = new PhoneNumberParser("US");
    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

    private static Call call(int n, CallState state) {
        Call c = Call.outbound(CallId.of("c-" + n), ANN, null, NUMBERS.parse("+1415555" + (1000 + n)),
                T0.plusSeconds(n));
        if (state == CallState.QUEUED) {
            return c;
        }
        Call.Builder b = c.toBuilder().state(state).endStatus(EndStatus.NO_ANSWER).endedAt(T0.plusSeconds(n + 1));
        if (state == CallState.WRAPPED_UP) {
            b.outcome(CallOutcome.NONE).wrappedUpAt(T0.plusSeconds(n + 2));
        }
        return b.build();
    }

    @Test
    void aSnapshotShowsEveryOpenCallButOnlyTheLastFiveWrappedUpOnes() {
        List<Call> calls = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            calls.add(call(n, CallState.WRAPPED_UP));
        }
        calls.add(call(9, CallState.ENDED));
        calls.add(call(10, CallState.QUEUED));

        ObjectNode state = new UiState(NUMBERS).render(
                new AgentSnapshot(7, Agent.offline(ANN), calls, List.of()), List.of(), Map.of());

        List<String> ids = new ArrayList<>();
        for (JsonNode c : state.get("calls")) {
            ids.add(c.get("id").stringValue());
        }
        assertThat(ids).containsExactly("c-4", "c-5", "c-6", "c-7", "c-8", "c-9", "c-10");
        assertThat(state.get("calls").get(0).get("to").get("display").stringValue()).isEqualTo("(415) 555-1004");
    }

    @Test
    void aShortHistoryIsShownWhole() {
        List<Call> calls = List.of(call(1, CallState.WRAPPED_UP), call(2, CallState.QUEUED));
        assertThat(UiState.shown(calls)).isSameAs(calls);
    }
}
