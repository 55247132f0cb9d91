package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.FakeSalesforce.json;
import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings.InboundPopPolicy;
import io.callbridge.adapter.salesforce.SalesforceSettings.PopAction;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.command.CallCommand;
import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import org.junit.jupiter.api.Test;

/** An inbound call: search by the caller's number without popping, then pop by the 0 / 1 / many policy. */
class InboundFlowTest {
    static final String CALLER = "+14155550199";
    static final String ADA = "{'Id':'003000000000001AAA','Name':'Ada Lovelace','RecordType':'Contact'}";
    static final String ACME = "{'Id':'001000000000001AAA','Name':'Acme','RecordType':'Account'}";

    private final SalesforceFixture f = new SalesforceFixture(SalesforceSettings.DEFAULTS);

    private CallId ring() {
        CallId id = f.phone().ring(ANN, f.numbers.parse(CALLER), f.numbers.parse("+14155550000"));
        f.settle();
        return id;
    }

    private void assertSearchThenPop(String popArgs) {
        assertThat(f.sf.sideEffectMethods()).containsExactly("searchAndScreenPop", "screenPop");
        assertThat(f.sf.sideEffects().get(0).args())
                .isEqualTo(json("{'searchParams':'" + CALLER + "','callType':'inbound','deferred':true}"));
        assertThat(f.sf.sideEffects().get(1).args()).isEqualTo(json(popArgs));
    }

    @Test
    void noMatchOpensANewContactWithTheNumberFilledIn() {
        f.join("tab-1").logIn();
        CallId call = ring();

        assertSearchThenPop("{'type':'newRecord','params':{'entityName':'Contact','defaultFieldValues':{'Phone':'"
                + CALLER + "'}}}");
        assertThat(f.call(call).record()).isNull();
        assertThat(f.call(call).crmLink("salesforce.screenPop")).contains("done");
        // A server-side executor finds the call of each owed step by its key (and may drop it once the call is gone).
        assertThat(f.sf.sideEffects()).extracting(s -> SalesforceCallLog.callOfStep(s.id())).containsExactly(call, call);
    }

    @Test
    void onlyAScreenPopStepsKeyNamesACall() {
        CallId call = CallId.of("call-7:a");
        assertThat(SalesforceCallLog.callOfStep("call-7:a:search")).isEqualTo(call);
        assertThat(SalesforceCallLog.callOfStep("call-7:a:pop")).isEqualTo(call);
        assertThat(SalesforceCallLog.callOfStep(SalesforceCallLog.saveLogKey(call))).as("the Task: a log").isNull();
        assertThat(SalesforceCallLog.callOfStep("tab-1:setSoftphonePanelVisibility")).isNull();
        assertThat(SalesforceCallLog.callOfStep(":pop")).isNull();
        String digested = Invocation.deriveId("", "c".repeat(250), "pop");
        assertThat(SalesforceCallLog.callOfStep(digested)).as("a digest names no call").isNull();
    }

    @Test
    void oneMatchIsPoppedAndTheCallIsLoggedToIt() {
        f.sf.searchFinds(CALLER, "{'003000000000001AAA':" + ADA + "}");
        f.join("tab-1").logIn();
        CallId call = ring();

        assertSearchThenPop("{'type':'sobject','params':{'recordId':'003000000000001AAA'}}");
        assertThat(f.call(call).record())
                .isEqualTo(new CrmRecordRef("salesforce", "Contact", "003000000000001AAA", "Ada Lovelace"));

        f.engine().execute(new CallCommand.Answer(ANN, call));
        f.hangUp(call);
        f.wrapUp(call, "interested", "Called back");

        assertThat(f.sf.sideEffectMethods()).containsExactly("searchAndScreenPop", "screenPop", "saveLog",
                "refreshView");
        assertThat(f.sf.sent("saveLog").get(0).args().get("value")).isEqualTo(json("{'entityApiName':'Task',"
                + "'TaskSubtype':'Call','Subject':'Inbound call " + CALLER + "','Description':'Called back',"
                + "'CallType':'Inbound','CallDurationInSeconds':0,'CallObject':'" + call + "',"
                + "'WhoId':'003000000000001AAA','Status':'Completed','ActivityDate':'2026-01-01',"
                + "'CallDisposition':'Meaningful Connect'}"));
        // Inbound calls are never Sales Engagement work.
        assertThat(f.sf.sent("hvs.completeWork")).isEmpty();
    }

    @Test
    void manyMatchesOpenTheSearchPage() {
        f.sf.searchFinds(CALLER, "{'003000000000001AAA':" + ADA + ",'001000000000001AAA':" + ACME + "}");
        f.join("tab-1").logIn();
        CallId call = ring();

        assertSearchThenPop("{'type':'search','params':{'searchString':'" + CALLER + "'}}");
        assertThat(f.call(call).record()).isNull();
    }

    @Test
    void thePolicyIsConfigurable() {
        SalesforceFixture g = new SalesforceFixture(SalesforceSettings.DEFAULTS.withInboundPop(
                new InboundPopPolicy(PopAction.NONE, PopAction.SEARCH, PopAction.NONE, "Lead", "MobilePhone")));
        g.join("tab-1").logIn();
        CallId call = g.phone().ring(ANN, g.numbers.parse(CALLER), g.numbers.parse("+14155550000"));
        g.settle();

        assertThat(g.sf.sideEffectMethods()).containsExactly("searchAndScreenPop");
        assertThat(g.call(call).crmLink("salesforce.screenPop")).contains("none");
    }

    @Test
    void aFrameThatReloadsWhileTheCallRingsDoesNotPopItAgain() {
        f.join("tab-1").logIn();
        ring();
        f.drop("tab-1");
        f.join("tab-2");

        assertThat(f.sf.sideEffectMethods()).containsExactly("searchAndScreenPop", "screenPop");
    }
}
