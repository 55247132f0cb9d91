package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.PhoneNumberParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls another CRM started, with the default scope (logged here too) and with NOT_STARTED_IN_OTHER_CRMS. */
class CallScopeFlowTest {
    private static final PhoneNumberParser PHONES = new PhoneNumberParser("US");

    private static CallId dialAndWrapUp(SalesforceFixture f, Map<String, String> context) {
        f.join("tab-1").logIn();
        f.engine().execute(new Dial(ANN, PHONES.parse("+14155550100"), null, null, null, context));
        f.settle();
        CallId call = f.lastCall().id();
        f.phone().answer(call, true);
        f.settle();
        f.hangUp(call);
        f.wrapUp(call, "connected", "");
        return call;
    }

    @Test
    void byDefaultACallDialledFromHubSpotIsAlsoATaskInSalesforce() {
        SalesforceFixture f = new SalesforceFixture(SalesforceSettings.DEFAULTS);
        dialAndWrapUp(f, Map.of("hubspot.dialingContext", "{}"));
        assertThat(f.sf.sideEffectMethods()).containsExactly("saveLog", "refreshView");
    }

    @Test
    void withTheNarrowScopeACallDialledFromHubSpotStaysOutOfSalesforce() {
        SalesforceFixture f = new SalesforceFixture(SalesforceSettings.DEFAULTS
                .withCallScope(CallScope.NOT_STARTED_IN_OTHER_CRMS));
        CallId call = dialAndWrapUp(f, Map.of("hubspot.dialingContext", "{}"));
        assertThat(f.sf.sideEffectMethods()).isEmpty();
        assertThat(f.call(call).crmLink("salesforce.taskId")).isEmpty();
    }

    @Test
    void withTheNarrowScopeAKeypadDialIsStillLogged() {
        SalesforceFixture f = new SalesforceFixture(SalesforceSettings.DEFAULTS
                .withCallScope(CallScope.NOT_STARTED_IN_OTHER_CRMS));
        dialAndWrapUp(f, Map.of());
        assertThat(f.sf.sideEffectMethods()).containsExactly("saveLog", "refreshView");
    }
}
