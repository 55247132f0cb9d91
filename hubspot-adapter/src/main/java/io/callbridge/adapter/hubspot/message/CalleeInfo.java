package io.callbridge.adapter.hubspot.message;

import java.util.Objects;

/** The record being called in DIAL_NUMBER, by id and object type id. */
public record CalleeInfo(long calleeId, ObjectTypeId calleeObjectTypeId) {
    public CalleeInfo {
        Checks.id(calleeId, "calleeId");
        Objects.requireNonNull(calleeObjectTypeId, "calleeObjectTypeId");
    }
}
