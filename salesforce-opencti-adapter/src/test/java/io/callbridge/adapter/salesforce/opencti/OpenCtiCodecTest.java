package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Decoding rejects bad input with a code and the JSON path of the field at fault. */
class OpenCtiCodecTest {

    private final OpenCtiCodec codec = new OpenCtiCodec();

    private static void fails(ThrowingCallable decode, Code code, String field) {
        assertThatThrownBy(decode)
                .isInstanceOfSatisfying(OpenCtiMessageException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageContaining(field);
    }

    /** Single quotes in the CSV stand for double quotes, to keep the JSON readable. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                           | MALFORMED_JSON | $
            {'method':'refreshView','args':{}} trailing                         | MALFORMED_JSON | $
            {'method':'refreshView','method':'saveLog','args':{}}               | MALFORMED_JSON | $
            ['refreshView']                                                     | MALFORMED_JSON | $
            {'args':{}}                                                         | MISSING_FIELD  | method
            {'method':null,'args':{}}                                           | MISSING_FIELD  | method
            {'method':7,'args':{}}                                              | WRONG_TYPE     | method
            {'method':'dial','args':{}}                                         | UNKNOWN_METHOD | method
            {'method':'hvs.dial','args':{}}                                     | UNKNOWN_METHOD | method
            {'method':'refreshView'}                                            | MISSING_FIELD  | args
            {'method':'refreshView','args':[]}                                  | WRONG_TYPE     | args
            {'method':'screenPop','args':{'type':'sobject'}}                    | MISSING_FIELD  | args.params
            {'method':'screenPop','args':{'type':'sobject','params':{}}}        | MISSING_FIELD  | args.params.recordId
            {'method':'screenPop','args':{'type':'sobject','params':{'recordId':1}}}    | WRONG_TYPE    | args.params.recordId
            {'method':'screenPop','args':{'type':'sobject','params':{'recordId':'x'}}}  | INVALID_VALUE | args.params.recordId
            {'method':'screenPop','args':{'type':'record','params':{}}}         | INVALID_VALUE  | args.type
            {'method':'screenPop','args':{'type':'search','params':{'searchString':'ab'}}} | INVALID_VALUE | args.params.searchString
            {'method':'screenPop','args':{'type':'url','params':{'url':'https://x.example'}}} | INVALID_VALUE | args.params.url
            {'method':'screenPop','args':{'type':'flow','params':{'flowDevName':'F','flowArgs':[{'name':'a','type':'String','value':1},{'name':' ','type':'String'}]}}} | INVALID_VALUE | args.params.flowArgs[1].name
            {'method':'screenPop','args':{'type':'flow','params':{'flowDevName':'F','flowArgs':[3]}}} | WRONG_TYPE | args.params.flowArgs[0]
            {'method':'searchAndScreenPop','args':{'searchParams':'4155551212','callType':'INBOUND'}} | INVALID_VALUE | args.callType
            {'method':'searchAndScreenPop','args':{'searchParams':'4155551212'}} | MISSING_FIELD | args.callType
            {'method':'searchAndScreenPop','args':{'searchParams':'4155551212','callType':'inbound','deferred':'yes'}} | WRONG_TYPE | args.deferred
            {'method':'saveLog','args':{}}                                      | MISSING_FIELD  | args.value
            {'method':'saveLog','args':{'value':'Task'}}                        | WRONG_TYPE     | args.value
            {'method':'saveLog','args':{'value':{'Subject':'x'}}}               | INVALID_VALUE  | args.value
            {'method':'saveLog','args':{'value':{'entityApiName':'Task','Subject':{'a':1}}}} | INVALID_VALUE | args.value.Subject
            {'method':'runApex','args':{'apexClass':'C','methodName':'m'}}      | MISSING_FIELD  | args.methodParams
            {'method':'setSoftphonePanelHeight','args':{'heightPX':100}}        | INVALID_VALUE  | args.heightPX
            {'method':'setSoftphonePanelHeight','args':{'heightPX':'300'}}      | WRONG_TYPE     | args.heightPX
            {'method':'setSoftphonePanelHeight','args':{'heightPX':300.5}}      | WRONG_TYPE     | args.heightPX
            {'method':'setSoftphonePanelWidth','args':{'widthPX':4000}}         | INVALID_VALUE  | args.widthPX
            {'method':'setSoftphonePanelVisibility','args':{'visible':'true'}}  | WRONG_TYPE     | args.visible
            {'method':'setSoftphonePanelIcon','args':{'key':'Call Icon'}}       | INVALID_VALUE  | args.key
            {'method':'publish','args':{'channelName':'C__c','message':[]}}     | WRONG_TYPE     | args.message
            {'method':'hvs.completeWork','args':{'workId':'0Wvxx0000000123AAA'}} | MISSING_FIELD | args.attributes
            {'method':'hvs.completeWork','args':{'workId':'0Wvxx0000000123AAA','attributes':{'disposition':'Left Voicemail','taskId':'00Txx000004AbCdEAK'}}} | MISSING_FIELD | args.attributes.wasConnected
            {'method':'hvs.completeWork','args':{'workId':'0Wvxx0000000123AAA','attributes':{'disposition':'','taskId':'00Txx000004AbCdEAK','wasConnected':true}}} | INVALID_VALUE | args.attributes.disposition
            """)
    void rejectsBadInvocations(String input, Code code, String field) {
        fails(() -> codec.decodeInvocation(json(input)), code, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'event':'onHangUp','payload':{}}                                   | UNKNOWN_EVENT  | event
            {'event':'onClickToDial'}                                           | MISSING_FIELD  | payload
            {'event':'onClickToDial','payload':{'recordId':'003xx000004TmiQAAS'}} | MISSING_FIELD | payload.number
            {'event':'onClickToDial','payload':{'number':true}}                 | WRONG_TYPE     | payload.number
            {'event':'onClickToDial','payload':{'number':'1','personAccount':'no'}} | WRONG_TYPE  | payload.personAccount
            {'event':'onNavigationChange','payload':{'url':'/x','recordId':'1'}} | INVALID_VALUE | payload.recordId
            {'event':'hvs.onWorkStart','payload':{'workId':'0Wvxx0000000123AAA','completeWorkWhen':'TaskSaved'}} | MISSING_FIELD | payload.attributes
            {'event':'hvs.onWorkStart','payload':{'workId':'0Wvxx0000000123AAA','completeWorkWhen':'TaskSaved','attributes':{}}} | MISSING_FIELD | payload.attributes.to
            """)
    void rejectsBadEvents(String input, Code code, String field) {
        fails(() -> codec.decodeEvent(json(input)), code, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'returnValue':null}                                                | MISSING_FIELD  | success
            {'success':'true'}                                                  | WRONG_TYPE     | success
            {'success':false,'errors':{}}                                       | WRONG_TYPE     | errors
            {'success':false,'errors':[{'description':'x'}]}                    | MISSING_FIELD  | errors[0].code
            {'localFailure':{'kind':'LOST','message':'x'}}                      | INVALID_VALUE  | localFailure.kind
            {'localFailure':{'kind':'TIMEOUT'}}                                 | MISSING_FIELD  | localFailure.message
            """)
    void rejectsBadOutcomes(String input, Code code, String field) {
        fails(() -> codec.decodeOutcome(json(input)), code, field);
    }

    @Test
    void unknownArgumentKeysAreIgnoredLikeTheLibraryDoes() {
        OpenCtiInvocation decoded = codec.decodeInvocation(json(
                "{'method':'setSoftphonePanelLabel','args':{'label':'Ready','callback':'ignored','extra':1}}"));
        assertThat(decoded).isEqualTo(new OpenCtiInvocation.SetSoftphonePanelLabel("Ready"));
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        OpenCtiEvent decoded = codec.decodeEvent(json(
                "{'event':'onClickToDial','payload':{'number':'(415) 555-1212','recordId':null,'personAccount':null}}"));
        assertThat(decoded).isEqualTo(
                new OpenCtiEvent.ClickToDial("(415) 555-1212", null, null, null, null, null, null, null));
    }

    @Test
    void encodesWhatTheBridgeExecutes() {
        String encoded = codec.encodeInvocation(new OpenCtiInvocation.ScreenPop.SObject("003xx000004TmiQAAS"));
        assertThat(encoded).isEqualTo(json(
                "{'method':'screenPop','args':{'type':'sobject','params':{'recordId':'003xx000004TmiQAAS'}}}"));
        assertThat(codec.encodeInvocation(new OpenCtiInvocation.RefreshView()))
                .isEqualTo(json("{'method':'refreshView','args':{}}"));
    }

    @Test
    void resultKeepsReturnValueAsReadInPlainJava() {
        OpenCtiResult result = codec.decodeResult(json(
                "{'success':true,'returnValue':{'recordId':'00Txx000004AbCdEAK','n':3,'x':1.50,'l':[true,null]},"
                        + "'errors':null}"));
        assertThat(result.success()).isTrue();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("recordId", "00Txx000004AbCdEAK");
        expected.put("n", 3L);
        expected.put("x", new BigDecimal("1.5"));
        expected.put("l", Arrays.asList(true, null));
        assertThat(result.returnValue()).isEqualTo(expected);
        assertThat(result.errors()).isEmpty();
        assertThat(codec.decodeResult(json("{'success':true}")).returnValue()).isNull();
        assertThat(codec.decodeResult(json("{'success':true,'returnValue':'text'}")).returnValue()).isEqualTo("text");
    }

    @Test
    void resultReturnValueCannotBeChangedAfterwards() {
        Map<String, Object> given = new HashMap<>(Map.of("recordId", "00Txx000004AbCdEAK"));
        OpenCtiResult result = OpenCtiResult.succeeded(given);
        given.put("recordId", "changed");

        assertThat(result.returnValue()).isEqualTo(Map.of("recordId", "00Txx000004AbCdEAK"));
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) result.returnValue();
        assertThatThrownBy(() -> kept.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failedResultWithoutDescriptionIsStillAFailure() {
        OpenCtiResult result = codec.decodeResult(json("{'success':false,'errors':[{'code':'GENERIC_ERROR'}]}"));
        assertThat(result.success()).isFalse();
        assertThat(result.errors()).containsExactly(OpenCtiError.of("GENERIC_ERROR", "", null));
    }

    @Test
    void aReturnValueThatIsNotJsonIsRefusedNamingTheField() {
        assertThatThrownBy(() -> OpenCtiResult.succeeded(Map.of("when", java.time.Instant.EPOCH)))
                .isInstanceOfSatisfying(InvalidInvocationException.class,
                        e -> assertThat(e.argument()).isEqualTo("returnValue.when"));
        assertThatThrownBy(() -> OpenCtiResult.succeeded(Double.NaN))
                .isInstanceOfSatisfying(InvalidInvocationException.class,
                        e -> assertThat(e.argument()).isEqualTo("returnValue"));
    }

    @Test
    void anEncodedResultCarriesItsReturnValue() {
        String encoded = codec.encodeOutcome(OpenCtiResult.succeeded(Map.of("recordId", "00Txx000004AbCdEAK")));
        assertThat(encoded).isEqualTo(json("{'success':true,'returnValue':{'recordId':'00Txx000004AbCdEAK'},"
                + "'errors':null}"));
    }

    /** Field values the agent typed travel as written: escaped exactly as Jackson writes a tree of them. */
    @Test
    void argsAreEscapedAndNumberedAsATreeOfThemIsWritten() {
        StringBuilder everyAsciiAndMore = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            everyAsciiAndMore.append(c);
        }
        everyAsciiAndMore.append("\u2028\u2029 \uD83D\uDE00 \uD800 </script> \\ \"");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("entityApiName", "Task");
        value.put("Description", everyAsciiAndMore.toString());
        value.put("Small__c", 184L);
        value.put("Big__c", Long.MIN_VALUE);
        value.put("Decimal__c", new BigDecimal("12.750"));
        value.put("Huge__c", new BigDecimal("1e400"));
        value.put("Tiny__c", new BigDecimal("-0.000000001"));
        value.put("Flag__c", false);
        value.put("Cleared__c", null);
        OpenCtiInvocation.SaveLog saveLog = new OpenCtiInvocation.SaveLog(value);
        var publish = new OpenCtiInvocation.Publish("CallState__c", Map.of("nested",
                Map.of("list", Arrays.asList(1, "two\n", true, null, 2.5))));

        JsonMapper plain = JsonMapper.builder().build();
        for (OpenCtiInvocation invocation : List.of(saveLog, publish)) {
            ObjectNode args = JsonNodeFactory.instance.objectNode();
            if (invocation instanceof OpenCtiInvocation.SaveLog s) {
                args.set("value", OpenCtiCodec.toNode(s.value()));
            } else {
                args.put("channelName", "CallState__c");
                args.set("message", OpenCtiCodec.toNode(((OpenCtiInvocation.Publish) invocation).message()));
            }
            assertThat(codec.encodeArgs(invocation)).isEqualTo(plain.writeValueAsString(args));
            assertThat(codec.decodeInvocation(codec.encodeInvocation(invocation))).isEqualTo(invocation);
        }
    }

