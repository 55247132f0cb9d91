package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable outbox of the Task log: the flow parks a call's saveLog (and its matched work's hvs.completeWork) in the
 * delivery store as soon as it reconciles the call, under the keys its frame delivery uses, so that a server-side
 * executor can save the Task when no tab comes back; what that executor writes on the call
 * ({@link SalesforceCallLog#doneLinks}) is what a frame's save writes, so a tab that returns saves nothing more.
 */
class ParkedTaskLogTest {
    private static final String CONTACT = OutboundFlowTest.CONTACT;
    private static final String W1 = SalesEngagementFlowTest.W1;

    private final SalesforceFixture f = new SalesforceFixture(OutboundFlowTest.SETTINGS);
    private final DeliveryStore store = f.cb.injector().getInstance(DeliveryStore.class);

    private CallId dial() {
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + CONTACT + "','recordName':'Ada Lovelace',"
                + "'objectType':'Contact'}");
        return f.lastCall().id();
    }

    @Test
    void theTaskIsParkedAsSoonAsTheCallIsKnownAndGoneOnceTheTabSavedIt() {
        f.join("tab-1").logIn();
        CallId call = dial();
        String key = SalesforceCallLog.saveLogKey(call);

        assertThat(store.get(key)).as("parked before the call is even answered").hasValueSatisfying(owed -> {
            assertThat(owed.agent()).isEqualTo(ANN);
            assertThat(owed.crm()).isEqualTo(SalesforceCallLog.CRM);
            assertThat(owed.method()).isEqualTo(SalesforceCallLog.SAVE_LOG);
            assertThat(owed.argsJson()).isEqualTo("{}");
            assertThat(owed.claimant()).isNull();
        });
        assertThat(store.owedBy(SalesforceCallLog.CRM, 10)).extracting(OwedDelivery::key).containsExactly(key);
        assertThat(SalesforceCallLog.readyToLog(f.call(call))).isFalse();

        f.phone().answer(call, true);
        f.advance(Duration.ofSeconds(95));
        f.hangUp(call);
        assertThat(store.get(key)).isPresent();
        f.wrapUp(call, "interested", "Talked pricing");

        assertThat(f.sf.sent("saveLog")).hasSize(1);
        assertThat(store.get(key)).as("the tab's delivery finished the parked entry").isEmpty();
        assertThat(store.pending(ANN)).isEmpty();
        assertThat(SalesforceCallLog.settled(f.call(call))).isTrue();
        assertThat(SalesforceCallLog.readyToLog(f.call(call))).isFalse();
    }

    @Test
    void theKeyIsTheInvocationIdAndTheFieldsAreWhatSaveLogSent() {
        f.join("tab-1").logIn();
        CallId call = dial();
        f.phone().answer(call, true);
        f.advance(Duration.ofSeconds(95));
        f.hangUp(call);
        f.engine().execute(new CallCommand.WrapUp(ANN, call, new io.callbridge.core.model.CallOutcome("interested",
                "Talked pricing", null)));
        Map<String, Object> fields = SalesforceCallLog.taskFields(f.call(call), OutboundFlowTest.SETTINGS);
        assertThat(SalesforceCallLog.readyToLog(f.call(call))).isTrue();
        f.settle();

        FakeSalesforce.Sent saveLog = f.sf.sent("saveLog").get(0);
        assertThat(saveLog.id()).isEqualTo(SalesforceCallLog.saveLogKey(call)).isEqualTo("call-1:saveLog");
        assertThat(SalesforceCallLog.callOf(saveLog.id())).isEqualTo(call);
        ObjectNode sent = ((ObjectNode) saveLog.args().get("value")).deepCopy();
        sent.remove("entityApiName");
        JsonNode ours = FakeSalesforce.JSON.readTree(FakeSalesforce.JSON.writeValueAsString(fields));
        assertThat(ours).isEqualTo(sent);
        assertThat(fields).containsEntry("CallObject", call.value()).containsEntry("CallDurationInSeconds", 95L)
                .containsEntry("CallDisposition", "Meaningful Connect").doesNotContainKey("entityApiName");
    }

    @Test
    void keysRoundTripAndNameNothingElse() {
        CallId call = CallId.of("call-7:x");
        assertThat(SalesforceCallLog.callOf(SalesforceCallLog.saveLogKey(call))).isEqualTo(call);
        WorkItemId item = WorkItemId.of(W1);
        assertThat(SalesforceCallLog.completeWorkKey(item)).isEqualTo(W1 + ":completeWork");
        assertThat(SalesforceCallLog.workItemOf(SalesforceCallLog.completeWorkKey(item))).isEqualTo(item);
        assertThat(SalesforceCallLog.callOf(W1 + ":completeWork")).isNull();
        assertThat(SalesforceCallLog.workItemOf("call-1:saveLog")).isNull();
        assertThat(SalesforceCallLog.callOf("call-1:screenPop")).isNull();
        assertThat(SalesforceCallLog.callOf(":saveLog")).isNull();
        assertThat(SalesforceCallLog.callOf("hubspot:call-1:CALL_COMPLETED")).isNull();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(SalesforceCallLog.doneLinks(at, "00T000000000009AAA")).containsOnly(
                Map.entry("salesforce.taskId", "00T000000000009AAA"), Map.entry("salesforce.loggedVia", "rest"));
        assertThat(SalesforceCallLog.failedLinks(at)).containsOnlyKeys("salesforce.taskFailed");
    }

    @Test
    void aTaskSavedByRestIsNotSavedAgainByATabThatComesBackAfterTheWrapUp() {
        f.join("tab-1").logIn();
        CallId call = dial();
        String key = SalesforceCallLog.saveLogKey(call);
        f.phone().answer(call, true);
        f.hangUp(call);
        f.closeAll(); // the agent closed the console before wrapping up
        f.wrapUp(call, "interested", "Talked pricing");

        // A server-side executor: claims the parked key, saves the Task by REST, writes the links, finishes the entry.
        Instant now = f.clock().instant();
        OwedDelivery parked = store.get(key).orElseThrow();
        assertThat(parked.claimant()).isNull();
        assertThat(SalesforceCallLog.readyToLog(f.call(call))).isTrue();
        OwedDelivery claimed = store.claim(parked, "rest", now, now.plusSeconds(30)).orElseThrow();
        SalesforceCallLog.doneLinks(now, "00T000000000009AAA").forEach((k, v) ->
                f.engine().execute(new CallCommand.LinkCrmArtefact(ANN, call, k, v)));
        assertThat(store.finish(key, claimed.fence())).isTrue();
        assertThat(SalesforceCallLog.settled(f.call(call))).isTrue();

        f.reattach("tab-2");
        f.advance(Duration.ofMinutes(5));

        assertThat(f.sf.sent("saveLog")).isEmpty();
        assertThat(store.get(key)).as("a settled call is not parked again").isEmpty();
    }

    @Test
    void matchedWorkParksItsCompletionWhichIsGoneOnceCompleted() {
        f.join("tab-1").logIn();
        f.workStart("tab-1", W1, "(415) 555-0100");
        String key = SalesforceCallLog.completeWorkKey(WorkItemId.of(W1));
        assertThat(store.get(key)).as("pending work is no call's yet").isEmpty();
        CallId call = dial();
        assertThat(f.call(call).workItem()).isEqualTo(WorkItemId.of(W1));
        assertThat(store.get(key)).as("matched: the completion will be owed").hasValueSatisfying(owed -> {
            assertThat(owed.crm()).isEqualTo(SalesforceCallLog.CRM);
            assertThat(owed.method()).isEqualTo(SalesforceCallLog.COMPLETE_WORK_METHOD);
            assertThat(owed.claimant()).isNull();
        });

        f.phone().answer(call, true);
        f.hangUp(call);
        f.wrapUp(call, "interested", "");

        assertThat(f.sf.sent("hvs.completeWork")).extracting(FakeSalesforce.Sent::id).containsExactly(key);
        assertThat(f.engine().workItem(ANN, WorkItemId.of(W1)).orElseThrow().state())
                .isEqualTo(WorkItemState.COMPLETED);
        assertThat(store.pending(ANN)).isEmpty();
    }
}
