package io.callbridge.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallScopeTest {
    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final PhoneNumber TO = new PhoneNumber("+14155550100", null, "(415) 555-0100");

    private static Call dialledWith(Map<String, String> context) {
        return Call.outbound(CallId.of("call-1"), ANN, null, TO, Instant.EPOCH).toBuilder().crmContext(context).build();
    }

    @Test
    void theCrmThatStartedACallIsTheNameOfItsContextKeys() {
        assertThat(CallScope.startedIn(dialledWith(Map.of("hubspot.dialingContext", "{}")))).isEqualTo("hubspot");
        assertThat(CallScope.startedIn(dialledWith(Map.of("salesforce.number", "(415) 555-0100",
                "salesforce.recordId", "003000000000001AAA")))).isEqualTo("salesforce");
        assertThat(CallScope.startedIn(dialledWith(Map.of()))).isNull();
    }

    @Test
    void allCallsCoversEveryCallAndTheNarrowScopeLeavesOutOnlyCallsOtherCrmsStarted() {
        Call fromHubSpot = dialledWith(Map.of("hubspot.dialingContext", "{}"));
        Call fromKeypad = dialledWith(Map.of());
        Call inbound = Call.inbound(CallId.of("call-2"), ANN, TO, TO, Instant.EPOCH);

        assertThat(CallScope.ALL_CALLS.covers(fromHubSpot, "salesforce")).isTrue();
        assertThat(CallScope.NOT_STARTED_IN_OTHER_CRMS.covers(fromHubSpot, "salesforce")).isFalse();
        assertThat(CallScope.NOT_STARTED_IN_OTHER_CRMS.covers(fromHubSpot, "hubspot")).isTrue();
        assertThat(CallScope.NOT_STARTED_IN_OTHER_CRMS.covers(fromKeypad, "salesforce")).isTrue();
        assertThat(CallScope.NOT_STARTED_IN_OTHER_CRMS.covers(inbound, "hubspot")).isTrue();
    }
}
