package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiError;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect.Verdict;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Salesforce's rule for what one attempt of an Open CTI call came to, as core's {@code Delivery} asks it of every owed
 * side effect: done, worth retrying with backoff, or final. Only what cannot get better is final: Salesforce refusing
 * the arguments ({@code INVALID_PARAM}), the bridge unable to run the method, or a result nobody can read (running it
 * again might do it twice). Salesforce's other errors ({@code GENERIC_ERROR}, {@code SERVER_ERROR}, container errors,
 * codes this model does not know) and timeouts are often gone a moment later, or on another tab. Pure.
 */
final class OpenCtiJudge {
    private OpenCtiJudge() {
    }

    static Verdict judge(InvocationResult result, OpenCtiCodec codec) {
        if (result instanceof InvocationResult.Success s) {
            OpenCtiResult r;
            try {
                r = codec.decodeResult(s.valueJson());
            } catch (OpenCtiMessageException e) {
                // The method ran, but nobody can tell what it did: running it again might do it twice.
                return new Verdict.GiveUp("unreadable result from frame " + s.sessionId() + ": " + e.getMessage());
            }
            return r.success() ? Verdict.done() : ofErrors(r.errors());
        }
        InvocationResult.Failure f = (InvocationResult.Failure) result;
        switch (f.kind()) {
            case TIMEOUT:
                return new Verdict.Retry(f.kind() + ": " + f.message());
            case NO_FRAME:
                // Delivery waits for a frame itself and never asks about this; should anyone, a frame may yet come.
                return new Verdict.Retry(f.kind() + ": " + f.message());
            case BRIDGE_ERROR:
                return new Verdict.GiveUp("the bridge could not run it: " + f.message());
            case CRM_ERROR:
                return ofErrors(errors(f.detailsJson(), codec));
            default:
                throw new IllegalStateException("unhandled failure kind " + f.kind());
        }
    }

    private static List<OpenCtiError> errors(@Nullable String detailsJson, OpenCtiCodec codec) {
        if (detailsJson == null) {
            return List.of();
        }
        try {
            return codec.decodeErrors(detailsJson);
        } catch (OpenCtiMessageException e) {
            return List.of();
        }
    }

    /** Only INVALID_PARAM is final: GENERIC_ERROR, SERVER_ERROR and container errors are often gone a moment later. */
    private static Verdict ofErrors(List<OpenCtiError> errors) {
        String text = errors.isEmpty() ? "Salesforce reported a failure without details"
                : errors.stream().map(e -> e.rawCode() + " " + e.description()).collect(Collectors.joining("; "));
        boolean invalid = errors.stream().anyMatch(e -> e.code() == OpenCtiError.Code.INVALID_PARAM);
        return invalid ? new Verdict.GiveUp(text) : new Verdict.Retry(text);
    }
}
