package io.callbridge.adapter.hubspot.message;

import org.jspecify.annotations.Nullable;

/**
 * The typed view of a DIAL_NUMBER payload (click-to-call in HubSpot). The library defines no type for it, so
 * only the number to dial is required; the other fields follow HubSpot's documentation. Real payloads are looser than
 * the documentation (HubSpot/calling-extensions-sdk issues #207, #216, #228): {@code subjectId: 0} and
 * {@code objectId: 0} with no {@code objectType} when the user calls from a ticket, object types beyond contact and
 * company ({@code TICKET}, {@code DEAL}, custom objects), extra keys ({@code phone_number}, {@code threadId}), and an
 * {@code objectId} naming the record on screen while {@code calleeInfo} names the person called. So an id of 0 means
 * none, the object type is kept as HubSpot's name for it, and extra keys stay in the verbatim payload.
 *
 * @param phoneNumber      the number to dial, as HubSpot shows it (not normalised)
 * @param ownerId          HubSpot owner id of the user
 * @param subjectId        id of the record the call is about; null when HubSpot sent none or 0
 * @param objectId         id of the record on screen when the user clicked; null when HubSpot sent none or 0
 * @param objectType       HubSpot's name for the kind of that record ({@code CONTACT}, {@code COMPANY},
 *                         {@code TICKET}, {@code DEAL}, a custom object's name), as sent
 * @param portalId         the HubSpot account
 * @param countryCode      ISO country code HubSpot guessed for the number
 * @param calleeInfo       the person called, by id and object type id: what the call is about
 * @param startTimestamp   when the user clicked, epoch ms
 * @param toPhoneNumberSrc name of the phone property that was dialled
 */
public record DialRequest(
        String phoneNumber,
        @Nullable Long ownerId,
        @Nullable Long subjectId,
        @Nullable Long objectId,
        @Nullable String objectType,
        @Nullable Long portalId,
        @Nullable String countryCode,
        @Nullable CalleeInfo calleeInfo,
        @Nullable Long startTimestamp,
        @Nullable String toPhoneNumberSrc) {

    public DialRequest {
        Checks.text(phoneNumber, "phoneNumber");
        Checks.optId(ownerId, "ownerId");
        subjectId = noneIfZero(subjectId);
        objectId = noneIfZero(objectId);
        Checks.optId(subjectId, "subjectId");
        Checks.optId(objectId, "objectId");
        Checks.optText(objectType, "objectType");
        Checks.optId(portalId, "portalId");
        Checks.optNonNegative(startTimestamp, "startTimestamp");
    }

    /** HubSpot sends 0 where it has no record (issue #228 of its SDK). */
    private static @Nullable Long noneIfZero(@Nullable Long id) {
        return id != null && id == 0 ? null : id;
    }
}
