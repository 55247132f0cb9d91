package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call Salesforce started, with the default scope (announced and completed in HubSpot too) and the narrow one. */
class CallScopeTest {

    private static List<String> callMessages(Harness h, Map<String, String> context) {
        h.logIn();
        h.readyFrame("widget");
        h.execute(new Dial(AGENT, Harness.number("+14155550100"), null, null, null, context));
        CallId call = h.engine.calls(AGENT).get(0).id();
        h.phone.answer(call, true);
        h.settle();
        h.hangUp(call);
        h.wrapUp(call, new CallOutcome("connected", "", null));
        return h.hub.messages().stream().filter(m -> m.startsWith("OUTGOING_CALL_STARTED")
                || m.startsWith("CALL_ANSWERED") || m.startsWith("CALL_ENDED") || m.startsWith("CALL_COMPLETED"))
                .toList();
    }

    @Test
    void byDefaultACallDialledFromSalesforceReachesHubSpotToo() {
        assertThat(callMessages(new Harness(), Map.of("salesforce.number", "(415) 555-0100"))).isNotEmpty()
                .anySatisfy(m -> assertThat(m).startsWith("OUTGOING_CALL_STARTED"));
    }

    @Test
    void withTheNarrowScopeACallDialledFromSalesforceStaysOutOfHubSpot() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withCallScope(CallScope.NOT_STARTED_IN_OTHER_CRMS));
        assertThat(callMessages(h, Map.of("salesforce.number", "(415) 555-0100"))).isEmpty();
    }

    @Test
    void withTheNarrowScopeAKeypadDialStillReachesHubSpot() {
        Harness h = new Harness(HubSpotSettings.DEFAULTS.withCallScope(CallScope.NOT_STARTED_IN_OTHER_CRMS));
        assertThat(callMessages(h, Map.of())).anySatisfy(m -> assertThat(m).startsWith("OUTGOING_CALL_STARTED"));
    }
}
