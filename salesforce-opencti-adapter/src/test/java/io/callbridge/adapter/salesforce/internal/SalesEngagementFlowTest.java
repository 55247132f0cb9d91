package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.FakeSalesforce.json;
import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.testkit.FakePhoneSystem;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** hvs.onWorkStart + click-to-dial, in either order → Task → hvs.completeWork exactly once. */
class SalesEngagementFlowTest {
    static final String W1 = "0Q3000000000001AAA";
    static final String W2 = "0Q3000000000002AAA";
    static final String LEAD = "00Q000000000001AAA";

    private final SalesforceFixture f = new SalesforceFixture(OutboundFlowTest.SETTINGS);

    private WorkItem work(String id) {
        return f.engine().workItem(ANN, WorkItemId.of(id)).orElseThrow();
    }

    private void talkAndWrapUp(CallId call, String disposition) {
        f.phone().answer(call, true);
        f.advance(Duration.ofSeconds(30));
        f.hangUp(call);
        f.wrapUp(call, disposition, "notes");
    }

    private void assertCompletedWithTask(String workId, String taskId, String disposition, boolean connected) {
        assertThat(f.sf.sent("hvs.completeWork")).hasSize(1);
        FakeSalesforce.Sent complete = f.sf.sent("hvs.completeWork").get(0);
        assertThat(complete.args()).isEqualTo(json("{'workId':'" + workId + "','attributes':{'disposition':'"
                + disposition + "','taskId':'" + taskId + "','wasConnected':" + connected + "}}"));
        assertThat(work(workId).state()).isEqualTo(WorkItemState.COMPLETED);
        assertThat(work(workId).logId()).isEqualTo(taskId);
    }

