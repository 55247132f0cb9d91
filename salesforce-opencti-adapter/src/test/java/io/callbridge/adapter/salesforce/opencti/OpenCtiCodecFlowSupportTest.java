package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec entry points the call flow uses: events by name, bare args, search results, error lists. */
class OpenCtiCodecFlowSupportTest {
    private final OpenCtiCodec codec = new OpenCtiCodec();

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void anEventDecodedByNameHasPathsRelativeToItsPayload() {
        assertThat(codec.decodeEvent("onClickToDial", json("{'number':'(415) 555-1212','personAccount':true,"
                + "'contactId':'003000000000001AAA'}")))
                .isEqualTo(new OpenCtiEvent.ClickToDial("(415) 555-1212", null, null, null, true, null,
                        "003000000000001AAA", null));
        assertThatThrownBy(() -> codec.decodeEvent("hvs.onWorkStart", json("{'workId':'0Q3000000000001AAA',"
                + "'completeWorkWhen':'TaskSaved','attributes':{'to':' '}}")))
                .isInstanceOfSatisfying(OpenCtiMessageException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.INVALID_VALUE);
                    assertThat(e.field()).isEqualTo("attributes.to");
                });
        assertThatThrownBy(() -> codec.decodeEvent("onDial", "{}"))
                .isInstanceOfSatisfying(OpenCtiMessageException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.UNKNOWN_EVENT));
        assertThatThrownBy(() -> codec.decodeEvent("onClickToDial", "[]"))
                .isInstanceOfSatisfying(OpenCtiMessageException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.MALFORMED_JSON));
    }

    @Test
    void argsAreTheInvocationWithoutItsMethod() {
        OpenCtiInvocation pop = new OpenCtiInvocation.ScreenPop.SObject("003000000000001AAA");
        assertThat(codec.encodeArgs(pop)).isEqualTo(json("{'type':'sobject','params':{'recordId':'003000000000001AAA'}}"));
        assertThat(codec.encodeArgs(new OpenCtiInvocation.RefreshView())).isEqualTo("{}");
    }

    @Test
    void searchMatchesSkipTheScreenPopDataAndNonRecords() {
        OpenCtiResult result = codec.decodeResult(json("{'success':true,'errors':null,'returnValue':{"
                + "'003000000000001AAA':{'Id':'003000000000001AAA','Name':'Ada','RecordType':'Contact'},"
                + "'SCREEN_POP_DATA':{'x':1},'001000000000001AAA':{'Id':'001000000000001AAA'},'bogus':7}}"));
        assertThat(codec.searchMatches(result)).containsExactly(
                new SearchMatch("003000000000001AAA", "Ada", "Contact"),
                new SearchMatch("001000000000001AAA", null, null));
        assertThat(codec.searchMatches(OpenCtiResult.failed(List.of()))).isEmpty();
        assertThat(codec.searchMatches(codec.decodeResult(json("{'success':true,'returnValue':null,'errors':null}"))))
                .isEmpty();
    }

    /**
     * Salesforce's guide (searchAndScreenPop for Lightning): ids of 15 characters, the type as {@code RecordType} or as
     * {@code object}, and a person account flagged {@code IsPersonAccount} with its {@code PersonContactId}.
     */
    @Test
    void searchMatchesReadTheShapesSalesforceDocuments() {
        OpenCtiResult result = codec.decodeResult(json("{'success':true,'errors':null,'returnValue':{"
                + "'006x0000001ZcyG':{'Id':'006x0000001ZcyG','LastModifiedDate':'2017-10-24T18:42:39.000Z',"
                + "'Name':'Acme - 600 Widgets','RecordType':'Opportunity'},"
                + "'001x0000003DGQR':{'Name':'Acme','Type':'Analyst','object':'Account','displayName':'Company'},"
                + "'001x0000003DGQS':{'Id':'001x0000003DGQS','IsPersonAccount':true,'Name':'Acme Person Account',"
                + "'PersonContactId':'003D000000QOMqg','RecordType':'Account'},"
                + "'SCREEN_POP_DATA':{}}}"));
        assertThat(codec.searchMatches(result)).containsExactly(
                new SearchMatch("006x0000001ZcyG", "Acme - 600 Widgets", "Opportunity"),
                new SearchMatch("001x0000003DGQR", "Acme", "Account"),
                new SearchMatch("001x0000003DGQS", "Acme Person Account", "Account", true, "003D000000QOMqg"));
    }

    /** getAppViewInfo returns the fields of a navigation: on a record, on a person account, or only the url. */
    @Test
    void appViewInfoIsReadLikeANavigation() {
        OpenCtiResult personAccount = codec.decodeResult(json("{'success':true,'errors':null,'returnValue':{"
                + "'url':'https://acme.my.salesforce.com/lightning/r/Account/001x0000003DGQR/view',"
                + "'recordId':'001x0000003DGQR','recordName':'Acme Person Account','objectType':'Account',"
                + "'contactId':'003D000000QOMqg','personAccount':true}}"));
        assertThat(codec.appViewInfo(personAccount)).contains(new OpenCtiEvent.NavigationChange(
                "https://acme.my.salesforce.com/lightning/r/Account/001x0000003DGQR/view", "001x0000003DGQR",
                "Acme Person Account", "Account", true, null, "003D000000QOMqg"));
        OpenCtiResult listView = codec.decodeResult(json("{'success':true,'errors':null,'returnValue':{"
                + "'url':'https://acme.my.salesforce.com/lightning/o/Lead/list'}}"));
        assertThat(codec.appViewInfo(listView)).contains(new OpenCtiEvent.NavigationChange(
                "https://acme.my.salesforce.com/lightning/o/Lead/list", null, null, null, null, null, null));
        assertThat(codec.appViewInfo(OpenCtiResult.failed(List.of()))).isEmpty();
        assertThatThrownBy(() -> codec.appViewInfo(codec.decodeResult(json(
                "{'success':true,'errors':null,'returnValue':{'url':'/x','recordId':'bad'}}"))))
                .isInstanceOfSatisfying(OpenCtiMessageException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.INVALID_VALUE);
                    assertThat(e.field()).isEqualTo("returnValue.recordId");
                });
    }

    /** Off a record page Salesforce leaves recordId, recordName and objectType empty. */
    @Test
    void emptyRecordFieldsOfANavigationCountAsAbsent() {
        assertThat(codec.decodeEvent("onNavigationChange", json("{'url':'https://acme.my.salesforce.com/lightning/page/"
                + "home','recordId':'','recordName':'','objectType':''}")))
                .isEqualTo(new OpenCtiEvent.NavigationChange("https://acme.my.salesforce.com/lightning/page/home",
                        null, null, null, null, null, null));
        assertThat(codec.decodeEvent("onClickToDial", json("{'number':'(415) 555-1212','recordId':'','objectType':''}")))
                .isEqualTo(new OpenCtiEvent.ClickToDial("(415) 555-1212", null, null, null, null, null, null, null));
    }

    /** The guide types onClickToDial's number as a number; Lightning sends the formatted text. Both are read. */
    @Test
    void aClickToDialNumberMayComeAsAJsonNumber() {
        assertThat(codec.decodeEvent("onClickToDial", json("{'number':4155551212}")))
                .isEqualTo(new OpenCtiEvent.ClickToDial("4155551212", null, null, null, null, null, null, null));
        assertThatThrownBy(() -> codec.decodeEvent("onClickToDial", json("{'number':415.5}")))
                .isInstanceOfSatisfying(OpenCtiMessageException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.WRONG_TYPE);
                    assertThat(e.field()).isEqualTo("number");
                });
    }

    @Test
    void anErrorsArrayIsReadOnItsOwn() {
        assertThat(codec.decodeErrors(json("[{'code':'INVALID_PARAM','description':'bad'},{'code':'NEW_ONE'}]")))
                .extracting(OpenCtiError::code)
                .containsExactly(OpenCtiError.Code.INVALID_PARAM, OpenCtiError.Code.UNKNOWN);
        assertThatThrownBy(() -> codec.decodeErrors("{}")).isInstanceOf(OpenCtiMessageException.class);
    }
}
