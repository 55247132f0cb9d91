package io.callbridge.adapter.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.InvocationResult.Kind;
import io.callbridge.core.bridge.SideEffect.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Salesforce's verdict on one attempt, as core's Delivery asks it. Only what cannot get better is final: INVALID_PARAM,
 * the bridge unable to run the method, an unreadable result. A NO_FRAME failure never reaches the judge (Delivery
 * waits for a frame without counting an attempt); asked anyway, it says retry, not give up.
 */
class OpenCtiJudgeTest {
    private final OpenCtiCodec codec = new OpenCtiCodec();

    /** Single quotes stand for double quotes; {@code -} for no details (and no reason, for a success). */
    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            success      | {'success':true,'returnValue':null,'errors':null}                                        | -                                                   | done   | -
            success      | {'success':true,'returnValue':{'recordId':'00T000000000001AAA'}}                          | -                                                   | done   | -
            success      | {'success':false,'errors':[{'code':'SERVER_ERROR','description':'x'}]}                    | -                                                   | retry  | SERVER_ERROR x
            success      | {'success':false,'errors':[{'code':'GENERIC_ERROR','description':'x'}]}                   | -                                                   | retry  | GENERIC_ERROR x
            success      | {'success':false,'errors':[{'code':'SOFTPHONE_CONTAINER_ERROR','description':'x'}]}       | -                                                   | retry  | SOFTPHONE_CONTAINER_ERROR x
            success      | {'success':false,'errors':[{'code':'NEW_CODE','description':'x'}]}                        | -                                                   | retry  | NEW_CODE x
            success      | {'success':false,'errors':null}                                                           | -                                                   | retry  | without details
            success      | {'success':false,'errors':[{'code':'INVALID_PARAM','description':'x'}]}                   | -                                                   | giveUp | INVALID_PARAM x
            success      | {'success':false,'errors':[{'code':'SERVER_ERROR','description':'a'},{'code':'INVALID_PARAM','description':'b'}]} | - | giveUp | SERVER_ERROR a; INVALID_PARAM b
            success      | not json                                                                                  | -                                                   | giveUp | unreadable result from frame tab-1
            success      | {'success':'yes'}                                                                         | -                                                   | giveUp | unreadable result
            TIMEOUT      | no frame answered                                                                         | -                                                   | retry  | TIMEOUT: no frame answered
            NO_FRAME     | no live frame                                                                             | -                                                   | retry  | NO_FRAME
            BRIDGE_ERROR | sforce.opencti.dial is not a function                                                     | -                                                   | giveUp | the bridge could not run it
            CRM_ERROR    | refused                                                                                   | [{'code':'INVALID_PARAM','description':'x'}]        | giveUp | INVALID_PARAM x
            CRM_ERROR    | refused                                                                                   | [{'code':'SERVER_ERROR','description':'x'}]         | retry  | SERVER_ERROR x
            CRM_ERROR    | refused                                                                                   | garbage                                             | retry  | without details
            CRM_ERROR    | refused                                                                                   | -                                                   | retry  | without details
            """)
    void judges(String kind, String valueOrMessage, String details, String verdict, String reason) {
        InvocationResult result = kind.equals("success")
                ? new InvocationResult.Success(json(valueOrMessage), "tab-1")
                : new InvocationResult.Failure(Kind.valueOf(kind), valueOrMessage,
                        details.equals("-") ? null : json(details), kind.equals("TIMEOUT") ? null : "tab-1");

        Verdict judged = OpenCtiJudge.judge(result, codec);

        switch (verdict) {
            case "done" -> assertThat(judged).isEqualTo(Verdict.done());
            case "retry" -> assertThat(judged).isInstanceOfSatisfying(Verdict.Retry.class,
                    r -> assertThat(r.reason()).contains(reason));
            case "giveUp" -> assertThat(judged).isInstanceOfSatisfying(Verdict.GiveUp.class,
                    g -> assertThat(g.reason()).contains(reason));
            default -> throw new AssertionError("unknown verdict " + verdict);
        }
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
