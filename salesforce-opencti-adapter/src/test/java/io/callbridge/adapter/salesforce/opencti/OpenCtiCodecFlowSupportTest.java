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

    @Test
    void anErrorsArrayIsReadOnItsOwn() {
        assertThat(codec.decodeErrors(json("[{'code':'INVALID_PARAM','description':'bad'},{'code':'NEW_ONE'}]")))
                .extracting(OpenCtiError::code)
                .containsExactly(OpenCtiError.Code.INVALID_PARAM, OpenCtiError.Code.UNKNOWN);
        assertThatThrownBy(() -> codec.decodeErrors("{}")).isInstanceOf(OpenCtiMessageException.class);
    }
}
