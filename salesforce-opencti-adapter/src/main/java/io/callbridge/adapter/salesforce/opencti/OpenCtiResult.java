package io.callbridge.adapter.salesforce.opencti;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The callback result Salesforce returns for every Open CTI method. Only {@code success} is reliable; the
 * return value's shape depends on the method, so it is kept as read, in the model's plain-Java JSON form
 * ({@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link java.math.BigDecimal}, unmodifiable
 * {@link List} and {@link java.util.Map}), for the caller (or {@link OpenCtiCodec}'s readers) to look into
 * without parsing it again.
 *
 * @param returnValue the {@code returnValue}, {@code null} when Salesforce sent none
 */
public record OpenCtiResult(boolean success, @Nullable Object returnValue, List<OpenCtiError> errors)
        implements InvocationOutcome {

    public OpenCtiResult {
        returnValue = JsonValues.any(returnValue, "returnValue");
        errors = List.copyOf(Args.present(errors, "errors"));
    }

    public static OpenCtiResult succeeded(@Nullable Object returnValue) {
        return new OpenCtiResult(true, returnValue, List.of());
    }

    public static OpenCtiResult failed(List<OpenCtiError> errors) {
        return new OpenCtiResult(false, null, errors);
    }
}
