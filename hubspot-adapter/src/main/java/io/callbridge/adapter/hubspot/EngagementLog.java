package io.callbridge.adapter.hubspot;

import io.callbridge.adapter.hubspot.message.CallDirection;
import io.callbridge.adapter.hubspot.message.CallSource;
import io.callbridge.adapter.hubspot.message.CallStatus;
import io.callbridge.adapter.hubspot.message.CrmObjectType;
import io.callbridge.adapter.hubspot.message.DialRequest;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.ObjectTypeId;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engagement properties of a call's log, as {@code CALL_COMPLETED} carries them and HubSpot's Calls API takes
 * them: the one place they are made, for the frame's message and for {@link HubSpotCallLog#properties}. Pure.
 */
final class EngagementLog {
    private static final Logger LOG = LoggerFactory.getLogger(EngagementLog.class);

    /** Key of the call's CRM context holding HubSpot's DIAL_NUMBER payload, verbatim. */
    static final String DIALING_CONTEXT = "hubspot.dialingContext";
    static final String CRM = "hubspot";
    /** HubSpot's limit for a call body; longer notes are cut rather than refused. */
    static final int MAX_BODY = 65_536;

    private EngagementLog() {
    }

    static EngagementProperties properties(Call call, HubSpotSettings settings, @Nullable Long ownerId) {
        return properties(call, settings, ownerId, true);
    }

    /**
     * @param warnUnmapped whether a disposition {@code settings} does not map is logged at WARN (the frame's log);
     *     false where the caller maps dispositions itself (the REST fallback reads the portal's outcomes)
     */
    static EngagementProperties properties(Call call, HubSpotSettings settings, @Nullable Long ownerId,
            boolean warnUnmapped) {
        EndStatus status = endStatusOf(call);
        CallOutcome outcome = call.outcome() != null ? call.outcome() : CallOutcome.NONE;
        DialRequest dial = dialRequest(call);
        Instant end = call.endedAt() != null ? call.endedAt() : call.createdAt();
        Duration talk = call.talkTime(end);

        Long calleeId = null;
        CrmObjectType calleeType = null;
        if (dial != null && dial.calleeInfo() != null) {
            calleeId = dial.calleeInfo().calleeId();
            calleeType = objectType(dial.calleeInfo().calleeObjectTypeId());
        } else if (dial != null && dial.objectId() != null && crmObjectType(dial.objectType()) != null) {
            calleeId = dial.objectId();
            calleeType = crmObjectType(dial.objectType());
        } else if (hubSpotRecord(call) != null) {
            CrmRecordRef record = hubSpotRecord(call);
            calleeId = Long.parseLong(record.id());
            calleeType = CrmObjectType.valueOf(record.objectType());
        }
        Long owner = ownerId != null ? ownerId : dial != null ? dial.ownerId() : null;

        // One record rather than a with… chain: each with… builds and checks a whole new one.
        URI recording = httpsOnly(call, outcome.recordingUrl() != null ? outcome.recordingUrl() : call.recordingUrl());
        String disposition = disposition(outcome.disposition(), settings, warnUnmapped);
        return new EngagementProperties(call.createdAt(), body(outcome.notes()), calleeId, calleeType,
                call.direction() == Direction.OUTBOUND ? CallDirection.OUTBOUND : CallDirection.INBOUND, disposition,
                talk, fromNumber(call, settings), recording, callStatus(status), title(call),
                // The SDK's engagement properties: a recording enters HubSpot's recording and transcription pipeline
                // only with hs_call_source = INTEGRATIONS_PLATFORM.
                recording == null ? null : CallSource.INTEGRATIONS_PLATFORM,
                call.to().e164(), owner,
                null, null);
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

    static @Nullable DialRequest dialRequest(Call call) {
        String raw = call.crmContext().get(DIALING_CONTEXT);
        if (raw == null) {
            return null;
        }
        try {
            return FromHubSpot.DialNumber.ofPayload(raw).request();
        } catch (RuntimeException e) {
            // Checked when the dial came in; a context written by someone else is ignored, not fatal.
            // The reason may quote the payload (a phone number, a name): only at DEBUG.
            LOG.warn("call {} has an unreadable {}; ignored", call.id(), DIALING_CONTEXT);
            LOG.debug("call {} has an unreadable {}: {}", call.id(), DIALING_CONTEXT, e.getMessage());
            return null;
        }
    }

    private static EndStatus endStatusOf(Call call) {
        return call.endStatus() != null ? call.endStatus() : EndStatus.FAILED;
    }

    /** A contact or company by HubSpot's name; other objects (tickets, deals) are never a callee. */
    private static @Nullable CrmObjectType crmObjectType(@Nullable String name) {
        for (CrmObjectType type : CrmObjectType.values()) {
            if (type.wireValue().equals(name)) {
                return type;
            }
        }
        return null;
    }

    private static CrmObjectType objectType(ObjectTypeId id) {
        return id == ObjectTypeId.COMPANY ? CrmObjectType.COMPANY : CrmObjectType.CONTACT;
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

    private static @Nullable String body(@Nullable String notes) {
        if (notes == null || notes.isBlank()) {
            return null;
        }
        return Texts.truncate(notes, MAX_BODY);
    }

    private static @Nullable URI httpsOnly(Call call, @Nullable URI url) {
        if (url == null) {
            return null;
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            // HubSpot drops anything else, and a plain-http link to a recording should not travel anyway.
            // Recording links often carry a signed token: the URL itself only at DEBUG.
            LOG.info("call {}: recording URL is not https; left out of the HubSpot engagement", call.id());
            LOG.debug("call {}: recording URL {} left out", call.id(), url);
            return null;
        }
        return url;
    }

    private static @Nullable String disposition(@Nullable String code, HubSpotSettings settings,
            boolean warnUnmapped) {
        if (code == null) {
            return null;
        }
        String id = settings.dispositions().get(code);
        if (id == null && warnUnmapped) {
            LOG.warn("disposition '{}' has no HubSpot outcome id in HubSpotSettings.dispositions; left out", code);
        }
        return id;
    }

    private static String title(Call call) {
        CrmRecordRef record = call.record();
        if (record != null && record.name() != null && !record.name().isBlank()) {
            return "Call with " + record.name();
        }
        if (call.direction() == Direction.OUTBOUND) {
            return "Outbound call to " + call.to().e164();
        }
        return "Inbound call from " + (call.from() != null ? call.from().e164() : "unknown number");
    }

    /** {@code hs_call_status} has neither REJECTED nor MISSED: the nearest values HubSpot reports on are used. */
    static CallStatus callStatus(EndStatus status) {
        return switch (status) {
            case COMPLETED, TRANSFERRED -> CallStatus.COMPLETED;
            case BUSY -> CallStatus.BUSY;
            case NO_ANSWER, MISSED -> CallStatus.NO_ANSWER;
            case FAILED -> CallStatus.FAILED;
            case CANCELED, REJECTED -> CallStatus.CANCELED;
        };
    }
}
