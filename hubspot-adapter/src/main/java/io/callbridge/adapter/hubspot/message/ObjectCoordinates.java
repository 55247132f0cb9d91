package io.callbridge.adapter.hubspot.message;

import java.util.Objects;

/** Points at one CRM record: portal, record id and object type (contact or company). */
public record ObjectCoordinates(long portalId, long objectId, ObjectTypeId objectTypeId) {
    public ObjectCoordinates {
        Checks.id(portalId, "portalId");
        Checks.id(objectId, "objectId");
        Objects.requireNonNull(objectTypeId, "objectTypeId");
    }
}
