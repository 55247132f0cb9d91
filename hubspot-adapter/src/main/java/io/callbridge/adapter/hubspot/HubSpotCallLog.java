package io.callbridge.adapter.hubspot;

import io.callbridge.adapter.hubspot.message.CallDirection;
import io.callbridge.adapter.hubspot.message.CallStatus;
import io.callbridge.adapter.hubspot.message.CrmObjectType;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PLACEHOLDER FROM HSREST, REPLACED BY THE ADAPTERS BRANCH: only the signatures of the adapter's call-log facade, with
 * a rough body, so that hubspot-rest compiles on the hsrest branch. The merger drops this commit.
 */
public final class HubSpotCallLog {
    public static final String CRM = "hubspot";
    public static final String METHOD = "CALL_COMPLETED";
    private static final String PREFIX = "hubspot:";
    private static final String SUFFIX = ":" + METHOD;

    private HubSpotCallLog() {
    }

    public static String key(CallId call) {
        return PREFIX + call.value() + SUFFIX;
    }

    public static @Nullable CallId callOf(String key) {
        if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX) || key.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        return CallId.of(key.substring(PREFIX.length(), key.length() - SUFFIX.length()));
    }

    public static boolean settled(Call call) {
        return call.crmLinks().containsKey("hubspot.completed") || call.crmLinks().containsKey("hubspot.completeFailed");
    }

    public static boolean readyToLog(Call call) {
        return call.state() == CallState.WRAPPED_UP;
    }

    public static @Nullable Long engagementId(Call call) {
        return id(call.crmLinks().get("hubspot.engagementId"));
    }

    public static @Nullable Long portalId(Call call) {
        return id(call.crmLinks().get("hubspot.portalId"));
    }

    public static @Nullable Long ownerId(Call call) {
        return id(call.crmLinks().get("hubspot.ownerId"));
    }

    public static EngagementProperties properties(Call call, HubSpotSettings settings) {
        var outcome = call.outcome();
        String disposition = outcome == null || outcome.disposition() == null ? null
                : settings.dispositions().get(outcome.disposition());
        URI recording = outcome != null && outcome.recordingUrl() != null ? outcome.recordingUrl() : call.recordingUrl();
        if (recording != null && !"https".equalsIgnoreCase(recording.getScheme())) {
            recording = null;
        }
        Long calleeId = null;
        CrmObjectType calleeType = null;
        CrmRecordRef record = call.record();
        if (record != null && CRM.equals(record.crm())
                && (record.objectType().equals("CONTACT") || record.objectType().equals("COMPANY"))) {
            calleeId = id(record.id());
            calleeType = calleeId == null ? null : CrmObjectType.valueOf(record.objectType());
        }
        Instant end = call.endedAt() != null ? call.endedAt() : call.createdAt();
        CallStatus status = call.endStatus() == null ? CallStatus.COMPLETED : switch (call.endStatus()) {
            case COMPLETED, TRANSFERRED -> CallStatus.COMPLETED;
            case BUSY -> CallStatus.BUSY;
            case NO_ANSWER, MISSED -> CallStatus.NO_ANSWER;
            case FAILED -> CallStatus.FAILED;
            case CANCELED, REJECTED -> CallStatus.CANCELED;
        };
        return new EngagementProperties(call.createdAt(), outcome == null ? null : outcome.notes(), calleeId,
                calleeType, call.direction() == Direction.OUTBOUND ? CallDirection.OUTBOUND : CallDirection.INBOUND,
                disposition, call.talkTime(end), call.from() == null ? null : call.from().e164(), recording, status,
                "Call " + call.id().value(), null, call.to().e164(), ownerId(call), null, null);
    }

    public static Map<String, String> doneLinks(Instant at, @Nullable Long engagementId) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("hubspot.completed", at.toString());
        if (engagementId != null) {
            links.put("hubspot.engagementId", Long.toString(engagementId));
        }
        return links;
    }

    public static Map<String, String> failedLinks(Instant at) {
        return Map.of("hubspot.completeFailed", at.toString());
    }

    private static @Nullable Long id(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