    @Test
    void invocationsWithoutArgumentsHaveEmptyArgs() {
        for (OpenCtiInvocation none : List.of(new OpenCtiInvocation.RefreshView(),
                new OpenCtiInvocation.NotifyInitializationComplete(), new OpenCtiInvocation.HvsOnWorkStart())) {
            assertThat(codec.encodeArgs(none)).isEqualTo("{}");
        }
        assertThat(codec.encodeArgs(new OpenCtiInvocation.SetSoftphonePanelVisibility(false)))
                .isEqualTo(json("{'visible':false}"));
    }

    @Test
    void freeFormValuesRoundTrip() {
        var publish = new OpenCtiInvocation.Publish("CallState__c",
                Map.of("nested", Map.of("list", List.of(1, "two", true)), "amount", 12.75));
        assertThat(codec.decodeInvocation(codec.encodeInvocation(publish))).isEqualTo(publish);
    }

    @Test
    void readsTheSavedTaskIdFromASaveLogResult() {
        assertThat(codec.savedRecordId(codec.decodeResult(json(
                "{'success':true,'returnValue':{'recordId':'00Txx000004AbCdEAK'},'errors':null}"))))
                .contains("00Txx000004AbCdEAK");
        assertThat(codec.savedRecordId(codec.decodeResult(json("{'success':true,'returnValue':null}")))).isEmpty();
        assertThat(codec.savedRecordId(codec.decodeResult(json(
                "{'success':true,'returnValue':{'recordId':'oops'}}")))).isEmpty();
        assertThat(codec.savedRecordId(codec.decodeResult(json(
                "{'success':false,'returnValue':{'recordId':'00Txx000004AbCdEAK'},'errors':[]}")))).isEmpty();
    }

    @Test
    void readsCallCenterSettings() {
        OpenCtiResult result = codec.decodeResult(json("{'success':true,'returnValue':{"
                + "'/reqGeneralInfo/reqAdapterUrl':'https://softphone.acme.example/','/acmeBridge/region':'eu','/x/n':1}}"));
        assertThat(codec.callCenterSettings(result)).containsExactly(
                Map.entry("/reqGeneralInfo/reqAdapterUrl", "https://softphone.acme.example/"),
                Map.entry("/acmeBridge/region", "eu"));
    }

    @Test
    void knowsEveryMethodOnce() {
        assertThat(OpenCtiCodec.methods()).hasSize(26).contains("hvs.onWorkStart", "hvs.completeWork", "screenPop");
        assertThat(OpenCtiCodec.events())
                .containsExactlyInAnyOrder("onClickToDial", "onNavigationChange", "hvs.onWorkStart", "subscribe");
    }
}
