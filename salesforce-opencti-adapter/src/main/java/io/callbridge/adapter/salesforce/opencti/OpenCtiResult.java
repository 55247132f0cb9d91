package io.callbridge.adapter.salesforce.opencti;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The callback result Salesforce returns for every Open CTI method. Only {@code success} is reliable; the
 * return value's shape depends on the method, so it stays JSON text for the caller to read.
 *
 * @param returnValueJson the {@code returnValue} as JSON text, {@code null} when Salesforce sent none
 */
public record OpenCtiResult(boolean success, @Nullable String returnValueJson, List<OpenCtiError> errors)
        implements InvocationOutcome {

    public OpenCtiResult {
        errors = List.copyOf(Args.present(errors, "errors"));
    }

    public static OpenCtiResult succeeded(@Nullable String returnValueJson) {
        return new OpenCtiResult(true, returnValueJson, List.of());
    }

    public static OpenCtiResult failed(List<OpenCtiError> errors) {
        return new OpenCtiResult(false, null, errors);
    }
}
