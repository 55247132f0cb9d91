package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.model.Call;
import io.callbridge.core.model.CrmRecordRef;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which Task fields name the record a call is about. Salesforce accepts only Leads and Contacts as {@code WhoId} and
 * everything else as {@code WhatId}; a person account is an Account with a Contact behind it, so its Task gets the
 * contact as WhoId and the account as WhatId. Logging to the wrong one of the two fails the whole save.
 */
record RecordLinks(@Nullable String whoId, @Nullable String whatId) {

    static final String CRM = "salesforce";
    static final RecordLinks NONE = new RecordLinks(null, null);

    /** crmContext keys a click-to-dial leaves on its call. */
    static final String CONTEXT_RECORD = "salesforce.recordId";
    static final String CONTEXT_WHO = "salesforce.whoId";
    static final String CONTEXT_WHAT = "salesforce.whatId";

    /** What a click-to-dial from a record means. */
    static RecordLinks forRecord(@Nullable String objectType, @Nullable String recordId, boolean personAccount,
            @Nullable String accountId, @Nullable String contactId) {
        if (personAccount && contactId != null) {
            return new RecordLinks(contactId, accountId != null ? accountId : recordId);
        }
        if (recordId == null) {
            return NONE;
        }
        return isPerson(objectType, recordId) ? new RecordLinks(recordId, null) : new RecordLinks(null, recordId);
    }

    /**
     * What a call's Task links to: the click-to-dial's links while the call is still about the record it was dialled
     * from, else whatever Salesforce record was attached to the call later (an inbound match, the agent's choice).
     */
    static RecordLinks of(Call call) {
        CrmRecordRef record = call.record();
        if (record == null || !CRM.equals(record.crm())) {
            return NONE;
        }
        Map<String, String> context = call.crmContext();
        if (record.id().equals(context.get(CONTEXT_RECORD))) {
            return new RecordLinks(context.get(CONTEXT_WHO), context.get(CONTEXT_WHAT));
        }
        return forRecord(record.objectType(), record.id(), false, null, null);
    }

    /**
     * Leads and Contacts are "who"; the type is trusted when Salesforce sent it, else the id's key prefix tells
     * ({@code 00Q} Lead, {@code 003} Contact).
     */
    static boolean isPerson(@Nullable String objectType, String recordId) {
        if (objectType != null) {
            return objectType.equals("Lead") || objectType.equals("Contact");
        }
        return recordId.startsWith("00Q") || recordId.startsWith("003");
    }

    /** The object type for a record whose type Salesforce did not send, from its key prefix where well known. */
    static String objectTypeOf(@Nullable String objectType, String recordId) {
        if (objectType != null) {
            return objectType;
        }
        if (recordId.startsWith("00Q")) {
            return "Lead";
        } else if (recordId.startsWith("003")) {
            return "Contact";
        } else if (recordId.startsWith("001")) {
            return "Account";
        } else if (recordId.startsWith("006")) {
            return "Opportunity";
        } else if (recordId.startsWith("500")) {
            return "Case";
        }
        return "Unknown";
    }
}
