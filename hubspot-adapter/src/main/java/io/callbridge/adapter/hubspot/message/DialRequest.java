package io.callbridge.adapter.hubspot.message;

import org.jspecify.annotations.Nullable;

/**
 * The typed view of a DIAL_NUMBER payload (click-to-call in HubSpot). The library defines no type for it, so
 * only the number to dial is required; the other fields follow HubSpot's documentation.
 *
 * @param phoneNumber      the number to dial, as HubSpot shows it (not normalised)
 * @param ownerId          HubSpot owner id of the user
 * @param subjectId        id of the record the call is about
 * @param objectId         id of the record the number belongs to
 * @param objectType       kind of that record
 * @param portalId         the HubSpot account
 * @param countryCode      ISO country code HubSpot guessed for the number
 * @param calleeInfo       the callee record by id and object type id
 * @param startTimestamp   when the user clicked, epoch ms
 * @param toPhoneNumberSrc name of the phone property that was dialled
 */
public record DialRequest(
        String phoneNumber,
        @Nullable Long ownerId,
        @Nullable Long subjectId,
        @Nullable Long objectId,
        @Nullable CrmObjectType objectType,
        @Nullable Long portalId,
        @Nullable String countryCode,
        @Nullable CalleeInfo calleeInfo,
        @Nullable Long startTimestamp,
        @Nullable String toPhoneNumberSrc) {

    public DialRequest {
        Checks.text(phoneNumber, "phoneNumber");
        Checks.optId(ownerId, "ownerId");
        Checks.optId(subjectId, "subjectId");
        Checks.optId(objectId, "objectId");
        Checks.optId(portalId, "portalId");
        Checks.optNonNegative(startTimestamp, "startTimestamp");
    }
}
