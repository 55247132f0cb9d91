package io.callbridge.adapter.hubspot.message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot call-engagement properties sent with CALL_COMPLETED. Java names drop the {@code hs_call_} prefix; the
 * wire name is given per component. Only {@code hs_timestamp} is required.
 *
 * @param timestamp       {@code hs_timestamp}: places the call on the record timeline; written as epoch ms
 * @param body            {@code hs_call_body}: notes
 * @param calleeObjectId  {@code hs_call_callee_object_id}: the record called (outbound) or calling (inbound)
 * @param calleeObjectType {@code hs_call_callee_object_type}
 * @param direction       {@code hs_call_direction}
 * @param disposition     {@code hs_call_disposition}: id of a call outcome configured in the portal
 * @param duration        {@code hs_call_duration}: written as a string of milliseconds, as HubSpot expects
 * @param fromNumber      {@code hs_call_from_number}
 * @param recordingUrl    {@code hs_call_recording_url}: must be https (HubSpot drops anything else)
 * @param status          {@code hs_call_status}
 * @param title           {@code hs_call_title}
 * @param source          {@code hs_call_source}: needed only to use HubSpot's recording/transcription pipeline
 * @param toNumber        {@code hs_call_to_number}
 * @param hubspotOwnerId  {@code hubspot_owner_id}: the user shown as the call's creator; written as a string
 * @param activityType    {@code hs_activity_type}: one of the call types configured in the portal
 * @param attachmentIds   {@code hs_attachment_ids}: written semicolon-separated
 */
public record EngagementProperties(
        Instant timestamp,
        @Nullable String body,
        @Nullable Long calleeObjectId,
        @Nullable CrmObjectType calleeObjectType,
        @Nullable CallDirection direction,
        @Nullable String disposition,
        @Nullable Duration duration,
        @Nullable String fromNumber,
        @Nullable URI recordingUrl,
        @Nullable CallStatus status,
        @Nullable String title,
        @Nullable CallSource source,
        @Nullable String toNumber,
        @Nullable Long hubspotOwnerId,
        @Nullable String activityType,
        @Nullable List<String> attachmentIds) {

    public EngagementProperties {
        timestamp = Checks.millis(timestamp, "hs_timestamp");
        Checks.optId(calleeObjectId, "hs_call_callee_object_id");
        duration = Checks.optMillis(duration, "hs_call_duration");
        Checks.optHttps(recordingUrl, "hs_call_recording_url");
        Checks.optId(hubspotOwnerId, "hubspot_owner_id");
        if (attachmentIds != null) {
            attachmentIds = Checks.list(attachmentIds, "hs_attachment_ids");
            for (String id : attachmentIds) {
                // The wire form joins ids with ';', so an id containing one could not be read back.
                if (id.isBlank() || id.indexOf(';') >= 0) {
                    throw new InvalidFieldException("hs_attachment_ids", "has an invalid id: '" + id + "'");
                }
            }
        }
    }

    /** Properties with only the required timestamp set; add the rest with the {@code with…} methods. */
    public static EngagementProperties at(Instant timestamp) {
        return new EngagementProperties(timestamp, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public EngagementProperties withBody(@Nullable String body) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withCallee(@Nullable Long objectId, @Nullable CrmObjectType objectType) {
        return new EngagementProperties(timestamp, body, objectId, objectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withCall(@Nullable CallDirection direction, @Nullable CallStatus status,
            @Nullable Duration duration, @Nullable String fromNumber, @Nullable String toNumber) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withRecording(@Nullable URI recordingUrl, @Nullable CallSource source) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withOutcome(@Nullable String disposition, @Nullable String title,
            @Nullable String activityType) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withOwner(@Nullable Long hubspotOwnerId) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }

    public EngagementProperties withAttachmentIds(@Nullable List<String> attachmentIds) {
        return new EngagementProperties(timestamp, body, calleeObjectId, calleeObjectType, direction, disposition,
                duration, fromNumber, recordingUrl, status, title, source, toNumber, hubspotOwnerId, activityType,
                attachmentIds);
    }
}
