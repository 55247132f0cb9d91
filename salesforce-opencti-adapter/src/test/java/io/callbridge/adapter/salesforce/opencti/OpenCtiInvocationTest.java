package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsCompleteWork;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Publish;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.RunApex;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SaveLog;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.ScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SearchAndScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelHeight;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelIcon;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelLabel;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelWidth;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Subscribe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argument checks of the model: every rejection names the argument. */
class OpenCtiInvocationTest {

    private static final String CONTACT = "003xx000004TmiQAAS";
    private static final String TASK = "00Txx000004AbCdEAK";

    private static void rejects(ThrowingCallable build, String argument) {
        assertThatThrownBy(build)
                .isInstanceOfSatisfying(InvalidInvocationException.class,
                        e -> assertThat(e.argument()).isEqualTo(argument))
                .hasMessageContaining(argument);
    }

    @Test
    void methodNamesAreTheOnesTheBridgeCalls() {
        assertThat(new ScreenPop.SObject(CONTACT).method()).isEqualTo("screenPop");
        assertThat(new OpenCtiInvocation.HvsOnWorkStart().method()).isEqualTo("hvs.onWorkStart");
        assertThat(new HvsCompleteWork("0Wvxx0000000123AAA", new WorkAttributes("Meaningful Connect", TASK, true))
                .method()).isEqualTo("hvs.completeWork");
    }

    @Test
    void recordIdsMustBeSalesforceIds() {
        rejects(() -> new ScreenPop.SObject("003-not-an-id"), "params.recordId");
        rejects(() -> new ScreenPop.SObject(null), "params.recordId");
        rejects(() -> new ScreenPop.ListView("short", "Lead"), "params.listViewId");
        assertThat(new ScreenPop.SObject("003xx000004TmiQ").recordId()).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/x", "//evil.example/x", "lightning/o/Case/list", " ", "/a b"})
    void screenPopUrlsMustStayInsideTheOrg(String url) {
        rejects(() -> new ScreenPop.Url(url), "params.url");
    }

    @Test
    void searchNeedsThreeCharacters() {
        rejects(() -> new ScreenPop.Search("ab"), "params.searchString");
        rejects(() -> new ScreenPop.Search("  ab  "), "params.searchString");
        // Counted in characters, not UTF-16 units: two emoji are two characters.
        rejects(() -> new ScreenPop.Search("\uD83D\uDCDE\uD83D\uDCDE"), "params.searchString");
        assertThat(new ScreenPop.Search("Ada").searchString()).isEqualTo("Ada");
    }

    @Test
    void objectAndFlowNamesMustBeApiNames() {
        rejects(() -> new ScreenPop.ObjectHome("My Object"), "params.scope");
        rejects(() -> new ScreenPop.ListView("00Bxx000001abcdEAA", ""), "params.scope");
        rejects(() -> new ScreenPop.NewRecord("1Lead", null), "params.entityName");
        rejects(() -> new ScreenPop.Flow("flow-name", List.of()), "params.flowDevName");
        rejects(() -> new FlowArg(" ", "String", "x"), "params.flowArgs[].name");
        rejects(() -> new ScreenPop.Flow("Triage", null), "params.flowArgs");
    }

    @Test
    void fieldValuesMustBeScalars() {
        rejects(() -> new ScreenPop.NewRecord("Lead", Map.of("Phone", List.of("1"))),
                "params.defaultFieldValues.Phone");
        rejects(() -> new SaveLog(Map.of("entityApiName", "Task", "Subject", new Object())), "value.Subject");
    }

    @Test
    void fieldMapsAreCopiedAndNumbersNormalised() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("entityApiName", "Task");
        fields.put("CallDurationInSeconds", 30);
        SaveLog log = new SaveLog(fields);
        fields.put("Subject", "changed later");

        assertThat(log.value()).doesNotContainKey("Subject").containsEntry("CallDurationInSeconds", 30L);
        assertThat(new SaveLog(Map.of("entityApiName", "Task", "X__c", 2.50)).value())
                .containsEntry("X__c", new BigDecimal("2.5"));
    }

    @Test
    void saveLogCreatesOrUpdatesButNotBoth() {
        rejects(() -> new SaveLog(Map.of()), "value");
        rejects(() -> new SaveLog(Map.of("Subject", "x")), "value");
        rejects(() -> new SaveLog(Map.of("entityApiName", "Task", "Id", TASK)), "value");
        rejects(() -> new SaveLog(Map.of("entityApiName", " ")), "value.entityApiName");
        rejects(() -> new SaveLog(Map.of("Id", "nope")), "value.Id");
        Map<String, Object> clearing = new HashMap<>();
        clearing.put("Id", TASK);
        clearing.put("CallDisposition", null);
        assertThat(new SaveLog(clearing).value()).containsEntry("CallDisposition", null);
    }

