package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The flow's side effects as core's Delivery runs them: backoff by the settings' retry policy, every give-up told to
 * the agent, no attempt counted while no tab is open, a joining tab cutting waits short, and one claim per side effect
 * across agent bridges.
 */
class DeliveryFlowTest {
    private static final String W1 = SalesEngagementFlowTest.W1;

    private static SalesforceFixture fixture(RetryPolicy retry) {
        return new SalesforceFixture(OutboundFlowTest.SETTINGS.withRetry(retry));
    }

    private static CallId dialAndEnd(SalesforceFixture f, String session) {
        f.clickToDial(session, "{'number':'(415) 555-0100','recordId':'003000000000001AAA'}");
        CallId call = f.lastCall().id();
        f.phone().answer(call, true);
        f.hangUp(call);
        return call;
    }

    private static DeliveryStore store(SalesforceFixture f) {
        return f.cb.injector().getInstance(DeliveryStore.class);
    }

    @Test
    void aTaskThatKeepsFailingIsRetriedWithGrowingWaitsThenGivenUpAndTheAgentIsTold() {
        SalesforceFixture f = fixture(new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(5), 4));
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        for (int i = 0; i < 4; i++) {
            f.sf.failNext("saveLog", "GENERIC_ERROR");
        }
        CallId call = dialAndEnd(f, "tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.sf.sent("saveLog")).hasSize(1);

        // 2 s, 4 s, then 8 s capped at 5 s: each retry comes exactly when its wait is over, not a moment sooner.
        int sent = 1;
        for (Duration wait : new Duration[] {Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5)}) {
            f.advance(wait.minusMillis(1));
            assertThat(f.sf.sent("saveLog")).as("before the %s wait is over", wait).hasSize(sent);
            assertThat(f.notices()).isEmpty();
            f.advance(Duration.ofMillis(1));
            assertThat(f.sf.sent("saveLog")).as("once the %s wait is over", wait).hasSize(++sent);
        }

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::id).containsOnly("call-1:saveLog");
        assertThat(f.notices()).extracting(CoreEvent.AgentNotice::code).containsExactly("salesforce.TASK_NOT_SAVED");
        assertThat(f.notices().get(0).callId()).isEqualTo(call);
        assertThat(f.notices().get(0).message()).contains("GENERIC_ERROR scripted (gave up after 4 attempts)");
        assertThat(f.call(call).crmLink("salesforce.taskFailed")).isPresent();
        assertThat(f.engine().workItem(ANN, WorkItemId.of(W1)).orElseThrow().state()).isEqualTo(WorkItemState.FAILED);
        assertThat(f.scheduler.pendingTimers()).isZero();
        assertThat(store(f).pending(ANN)).isEmpty();

        f.advance(Duration.ofHours(1));
        f.join("tab-2");
        assertThat(f.sf.sent("saveLog")).hasSize(4);
        assertThat(f.sf.sent("hvs.completeWork")).isEmpty();
    }

    @Test
    void aScreenPopThatCannotBeDoneIsRecordedOnTheCallAndTheAgentIsTold() {
        SalesforceFixture f = fixture(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2));
        f.join("tab-1").logIn();
        f.sf.failNext("searchAndScreenPop", "SERVER_ERROR").failNext("searchAndScreenPop", "SERVER_ERROR");
        CallId call = f.phone().ring(ANN, f.numbers.parse(InboundFlowTest.CALLER), f.numbers.parse("+14155550000"));
        f.settle();
        f.advance(Duration.ofSeconds(1));

        assertThat(f.sf.sideEffectMethods()).containsExactly("searchAndScreenPop", "searchAndScreenPop");
        assertThat(f.call(call).crmLink("salesforce.screenPop")).contains("failed");
        assertThat(f.notices()).extracting(CoreEvent.AgentNotice::code).containsExactly("salesforce.SCREEN_POP_FAILED");
        assertThat(f.notices().get(0).callId()).isEqualTo(call);

        // Still ringing: a reloaded tab does not try again.
        f.drop("tab-1");
        f.join("tab-2");
        assertThat(f.sf.sideEffectMethods()).containsExactly("searchAndScreenPop", "searchAndScreenPop");
    }

    /** Before Delivery, NO_FRAME counted as a failed attempt: with two attempts allowed this Task was given up. */
    @Test
    void whileNoTabIsOpenAnOwedTaskWaitsWithoutUsingUpItsAttemptsHoweverLongItTakes() {
        SalesforceFixture f = fixture(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2));
        f.join("tab-1").logIn();
        f.sf.failNext("saveLog", "GENERIC_ERROR");
        CallId call = dialAndEnd(f, "tab-1");
        f.wrapUp(call, "interested", "");
        f.drop("tab-1");

        f.advance(Duration.ofSeconds(1)); // the retry finds no tab
        f.advance(Duration.ofHours(8));

        assertThat(f.notices()).isEmpty();
        assertThat(f.call(call).crmLink("salesforce.taskFailed")).isEmpty();
        assertThat(f.scheduler.pendingTimers()).as("waiting for a tab needs no timer").isZero();
        assertThat(store(f).get("call-1:saveLog")).hasValueSatisfying(owed -> {
            assertThat(owed.crm()).isEqualTo("salesforce");
            assertThat(owed.method()).isEqualTo("saveLog");
            assertThat(owed.attempts()).as("only the attempt a tab ran counts").isEqualTo(1);
            assertThat(owed.claimant()).isNull();
        });

        f.join("tab-2");

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::sessionId, FakeSalesforce.Sent::result)
                .containsExactly(tuple("tab-1", "error GENERIC_ERROR"), tuple("tab-2", "ok"));
        assertThat(f.call(call).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
        assertThat(f.notices()).isEmpty();
        assertThat(store(f).pending(ANN)).isEmpty();
    }

    @Test
    void aJoiningTabCutsABackoffShort() {
        SalesforceFixture f = fixture(new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(2), 8));
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        f.sf.failNext("saveLog", "SERVER_ERROR");
        CallId call = dialAndEnd(f, "tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.scheduler.pendingTimers()).isEqualTo(1);

        f.advance(Duration.ofSeconds(1));
        f.join("tab-2");

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::result)
                .containsExactly("error SERVER_ERROR", "ok");
        assertThat(f.scheduler.pendingTimers()).as("the backoff's timer is cancelled").isZero();
        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog", "saveLog",
                "hvs.completeWork", "refreshView");
        assertThat(f.engine().workItem(ANN, WorkItemId.of(W1)).orElseThrow().state())
                .isEqualTo(WorkItemState.COMPLETED);
    }

    /**
     * A second agent bridge for the same agent (attached again before the transport closed the first, or on another
     * node sharing the store) finds the Task under way: it waits for the claim instead of saving a second Task, and
     * drops it once the first bridge has saved it.
     */
    @Test
    void aBridgeAttachedAgainWhileTheTaskIsUnderWaySavesNoSecondTask() {
        SalesforceFixture f = new SalesforceFixture(OutboundFlowTest.SETTINGS);
        f.join("tab-1").join("tab-2").logIn();
        f.sf.hangNext("saveLog");
        CallId call = dialAndEnd(f, "tab-1");
        f.wrapUp(call, "interested", "");
        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::result).containsExactly("hung");

        FakeSalesforce other = new FakeSalesforce();
        AgentBridge second = f.crm.attach(ANN, other);
        FrameInfo tab7 = f.frame("tab-7");
        other.addFrame(tab7);
        second.frameJoined(tab7);
        f.settle();
        assertThat(other.sideEffects()).as("the first bridge holds the claim").isEmpty();

        f.drop("tab-1"); // the first bridge's saveLog moves to tab-2 and succeeds there
        f.advance(Duration.ofMinutes(5));

        assertThat(f.sf.sent("saveLog")).extracting(FakeSalesforce.Sent::sessionId, FakeSalesforce.Sent::result)
                .containsExactly(tuple("tab-1", "hung"), tuple("tab-2", "ok"));
        assertThat(other.sideEffects()).isEmpty();
        assertThat(f.call(call).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
        assertThat(store(f).pending(ANN)).isEmpty();
        assertThat(f.scheduler.pendingTimers()).isZero();
        second.close();
        f.settle();
    }

    @Test
    void theSettingsRetryIsThePolicyTheFlowRunsBy() {
        SalesforceFixture f = new SalesforceFixture(OutboundFlowTest.SETTINGS.withRetry(
                new SalesforceSettings.Retry(Duration.ofSeconds(3), Duration.ofSeconds(3), 2)));
        f.join("tab-1").logIn();
        f.sf.failNext("saveLog", "GENERIC_ERROR").failNext("saveLog", "GENERIC_ERROR");
        CallId call = dialAndEnd(f, "tab-1");
        f.wrapUp(call, "interested", "");
        f.advance(Duration.ofSeconds(3));

        assertThat(f.sf.sent("saveLog")).hasSize(2);
        assertThat(f.notices()).extracting(CoreEvent.AgentNotice::code).containsExactly("salesforce.TASK_NOT_SAVED");
    }
}
