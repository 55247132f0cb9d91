package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.CallEndStatus;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.adapter.hubspot.message.ObjectTypeId;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import org.jspecify.annotations.Nullable;

/**
 * Builds the HubSpot messages for a call from core's view of it. Pure. The completion's engagement properties come
 * from {@link HubSpotCallLog#properties}, which a REST log uses too; {@link #fromNumber} and {@link #hubSpotRecord}
 * follow the same rules as the ones it uses (the public package cannot reach this one).
 */
final class HubSpotCallMessages {
    /** Key of the call's CRM context holding HubSpot's DIAL_NUMBER payload, verbatim. */
    static final String DIALING_CONTEXT = "hubspot.dialingContext";
    static final String CRM = "hubspot";

    private HubSpotCallMessages() {
    }

    static ToHubSpot start(Call call, HubSpotSettings settings) {
        String id = call.id().value();
        long startedAt = call.createdAt().toEpochMilli();
        if (call.direction() == Direction.OUTBOUND) {
            return new ToHubSpot.OutgoingCallStarted(id, fromNumber(call, settings), call.to().e164(), startedAt,
                    settings.createEngagement(), call.crmContext().get(DIALING_CONTEXT));
        }
        // Core always knows an inbound caller; the fallback only keeps a malformed call from stalling the script.
        String from = call.from() != null ? call.from().e164() : call.to().e164();
        return new ToHubSpot.IncomingCall(id, from, call.to().e164(), startedAt, settings.createEngagement());
    }

    static ToHubSpot.CallEnded ended(Call call, @Nullable Long engagementId) {
        return new ToHubSpot.CallEnded(call.id().value(), engagementId, endStatus(endStatusOf(call)));
    }

    static ToHubSpot.CallCompleted completed(Call call, @Nullable Long engagementId, CallScript.Context ctx) {
        // The frame's owner if it named one (the call's hubspot.ownerId link holds the same once the lane wrote it).
        EngagementProperties properties = HubSpotCallLog.properties(call, ctx.settings());
        if (ctx.ownerId() != null && !ctx.ownerId().equals(properties.hubspotOwnerId())) {
            properties = properties.withOwner(ctx.ownerId());
        }
        return new ToHubSpot.CallCompleted(call.id().value(), engagementId, null, properties);
    }

    /** HubSpot has no TRANSFERRED end status: for this agent the call ended normally after being answered. */
    static CallEndStatus endStatus(EndStatus status) {
        return switch (status) {
            case COMPLETED, TRANSFERRED -> CallEndStatus.COMPLETED;
            case BUSY -> CallEndStatus.BUSY;
            case NO_ANSWER -> CallEndStatus.NO_ANSWER;
            case FAILED -> CallEndStatus.FAILED;
            case CANCELED -> CallEndStatus.CANCELED;
            case REJECTED -> CallEndStatus.REJECTED;
            case MISSED -> CallEndStatus.MISSED;
        };
    }

    /** The HubSpot contact or company the call is about, if core holds one this adapter can use. */
    static @Nullable CrmRecordRef hubSpotRecord(Call call) {
        CrmRecordRef record = call.record();
        if (record == null || !CRM.equals(record.crm())) {
            return null;
        }
        if (!record.objectType().equals("CONTACT") && !record.objectType().equals("COMPANY")) {
            return null;
        }
        try {
            return Long.parseLong(record.id()) > 0 ? record : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ObjectTypeId objectTypeId(String objectType) {
        return "COMPANY".equals(objectType) ? ObjectTypeId.COMPANY : ObjectTypeId.CONTACT;
    }

    private static EndStatus endStatusOf(Call call) {
        return call.endStatus() != null ? call.endStatus() : EndStatus.FAILED;
    }

    /**
     * The calling number HubSpot is told: the phone system's, else an outbound call's
     * {@link HubSpotSettings#fallbackFromNumber()}.
     */
    static @Nullable String fromNumber(Call call, HubSpotSettings settings) {
        if (call.from() != null) {
            return call.from().e164();
        }
        return call.direction() == Direction.OUTBOUND ? settings.fallbackFromNumber() : null;
    }

}
