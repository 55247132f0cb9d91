package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.FakeSalesforce.json;
import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Click-to-dial from a record → a call about that record → one Task with every field right. */
class OutboundFlowTest {
    static final SalesforceSettings SETTINGS = SalesforceSettings.DEFAULTS.withDispositions(
            SalesforceSettings.Dispositions.DEFAULTS.with("interested", "Meaningful Connect")
                    .with("voicemail", "Left Voicemail"));
    static final String CONTACT = "003000000000001AAA";

    private final SalesforceFixture f = new SalesforceFixture(SETTINGS);

    private JsonNode taskValue() {
        return f.sf.sent("saveLog").get(0).args().get("value");
    }

    @Test
    void anAnsweredClickToDialIsLoggedAsOneTaskThenTheViewIsRefreshed() {
        f.join("tab-1").logIn();
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + CONTACT + "','recordName':'Ada Lovelace',"
                + "'objectType':'Contact'}");
        Call call = f.lastCall();
        assertThat(call.to().e164()).isEqualTo("+14155550100");
        assertThat(call.to().raw()).isEqualTo("(415) 555-0100");
        assertThat(call.record()).isEqualTo(new CrmRecordRef("salesforce", "Contact", CONTACT, "Ada Lovelace"));

        f.phone().answer(call.id(), true);
        f.advance(Duration.ofSeconds(95));
        f.hangUp(call.id());
        f.wrapUp(call.id(), "interested", "Talked pricing");

