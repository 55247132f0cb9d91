package io.callbridge.adapter.hubspot.internal;

import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect;

/**
 * HubSpot's rule for one attempt of a message ({@link SideEffect#judge}): the SDK call returned, so it is done; no frame
 * answered in time, so it may land on a later attempt, under the same id; the SDK refused it or the page could not run
 * it, so sending it again would fail the same way and only hold up the call's later messages. Pure.
 */
final class HubSpotVerdict {
    private HubSpotVerdict() {
    }

    static SideEffect.Verdict judge(InvocationResult result) {
        if (result instanceof InvocationResult.Success) {
            return SideEffect.Verdict.done();
        }
        InvocationResult.Failure failure = (InvocationResult.Failure) result;
        return switch (failure.kind()) {
            // NO_FRAME never reaches a verdict (core's Delivery waits for a frame); were it judged, it would be this.
            case TIMEOUT, NO_FRAME -> new SideEffect.Verdict.Retry(failure.message());
            case CRM_ERROR, BRIDGE_ERROR -> new SideEffect.Verdict.GiveUp(failure.message());
        };
    }
}
