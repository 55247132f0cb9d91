package io.callbridge.rest.hubspot;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's error body, as its API answers a refused request: {@code status} ({@code error}), {@code message},
 * {@code correlationId}, {@code category} (e.g. {@code VALIDATION_ERROR}, {@code OBJECT_NOT_FOUND},
 * {@code EXPIRED_AUTHENTICATION}), and for a refused property the {@code errors} naming it in
 * {@code context.propertyName}; a 429 has {@code policyName} ({@code TEN_SECONDLY_ROLLING}, {@code DAILY}) instead
 * of a category.
 *
 * @param httpStatus the response's status code
 * @param message HubSpot's text; it may quote the values sent (phone numbers, notes): show {@link #summary()} instead
 */
public record HubSpotApiError(int httpStatus, @Nullable String category, String message,
        @Nullable String correlationId, @Nullable String policyName, List<Detail> errors) {

    /** One entry of {@code errors}: its {@code code} (e.g. {@code PROPERTY_DOESNT_EXIST}) and the properties named. */
    public record Detail(@Nullable String code, @Nullable String message, List<String> propertyNames) {
        public Detail {
            propertyNames = List.copyOf(propertyNames);
        }
    }

    public HubSpotApiError {
        Objects.requireNonNull(message, "message");
        errors = List.copyOf(errors);
    }

    /** Every property that {@code errors} names, in order, without repeats. */
    public List<String> propertyNames() {
        return errors.stream().flatMap(d -> d.propertyNames().stream()).distinct().toList();
    }

    /**
     * A text safe to show the agent and log: the status, category, codes and property names, never HubSpot's message
     * (which may quote the values sent).
     */
    public String summary() {
        StringBuilder s = new StringBuilder("HTTP ").append(httpStatus);
        if (category != null) {
            s.append(' ').append(category);
        }
        if (policyName != null) {
            s.append(" (").append(policyName).append(')');
        }
        String details = errors.stream()
                .map(d -> (d.code() == null ? "error" : d.code())
                        + (d.propertyNames().isEmpty() ? "" : " on " + String.join(", ", d.propertyNames())))
                .collect(Collectors.joining("; "));
        if (!details.isEmpty()) {
            s.append(": ").append(details);
        }
        if (correlationId != null) {
            s.append(" [correlationId ").append(correlationId).append(']');
        }
        return s.toString();
    }
}