        assertThat(f.sf.sideEffectMethods()).containsExactly("setSoftphonePanelVisibility", "saveLog", "refreshView");
        assertThat(f.sf.sideEffects()).extracting(FakeSalesforce.Sent::id)
                .containsExactly("call-1:showPanel", "call-1:saveLog", "call-1:refreshView");
        assertThat(f.sf.sideEffects()).extracting(FakeSalesforce.Sent::sessionId).containsOnly("tab-1");
        assertThat(f.sf.sideEffects().get(0).args()).isEqualTo(json("{'visible':true}"));
        assertThat(taskValue()).isEqualTo(json("{'entityApiName':'Task','TaskSubtype':'Call',"
                + "'Subject':'Outbound call (415) 555-0100','Description':'Talked pricing','CallType':'Outbound',"
                + "'CallDurationInSeconds':95,'CallObject':'call-1','WhoId':'" + CONTACT + "','Status':'Completed',"
                + "'ActivityDate':'2026-01-01','CallDisposition':'Meaningful Connect'}"));
        assertThat(f.call(call.id()).crmLink("salesforce.taskId")).contains("00T000000000001AAA");
        assertThat(f.phone().rejectedReports()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Lead,        00Q000000000001AAA, WhoId",
            "Contact,     003000000000001AAA, WhoId",
            "Account,     001000000000001AAA, WhatId",
            "Opportunity, 006000000000001AAA, WhatId",
            "Case,        500000000000001AAA, WhatId"})
    void theRecordBecomesWhoIdForPeopleAndWhatIdForEverythingElse(String type, String id, String field) {
        f.join("tab-1").logIn();
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + id + "','objectType':'" + type + "'}");
        CallId call = f.lastCall().id();
        f.hangUp(call);
        f.wrapUp(call, "voicemail", "");

        String other = field.equals("WhoId") ? "WhatId" : "WhoId";
        assertThat(taskValue().get(field).stringValue()).isEqualTo(id);
        assertThat(taskValue().has(other)).isFalse();
        assertThat(taskValue().get("CallDisposition").stringValue()).isEqualTo("Left Voicemail");
    }

    @Test
    void aPersonAccountIsLoggedToItsContactAndItsAccount() {
        f.join("tab-1").logIn();
        f.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'001000000000001AAA','recordName':'Grace Hopper',"
                + "'objectType':'Account','personAccount':true,'accountId':'001000000000001AAA',"
                + "'contactId':'003000000000002AAA'}");
        CallId call = f.lastCall().id();
        f.phone().answer(call, true);
        f.hangUp(call);
        f.wrapUp(call, "interested", "");

        assertThat(taskValue().get("WhoId").stringValue()).isEqualTo("003000000000002AAA");
        assertThat(taskValue().get("WhatId").stringValue()).isEqualTo("001000000000001AAA");
    }

    @Test
    void overLongNotesAreCutToTheDescriptionLimit() {
        f.join("tab-1").logIn();
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");
        CallId call = f.lastCall().id();
        f.phone().answer(call, true);
        f.hangUp(call);
        f.wrapUp(call, "interested", "n".repeat(40_000));

        assertThat(taskValue().get("Description").stringValue()).hasSize(32_000);
        assertThat(taskValue().has("WhoId")).isFalse();
        assertThat(taskValue().has("WhatId")).isFalse();
        assertThat(f.call(call).crmLink("salesforce.taskId")).isPresent();
    }

    @Test
    void aCustomDispositionFieldAndSubjectTemplateAreUsed() {
        SalesforceFixture custom = new SalesforceFixture(SETTINGS.withDispositionField("Outcome__c")
                .withSubjectTemplate("{disposition}: {record} {number}").withTaskStatus("Done"));
        custom.join("tab-1").logIn();
        custom.clickToDial("tab-1", "{'number':'(415) 555-0100','recordId':'" + CONTACT + "','recordName':'Ada'}");
        CallId call = custom.lastCall().id();
        custom.hangUp(call);
        custom.wrapUp(call, "other", "");

        JsonNode value = custom.sf.sent("saveLog").get(0).args().get("value");
        assertThat(value.get("Outcome__c").stringValue()).isEqualTo("Call Back Later");
        assertThat(value.has("CallDisposition")).isFalse();
        assertThat(value.get("Subject").stringValue()).isEqualTo("Call Back Later: Ada (415) 555-0100");
        assertThat(value.get("Status").stringValue()).isEqualTo("Done");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'recordId':'003000000000001AAA'}                   | MISSING_FIELD | number
            {'number':true}                                     | WRONG_TYPE    | number
            {'number':7}                                        | INVALID_VALUE | number
            {'number':'call me maybe'}                          | INVALID_VALUE | number
            {'number':'(415) 555-0100','recordId':'nope'}       | INVALID_VALUE | recordId
            {'number':'(415) 555-0100','objectType':'My Type'}  | INVALID_VALUE | objectType
            not json                                            | MALFORMED     | $
            """)
    void aBadClickToDialIsRefusedNamingTheFieldAndChangesNothing(String payload, BridgeInputException.Kind kind,
            String field) {
        f.join("tab-1").logIn();
        int before = f.sf.sent().size();

        assertThatThrownBy(() -> f.clickToDial("tab-1", payload))
                .isInstanceOfSatisfying(BridgeInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.field()).isEqualTo(field);
                });
        f.settle();

        assertThat(f.engine().calls(ANN)).isEmpty();
        assertThat(f.phone().requests()).isEmpty();
        assertThat(f.sf.sent()).hasSize(before);
    }

    @Test
    void anUnknownEventIsRefusedByName() {
        f.join("tab-1");
        assertThatThrownBy(() -> f.event("tab-1", "onDial", "{}"))
                .isInstanceOfSatisfying(BridgeInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BridgeInputException.Kind.UNKNOWN_EVENT);
                    assertThat(e.field()).isEqualTo("onDial");
                });
    }

    @Test
    void aDialCoreRefusesIsReportedToTheAgent() {
        f.join("tab-1");
        f.clickToDial("tab-1", "{'number':'(415) 555-0100'}");

        assertThat(f.engine().calls(ANN)).isEmpty();
        assertThat(f.notices()).extracting(n -> n.code()).containsExactly("salesforce.DIAL_REFUSED");
        assertThat(f.sf.sideEffects()).isEmpty();
    }
}
