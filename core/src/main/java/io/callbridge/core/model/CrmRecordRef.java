package io.callbridge.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The CRM record a call is about (a HubSpot contact, a Salesforce Lead or Account, ...). Core does not interpret
 * it; each adapter reads the references it wrote.
 *
 * @param crm the adapter's name, e.g. {@code hubspot} or {@code salesforce}
 * @param objectType the CRM's type of the record, e.g. {@code CONTACT}, {@code Lead}
 * @param id the record's id in the CRM
 * @param name a display name, or null
 */
public record CrmRecordRef(String crm, String objectType, String id, @Nullable String name) {
    public CrmRecordRef {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(id, "id");
        if (crm.isBlank() || objectType.isBlank() || id.isBlank()) {
            throw new IllegalArgumentException("crm, objectType and id of a CRM record must not be blank");
        }
    }
}
