package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiError;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.core.bridge.InvocationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What an invocation's result means for the flow: done, worth retrying, or failed for good. */
sealed interface Verdict {

    record Succeeded(OpenCtiResult result) implements Verdict { }

    /** Salesforce or the bridge may do better later, on this frame or another (timeouts, server errors, no frame). */
    record Transient(String reason) implements Verdict { }

    /** Retrying would fail the same way: Salesforce refused the arguments, or the bridge could not run the method. */
    record Permanent(String reason) implements Verdict { }

    static Verdict of(InvocationResult result, OpenCtiCodec codec) {
        if (result instanceof InvocationResult.Success s) {
            OpenCtiResult r;
            try {
                r = codec.decodeResult(s.valueJson());
            } catch (OpenCtiMessageException e) {
                // The method ran, but nobody can tell what it did: running it again might do it twice.
                return new Permanent("unreadable result from frame " + s.sessionId() + ": " + e.getMessage());
            }
            return r.success() ? new Succeeded(r) : ofErrors(r.errors());
        }
        InvocationResult.Failure f = (InvocationResult.Failure) result;
        switch (f.kind()) {
            case TIMEOUT:
            case NO_FRAME:
                return new Transient(f.kind() + ": " + f.message());
            case BRIDGE_ERROR:
                return new Permanent("the bridge could not run it: " + f.message());
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
        return invalid ? new Permanent(text) : new Transient(text);
    }
}
