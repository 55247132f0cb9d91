package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OpenCtiCodec#decodeResult(String)}, which the call flow reads every callback result with, and
 * {@link OpenCtiCodec#decodeOutcome(tools.jackson.databind.JsonNode)} over the parsed tree give the same answer for
 * every input, valid or not: the same result, or the same refusal.
 */
class ResultDecodingTest {
    private final OpenCtiCodec codec = new OpenCtiCodec();

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'success':true,'returnValue':{'recordId':'00T5g00000AbCdEAAK'},'errors':null}",
        "{'success':false,'returnValue':null,'errors':null}",
        "{'success':true}",
        "{'errors':null,'returnValue':[1,-2,3.50,1e2,12345678901234567890,-0,0.1,true,false,null,'x'],'success':true}",
        "{'success':true,'returnValue':{'a':{'b':[{'c':{}}],'d':[]},'e':'\\u00e9\\n'},'extra':{'x':[1,{'y':2}]}}",
        "{'success':true,'returnValue':'just text','unknown':null}",
        "{'success':true,'returnValue':1.0E400}",
        "  {'success' : true , 'returnValue' : 7 }  ",
        // errors, wrong or missing fields, malformed input
        "{'success':false,'returnValue':null,'errors':[{'code':'INVALID_PARAM','description':'x','details':{'f':1}}]}",
        "{'success':false,'errors':[{'code':'GENERIC_ERROR'}]}",
        "{'success':false,'errors':[]}",
        "{'success':false,'errors':{}}",
        "{'success':false,'errors':[{'description':'x'}]}",
        "{'success':false,'errors':[7]}",
        "{'success':'true'}",
        "{'success':null,'returnValue':1}",
        "{'returnValue':1}",
        "{'success':true,'success':false}",
        "{'success':true,'returnValue':{'a':1,'a':2}}",
        "{'success':true} {}",
        "{'success':true} x",
        "{'success':true,'returnValue':[1,2}",
        "{'success':true,'returnValue':",
        "[{'success':true}]",
        "'text'",
        "null",
        "",
        "{'success':true,'returnValue':NaN}",
        "{'success':true,'returnValue':[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"
    })
    void givesTheTreeReadersAnswer(String input) {
        String json = json(input);
        OpenCtiMessageException expected = catchThrowableOfType(OpenCtiMessageException.class,
                () -> codec.decodeOutcome(codec.parse(json)));
        OpenCtiMessageException actual = catchThrowableOfType(OpenCtiMessageException.class,
                () -> codec.decodeResult(json));
        if (expected == null) {
            assertThat(actual).as("refusal").isNull();
            assertThat(codec.decodeResult(json)).isEqualTo(codec.decodeOutcome(codec.parse(json)));
        } else {
            assertThat(actual).as("refusal").isNotNull();
            assertThat(actual.code()).isEqualTo(expected.code());
            assertThat(actual.field()).isEqualTo(expected.field());
            assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
        }
    }
}
