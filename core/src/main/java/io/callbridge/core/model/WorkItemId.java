package io.callbridge.core.model;

import java.util.Objects;

/** The CRM's id of a unit of sales-cadence work (for Salesforce HVS, the step tracker or "My List" id). */
public record WorkItemId(String value) {
    public WorkItemId {
        Objects.requireNonNull(value, "workItemId");
        if (value.isBlank() || value.length() > 255 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("workItemId must be 1-255 printable characters but was '" + value + "'");
        }
    }

    public static WorkItemId of(String value) {
        return new WorkItemId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