    @Test
    void workFirstThenDialCompletesTheWorkAfterTheTaskIsSaved() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        assertThat(work(W1).state()).isEqualTo(WorkItemState.PENDING);
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + LEAD + "','objectType':'Lead'}");
        CallId call = f.lastCall().id();
        assertThat(f.call(call).workItem()).isEqualTo(WorkItemId.of(W1));

        talkAndWrapUp(call, "interested");

        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog",
                "hvs.completeWork", "refreshView");
        assertThat(f.sf.sent("hvs.completeWork").get(0).id()).isEqualTo(W1 + ":completeWork");
        assertCompletedWithTask(W1, "00T000000000001AAA", "Meaningful Connect", true);
        assertThat(f.sf.sent("saveLog").get(0).args().get("value").get("WhoId").stringValue()).isEqualTo(LEAD);
    }

    @Test
    void dialFirstThenWorkIsMatchedAllTheSame() {
        f.join("tab-1").logIn();
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + LEAD + "','objectType':'Lead'}");
        CallId call = f.lastCall().id();
        f.workStart("tab-1", W1, "+1 415-555-0100");
        assertThat(f.call(call).workItem()).isEqualTo(WorkItemId.of(W1));

        talkAndWrapUp(call, "voicemail");

        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog",
                "hvs.completeWork", "refreshView");
        assertCompletedWithTask(W1, "00T000000000001AAA", "Left Voicemail", true);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FakePhoneSystem.Script.class, names = {"BUSY", "NO_ANSWER", "FAIL"})
    void aCallThatNeverConnectedIsLoggedAndCompletedWithWasConnectedFalse(FakePhoneSystem.Script script) {
        f.phone().script("+14155550100", script);
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + LEAD + "','objectType':'Lead'}");
        CallId call = f.lastCall().id();
        f.wrapUp(call, null, null);

        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog",
                "hvs.completeWork", "refreshView");
        assertThat(f.sf.sent("saveLog").get(0).args().get("value")).isEqualTo(json("{'entityApiName':'Task',"
                + "'TaskSubtype':'Call','Subject':'Outbound call (415) 555-0100','CallType':'Outbound',"
                + "'CallDurationInSeconds':0,'CallObject':'call-1','WhoId':'" + LEAD + "','Status':'Completed',"
                + "'ActivityDate':'2026-01-01','CallDisposition':'Call Back Later'}"));
        assertCompletedWithTask(W1, "00T000000000001AAA", "Call Back Later", false);
    }

    @Test
    void twoPendingWorksAreEachCompletedByTheCallToTheirNumber() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        f.workStart("tab-1", W2, "(415) 555-0101");

        f.clickToDial("tab-1", "{'number':'(415) 555-0101'}");
        CallId second = f.lastCall().id();
        talkAndWrapUp(second, "interested");
        assertThat(work(W2).state()).isEqualTo(WorkItemState.COMPLETED);
        assertThat(work(W1).state()).isEqualTo(WorkItemState.PENDING);

        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        CallId first = f.lastCall().id();
        talkAndWrapUp(first, "voicemail");

        assertThat(f.sf.sent("hvs.completeWork")).extracting(s -> s.args().get("workId").stringValue())
                .containsExactly(W2, W1);
        assertThat(f.sf.sent("hvs.completeWork")).extracting(s -> s.args().get("attributes").get("taskId")
                .stringValue()).containsExactly("00T000000000001AAA", "00T000000000002AAA");
        assertThat(work(W1).state()).isEqualTo(WorkItemState.COMPLETED);
        assertThat(f.sf.ui().get("salesforce.work")).contains("\"state\":\"COMPLETED\"").doesNotContain("PENDING");
    }

    @Test
    void aDialWithoutWorkIsAnOrdinaryCall() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0199");
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        talkAndWrapUp(f.lastCall().id(), "interested");

        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog", "refreshView");
        assertThat(work(W1).state()).isEqualTo(WorkItemState.PENDING);
    }

    @Test
    void workThatNoCallFulfilsExpiresAndTheAgentIsTold() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        assertThat(f.sf.ui().get("salesforce.work")).contains(W1).contains("PENDING");

        f.advance(Duration.ofMinutes(31));
        f.engine().housekeeping();
        f.settle();

        assertThat(work(W1).state()).isEqualTo(WorkItemState.EXPIRED);
        assertThat(f.notices()).extracting(n -> n.code()).containsExactly("salesforce.WORK_EXPIRED");
        assertThat(f.notices().get(0).message()).contains("(415) 555-0100").contains(W1);
        assertThat(f.sf.ui().get("salesforce.work")).contains("EXPIRED");
        assertThat(f.sf.sideEffects()).isEmpty();

        // A call after expiry is an ordinary call: nothing to complete.
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        talkAndWrapUp(f.lastCall().id(), "interested");
        assertThat(f.sf.sent("hvs.completeWork")).isEmpty();
    }

    @Test
    void aTransientCompletionFailureIsRetriedWithBackoffUnderTheSameId() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        f.sf.failNext("hvs.completeWork", "SERVER_ERROR");
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        talkAndWrapUp(f.lastCall().id(), "interested");
        assertThat(f.sf.sent("hvs.completeWork")).hasSize(1);
        assertThat(work(W1).state()).isEqualTo(WorkItemState.LOGGED);

        f.advance(Duration.ofMillis(1999));
        assertThat(f.sf.sent("hvs.completeWork")).hasSize(1);
        f.advance(Duration.ofMillis(1));

        assertThat(f.sf.sent("hvs.completeWork")).extracting(FakeSalesforce.Sent::id, FakeSalesforce.Sent::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(W1 + ":completeWork", "error SERVER_ERROR"),
                        org.assertj.core.groups.Tuple.tuple(W1 + ":completeWork", "ok"));
        assertThat(work(W1).state()).isEqualTo(WorkItemState.COMPLETED);
        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog",
                "hvs.completeWork", "hvs.completeWork", "refreshView");
    }

    @Test
    void retriesRunOutThenTheWorkFailsAndTheAgentIsTold() {
        SalesforceFixture g = new SalesforceFixture(OutboundFlowTest.SETTINGS.withRetry(
                new SalesforceSettings.Retry(Duration.ofSeconds(1), Duration.ofSeconds(10), 3)));
        g.join("tab-1").logIn();
        g.workStart("tab-1", W1, "(415) 555-0100");
        g.sf.failNext("hvs.completeWork", "GENERIC_ERROR").failNext("hvs.completeWork", "GENERIC_ERROR")
                .timeOutNext("hvs.completeWork");
        g.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        CallId call = g.lastCall().id();
        g.hangUp(call);
        g.wrapUp(call, "interested", "");
        g.advance(Duration.ofSeconds(1));
        g.advance(Duration.ofSeconds(2));
        g.advance(Duration.ofMinutes(10));

        assertThat(g.sf.sent("hvs.completeWork")).extracting(FakeSalesforce.Sent::result)
                .containsExactly("error GENERIC_ERROR", "error GENERIC_ERROR", "timeout");
        assertThat(g.engine().workItem(ANN, WorkItemId.of(W1)).orElseThrow().state()).isEqualTo(WorkItemState.FAILED);
        assertThat(g.notices()).extracting(n -> n.code()).containsExactly("salesforce.WORK_NOT_COMPLETED");
        assertThat(g.sf.sideEffectMethods()).endsWith("refreshView");
    }

    @Test
    void anInvalidParameterFailsTheWorkAtOnce() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        f.sf.failNext("hvs.completeWork", "INVALID_PARAM");
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        talkAndWrapUp(f.lastCall().id(), "interested");
        f.advance(Duration.ofMinutes(10));

        assertThat(f.sf.sent("hvs.completeWork")).hasSize(1);
        assertThat(work(W1).state()).isEqualTo(WorkItemState.FAILED);
        assertThat(f.notices()).extracting(n -> n.code()).containsExactly("salesforce.WORK_NOT_COMPLETED");
    }

    @Test
    void aWorkStartWithoutANumberIsRefusedNamingTheField() {
        f.join("tab-1").logIn();
        assertThatThrownBy(() -> f.event("tab-1", "hvs.onWorkStart",
                "{'workId':'" + W1 + "','completeWorkWhen':'TaskSaved','attributes':{}}"))
                .isInstanceOfSatisfying(BridgeInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BridgeInputException.Kind.MISSING_FIELD);
                    assertThat(e.field()).isEqualTo("attributes.to");
                });
        assertThatThrownBy(() -> f.event("tab-1", "hvs.onWorkStart",
                "{'workId':'" + W1 + "','completeWorkWhen':'CallEnded','attributes':{'to':'4155550100'}}"))
                .isInstanceOfSatisfying(BridgeInputException.class,
                        e -> assertThat(e.field()).isEqualTo("completeWorkWhen"));
        f.settle();
        assertThat(f.engine().workItems(ANN)).isEmpty();
    }
}
