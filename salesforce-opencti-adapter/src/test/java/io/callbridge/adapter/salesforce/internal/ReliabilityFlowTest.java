package io.callbridge.adapter.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failures, timeouts, lost frames and re-attaches: every Task is saved once, under the call's invocation id. */
class ReliabilityFlowTest {
    private final SalesforceFixture f = new SalesforceFixture(OutboundFlowTest.SETTINGS);

    private CallId dialAndEnd(String session) {
        f.clickToDial(session, "{'number':'(415) 555-0100','recordId':'003000000000001AAA'}");
        CallId call = f.lastCall().id();
        f.phone().answer(call, true);
        f.hangUp(call);
        return call;
    }

    @Test
    void aSaveLogErrorIsRetriedAfterABackoffWithTheSameId() {
        f.join("tab-1").logIn();
        f.sf.failNext("saveLog", "GENERIC_ERROR");
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.call(call).crmLink("salesforce.taskId")).isEmpty();
        assertThat(f.scheduler.pendingTimers()).isEqualTo(1);

        f.advance(Duration.ofSeconds(2));

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::id, FakeSalesforce.Sent::result)
                .containsExactly(tuple("call-1:saveLog", "error GENERIC_ERROR"), tuple("call-1:saveLog", "ok"));
        assertThat(f.sf.sent("saveLog").get(0).args()).isEqualTo(f.sf.sent("saveLog").get(1).args());
        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog", "saveLog",
                "refreshView");
        assertThat(f.call(call).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
        assertThat(f.notices()).isEmpty();
    }

    @Test
    void aSaveLogSalesforceRefusesIsNotRetriedAndTheAgentIsTold() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", SalesEngagementFlowTest.W1, "(415) 555-0100");
        f.sf.failNext("saveLog", "INVALID_PARAM");
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");
        f.advance(Duration.ofMinutes(30));
        // A later frame must not try again either: the failure is recorded on the call.
        f.join("tab-2");

        assertThat(f.sf.sent("saveLog")).hasSize(1);
        assertThat(f.call(call).crmLink("salesforce.taskFailed")).hasValueSatisfying(
                r -> assertThat(r).contains("INVALID_PARAM"));
        assertThat(f.notices()).extracting(n -> n.code()).containsExactly("salesforce.TASK_NOT_SAVED");
        assertThat(f.engine().workItem(SalesforceFixture.ANN, WorkItemId.of(SalesEngagementFlowTest.W1))
                .orElseThrow().state()).isEqualTo(WorkItemState.FAILED);
        assertThat(f.sf.sent("hvs.completeWork")).isEmpty();
    }

    @Test
    void aTimedOutSaveLogIsRetriedOnAnotherFrameWithTheSameId() {
        f.join("tab-1").join("tab-2").logIn();
        f.sf.timeOutNext("saveLog");
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::id, FakeSalesforce.Sent::sessionId,
                FakeSalesforce.Sent::result).containsExactly(tuple("call-1:saveLog", "tab-1", "timeout"),
                tuple("call-1:saveLog", "tab-2", "ok"));
        assertThat(f.call(call).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
        assertThat(f.sf.sent("refreshView")).hasSize(1);
    }

    @Test
    void whenEveryFrameTimesOutTheAdapterRetriesLaterWithTheSameId() {
        f.join("tab-1").join("tab-2").logIn();
        f.sf.timeOutNext("saveLog").timeOutNext("saveLog");
        CallId call = dialAndEnd("tab-2");
        f.wrapUp(call, "interested", "");
        assertThat(f.call(call).crmLink("salesforce.taskId")).isEmpty();

        f.advance(Duration.ofSeconds(2));

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::sessionId, FakeSalesforce.Sent::result)
                .containsExactly(tuple("tab-2", "timeout"), tuple("tab-1", "timeout"), tuple("tab-2", "ok"));
        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::id).containsOnly("call-1:saveLog");
        assertThat(f.call(call).crmLink("salesforce.taskId")).isPresent();
    }

    @Test
    void aFrameThatClosesMidSaveLogHandsItToAnotherFrame() {
        f.join("tab-1").join("tab-2").logIn();
        f.sf.hangNext("saveLog");
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");
        f.drop("tab-1");

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::sessionId, FakeSalesforce.Sent::result)
                .containsExactly(tuple("tab-1", "hung"), tuple("tab-2", "ok"));
        assertThat(f.sf.sent("refreshView")).extracting(FakeSalesforce.Sent::sessionId).containsExactly("tab-2");
    }

    @Test
    void aWrapUpWithNoFrameOpenIsLoggedOnceAFrameReturns() {
        f.join("tab-1").logIn();
        CallId call = dialAndEnd("tab-1");
        f.drop("tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.sf.sent("saveLog")).isEmpty();

        f.join("tab-3");

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::sessionId).containsExactly("tab-3");
        assertThat(f.call(call).crmLink("salesforce.taskId")).isPresent();
    }

    @Test
    void aReattachAfterWrapUpSavesTheTaskExactlyOnce() {
        f.join("tab-1").logIn();
        CallId call = dialAndEnd("tab-1");
        f.closeAll();
        f.wrapUp(call, "interested", "wrapped up while Salesforce was closed");

        f.reattach("tab-7");
        assertThat(f.sf.sideEffectMethods()).containsExactly("saveLog", "refreshView");
        assertThat(f.sf.sent("saveLog").get(0).id()).isEqualTo("call-1:saveLog");

        f.closeAll();
        f.reattach("tab-8");
        f.join("tab-9");
        assertThat(f.sf.sideEffects()).isEmpty();
        assertThat(f.call(call).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
    }

    @Test
    void aReattachAfterTheTaskResumesTheWorkCompletionOnly() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", SalesEngagementFlowTest.W1, "(415) 555-0100");
        f.sf.hangNext("hvs.completeWork");
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.engine().workItem(SalesforceFixture.ANN, WorkItemId.of(SalesEngagementFlowTest.W1))
                .orElseThrow().state()).isEqualTo(WorkItemState.LOGGED);
        f.closeAll();

        f.reattach("tab-2");
        assertThat(f.sf.sideEffects()).extracting(FakeSalesforce.Sent::method, FakeSalesforce.Sent::id)
                .containsExactly(tuple("hvs.completeWork", SalesEngagementFlowTest.W1 + ":completeWork"));
        assertThat(f.engine().workItem(SalesforceFixture.ANN, WorkItemId.of(SalesEngagementFlowTest.W1))
                .orElseThrow().state()).isEqualTo(WorkItemState.COMPLETED);

        f.closeAll();
        f.reattach("tab-3");
        assertThat(f.sf.sideEffects()).isEmpty();
        f.advance(Duration.ofMinutes(10));
        assertThat(f.sf.sideEffects()).isEmpty();
    }

    /**
     * A refusal's text is kept on the call (and the failed work item) cut to the link's 255 characters; where the cut
     * falls inside an emoji, the whole emoji goes, so no unpaired surrogate reaches the store or the CRM.
     */
    @Test
    void aFailureReasonIsCutToTheLimitWithoutSplittingAnEmoji() {
        String emoji = "\uD83D\uDCDE";
        // "INVALID_PARAM " + 240 x + the emoji: the 255th character is the emoji's first half.
        String description = "x".repeat(240) + emoji;
        f.join("tab-1").logIn();
        f.workStart("tab-1", SalesEngagementFlowTest.W1, "(415) 555-0100");
        f.sf.failNext("saveLog", "INVALID_PARAM", description);
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");

        String reason = "INVALID_PARAM " + description;
        assertThat(reason).hasSize(256);
        assertThat(Character.isHighSurrogate(reason.charAt(254))).isTrue();
        assertThat(f.call(call).crmLink("salesforce.taskFailed")).contains(reason.substring(0, 254));
        assertThat(f.notices()).extracting(n -> n.code()).containsExactly("salesforce.TASK_NOT_SAVED");
        assertThat(f.notices().get(0).message()).endsWith(emoji);
    }

    @Test
    void aWorkFailureReasonIsCutWithoutSplittingAnEmoji() {
        String emoji = "\uD83D\uDCDE";
        String description = "x".repeat(240) + emoji;
        f.join("tab-1").logIn();
        f.workStart("tab-1", SalesEngagementFlowTest.W1, "(415) 555-0100");
        f.sf.failNext("hvs.completeWork", "INVALID_PARAM", description);
        CallId call = dialAndEnd("tab-1");
        f.wrapUp(call, "interested", "");

        assertThat(f.engine().workItem(SalesforceFixture.ANN, WorkItemId.of(SalesEngagementFlowTest.W1))
                .orElseThrow().failure()).isEqualTo(("INVALID_PARAM " + description).substring(0, 254));
    }
}