    @Test
    void searchAndScreenPopNeedsSearchParamsAndCallType() {
        rejects(() -> SearchAndScreenPop.of("", CallType.INBOUND), "searchParams");
        rejects(() -> SearchAndScreenPop.of("4155551212", null), "callType");
        List<Object> notAMap = new ArrayList<>();
        rejects(() -> new SearchAndScreenPop("4155551212", CallType.OUTBOUND, null,
                Map.of("Phone", notAMap), null, false), "defaultFieldValues.Phone");
        assertThat(CallType.OUTBOUND.wireValue()).isEqualTo("outbound");
    }

    @Test
    void runApexNeedsClassMethodAndParams() {
        rejects(() -> new RunApex(" ", "m", ""), "apexClass");
        rejects(() -> new RunApex("C", null, ""), "methodName");
        rejects(() -> new RunApex("C", "m", null), "methodParams");
        assertThat(new RunApex("C", "m", "").methodParams()).isEmpty();
    }

    @Test
    void softphonePanelSizesAreBounded() {
        rejects(() -> new SetSoftphonePanelHeight(239), "heightPX");
        rejects(() -> new SetSoftphonePanelHeight(2561), "heightPX");
        rejects(() -> new SetSoftphonePanelWidth(199), "widthPX");
        rejects(() -> new SetSoftphonePanelWidth(1921), "widthPX");
        assertThat(new SetSoftphonePanelHeight(240).heightPX()).isEqualTo(240);
        assertThat(new SetSoftphonePanelHeight(2560).heightPX()).isEqualTo(2560);
        assertThat(new SetSoftphonePanelWidth(200).widthPX()).isEqualTo(200);
        assertThat(new SetSoftphonePanelWidth(1920).widthPX()).isEqualTo(1920);
    }

    @Test
    void labelsAndIcons() {
        rejects(() -> new SetSoftphonePanelLabel(""), "label");
        rejects(() -> new SetSoftphonePanelIcon("utility:call"), "key");
        rejects(() -> new OpenCtiInvocation.SetSoftphoneItemIcon("Call"), "key");
        rejects(() -> new OpenCtiInvocation.SetSoftphoneItemLabel(null), "label");
    }

    @Test
    void messageChannels() {
        rejects(() -> new Subscribe("CallState"), "channelName");
        rejects(() -> new Publish("CallState__c", null), "message");
        rejects(() -> new Publish("CallState__c", Map.of("when", new Object())), "message.when");
    }

    @Test
    void completeWorkNeedsWorkIdDispositionAndTaskId() {
        WorkAttributes attributes = new WorkAttributes("Left Voicemail", TASK, false);
        rejects(() -> new HvsCompleteWork("", attributes), "workId");
        rejects(() -> new HvsCompleteWork("0Wvxx0000000123AAA", null), "attributes");
        rejects(() -> new WorkAttributes(" ", TASK, true), "attributes.disposition");
        rejects(() -> new WorkAttributes("Left Voicemail", null, true), "attributes.taskId");
    }

    @Test
    void eventsKeepTheNumberAsReceived() {
        var dial = new OpenCtiEvent.ClickToDial("(415) 555-1212", CONTACT, "Ada", "Contact", false, null, null, null);
        assertThat(dial.number()).isEqualTo("(415) 555-1212");
        rejects(() -> new OpenCtiEvent.ClickToDial(" ", null, null, null, false, null, null, null), "number");
        rejects(() -> new OpenCtiEvent.WorkStart("0Wvxx0000000123AAA", "TaskSaved", ""), "attributes.to");
        rejects(() -> new OpenCtiEvent.NavigationChange("/x", "bad", null, null, false, null, null), "recordId");
    }

    @Test
    void errorCodesKeepUnknownRawCodes() {
        OpenCtiError known = OpenCtiError.of("SERVER_ERROR", "boom", null);
        OpenCtiError unknown = OpenCtiError.of("SOMETHING_NEW", "eh", "\"x\"");
        assertThat(known.code()).isEqualTo(OpenCtiError.Code.SERVER_ERROR);
        assertThat(unknown.code()).isEqualTo(OpenCtiError.Code.UNKNOWN);
        assertThat(unknown.rawCode()).isEqualTo("SOMETHING_NEW");
        assertThat(OpenCtiError.Code.of("UNKNOWN")).isEqualTo(OpenCtiError.Code.UNKNOWN);
        rejects(() -> new OpenCtiError(OpenCtiError.Code.SERVER_ERROR, "GENERIC_ERROR", "", null), "code");
    }
}
