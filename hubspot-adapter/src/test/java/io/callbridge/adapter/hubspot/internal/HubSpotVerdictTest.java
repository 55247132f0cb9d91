package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HubSpot's rule: what ran is done, what no frame answered may land later, what the SDK refused is final. */
class HubSpotVerdictTest {

    @Test
    void whatTheSdkRanIsDone() {
        assertThat(HubSpotVerdict.judge(new InvocationResult.Success("null", "s1")))
                .isInstanceOf(SideEffect.Verdict.Done.class);
    }

    @Test
    void whatNoFrameAnsweredInTimeIsRetriedWithTheTransportsReason() {
        assertThat(HubSpotVerdict.judge(failure(InvocationResult.Kind.TIMEOUT, "no frame answered within PT10S")))
                .isEqualTo(new SideEffect.Verdict.Retry("no frame answered within PT10S"));
    }

    @Test
    void noFrameWouldBeRetriedThoughTheDeliveryWaitsForAFrameBeforeAnyVerdict() {
        assertThat(HubSpotVerdict.judge(failure(InvocationResult.Kind.NO_FRAME, "no frame")))
                .isInstanceOf(SideEffect.Verdict.Retry.class);
    }

    @ParameterizedTest
    @EnumSource(value = InvocationResult.Kind.class, names = {"CRM_ERROR", "BRIDGE_ERROR"})
    void whatTheSdkRefusedOrThePageCouldNotRunIsFinalWithItsMessage(InvocationResult.Kind kind) {
        assertThat(HubSpotVerdict.judge(failure(kind, "outgoingCall threw: engagement locked")))
                .isEqualTo(new SideEffect.Verdict.GiveUp("outgoingCall threw: engagement locked"));
    }

    private static InvocationResult failure(InvocationResult.Kind kind, String message) {
        return new InvocationResult.Failure(kind, message, null, kind == InvocationResult.Kind.TIMEOUT
                || kind == InvocationResult.Kind.NO_FRAME ? null : "s1");
    }
}
