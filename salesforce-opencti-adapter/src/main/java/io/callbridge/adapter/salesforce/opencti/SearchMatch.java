package io.callbridge.adapter.salesforce.opencti;

import org.jspecify.annotations.Nullable;

/**
 * One record a {@code searchAndScreenPop} found.
 *
 * @param recordType the object's API name as Salesforce reports it ({@code RecordType}, or {@code object} in some
 *     entries), e.g. {@code Contact}, if it did
 * @param personAccount whether the record is a person account ({@code IsPersonAccount})
 * @param personContactId the contact behind a person account ({@code PersonContactId}), if Salesforce sent it
 */
public record SearchMatch(String recordId, @Nullable String name, @Nullable String recordType, boolean personAccount,
        @Nullable String personContactId) {

    public SearchMatch {
        Args.salesforceId(recordId, "recordId");
        Args.salesforceIdIfPresent(personContactId, "personContactId");
    }

    /** A match that is not a person account. */
    public SearchMatch(String recordId, @Nullable String name, @Nullable String recordType) {
        this(recordId, name, recordType, false, null);
    }
}
