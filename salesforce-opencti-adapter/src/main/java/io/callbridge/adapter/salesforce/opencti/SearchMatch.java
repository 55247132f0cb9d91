package io.callbridge.adapter.salesforce.opencti;

import org.jspecify.annotations.Nullable;

/**
 * One record a {@code searchAndScreenPop} found.
 *
 * @param recordType the object's API name as Salesforce reports it (e.g. {@code Contact}), if it did
 */
public record SearchMatch(String recordId, @Nullable String name, @Nullable String recordType) {

    public SearchMatch {
        Args.salesforceId(recordId, "recordId");
    }
}
