package io.callbridge.adapter.hubspot.message;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What HubSpot sends to the calling app (the SDK's "events from HubSpot"), one record per message type,
 * deprecated ones included because HubSpot still sends them. Where the library defines no payload and HubSpot's
 * documentation names no fields, the record keeps the payload as raw JSON ({@code payload}, null when the message
 * has no data) instead of guessing a shape.
 */
public sealed interface FromHubSpot extends HubSpotMessage {

    /**
     * Handshake start. On the wire the fields sit at the top level of the posted object; the bridge moves them under
     * {@code data}. The SDK's own host sends only {@code hostUrl}; HubSpot adds the rest.
     */
    record Sync(String hostUrl, @Nullable Long portalId, @Nullable Long userId, @Nullable Long ownerId,
            @Nullable Long engagementId, @Nullable IframeLocation iframeLocation, @Nullable Boolean usesCallingWindow)
            implements FromHubSpot {
        public Sync {
            Checks.text(hostUrl, "hostUrl");
            Checks.optId(portalId, "portalId");
            Checks.optId(userId, "userId");
            Checks.optId(ownerId, "ownerId");
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "SYNC";
        }
    }

    /**
     * Handshake done. Never posted: the SDK raises it locally after SYNC (with the SYNC fields, any of which may
     * be missing) and after SET_WIDGET_URL (with only {@code iFrameUrl}); the bridge forwards it.
     */
    record Ready(@Nullable String hostUrl, @Nullable Long portalId, @Nullable Long userId, @Nullable Long ownerId,
            @Nullable Long engagementId, @Nullable IframeLocation iframeLocation, @Nullable Boolean usesCallingWindow,
            @Nullable String iFrameUrl) implements FromHubSpot {
        public Ready {
            Checks.optText(hostUrl, "hostUrl");
            Checks.optId(portalId, "portalId");
            Checks.optId(userId, "userId");
            Checks.optId(ownerId, "ownerId");
            Checks.optId(engagementId, "engagementId");
            Checks.optText(iFrameUrl, "iFrameUrl");
        }

        @Override
        public String type() {
            return "READY";
        }
    }

    /**
     * Click-to-call. {@code payload} is the whole data object as received (compact JSON): the app must echo it as
     * {@code dialingContext}, unknown keys included. {@code request} is its typed view; the constructor checks that
     * the two agree, so use {@link #ofPayload(String)} to build one from JSON.
     */
    record DialNumber(DialRequest request, String payload) implements FromHubSpot {
        public DialNumber {
            Objects.requireNonNull(request, "request");
            payload = Checks.jsonObject(payload, "");
            DialRequest parsed = Decoder.dialRequest(Fields.of(Decoder.readObject(payload)));
            if (!parsed.equals(request)) {
                throw new InvalidFieldException("", "does not match the typed request " + request);
            }
        }

        /** Reads the typed view from the raw payload; throws {@link HubSpotMessageException} when it cannot. */
        public static DialNumber ofPayload(String payload) {
            String compact = Checks.jsonObject(payload, "");
            return new DialNumber(Decoder.dialRequest(Fields.of(Decoder.readObject(compact))), compact);
        }

        @Override
        public String type() {
            return "DIAL_NUMBER";
        }
    }

    record CreateEngagementSucceeded(long engagementId) implements FromHubSpot {
        public CreateEngagementSucceeded {
            Checks.id(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "CREATE_ENGAGEMENT_SUCCEEDED";
        }
    }

    /** {@code errorMessage} is the wire {@code error.message}. */
    record CreateEngagementFailed(@Nullable String errorMessage) implements FromHubSpot {
        @Override
        public String type() {
            return "CREATE_ENGAGEMENT_FAILED";
        }
    }

    /** Deprecated by HubSpot in favour of CREATE_ENGAGEMENT_SUCCEEDED, still sent. */
    record EngagementCreated(long engagementId) implements FromHubSpot {
        public EngagementCreated {
            Checks.id(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "ENGAGEMENT_CREATED";
        }
    }

    record UpdateEngagementSucceeded(long engagementId) implements FromHubSpot {
        public UpdateEngagementSucceeded {
            Checks.id(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "UPDATE_ENGAGEMENT_SUCCEEDED";
        }
    }

    /** {@code errorMessage} is the wire {@code error.message}. */
    record UpdateEngagementFailed(@Nullable String errorMessage) implements FromHubSpot {
        @Override
        public String type() {
            return "UPDATE_ENGAGEMENT_FAILED";
        }
    }

    record FinalizeEngagementSucceeded(long engagementId, String externalCallId) implements FromHubSpot {
        public FinalizeEngagementSucceeded {
            Checks.id(engagementId, "engagementId");
            Checks.text(externalCallId, "externalCallId");
        }

        @Override
        public String type() {
            return "FINALIZE_ENGAGEMENT_SUCCEEDED";
        }
    }

    /** Both ids optional: a failure may happen before HubSpot knows them. */
    record FinalizeEngagementFailed(@Nullable Long engagementId, @Nullable String externalCallId)
            implements FromHubSpot {
        public FinalizeEngagementFailed {
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "FINALIZE_ENGAGEMENT_FAILED";
        }
    }

    /** Deprecated by HubSpot in favour of FINALIZE_ENGAGEMENT_SUCCEEDED, still sent. */
    record PublishToChannelSucceeded(long engagementId, String externalCallId) implements FromHubSpot {
        public PublishToChannelSucceeded {
            Checks.id(engagementId, "engagementId");
            Checks.text(externalCallId, "externalCallId");
        }

        @Override
        public String type() {
            return "PUBLISH_TO_CHANNEL_SUCCEEDED";
        }
    }

    /** Deprecated by HubSpot in favour of FINALIZE_ENGAGEMENT_FAILED, still sent. */
    record PublishToChannelFailed(@Nullable Long engagementId, @Nullable String externalCallId)
            implements FromHubSpot {
        public PublishToChannelFailed {
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "PUBLISH_TO_CHANNEL_FAILED";
        }
    }

    record CallerIdMatchSucceeded(List<CallerIdMatch> callerIdMatches) implements FromHubSpot {
        public CallerIdMatchSucceeded {
            callerIdMatches = Checks.list(callerIdMatches, "callerIdMatches");
        }

        @Override
        public String type() {
            return "CALLER_ID_MATCH_SUCCEEDED";
        }
    }

    /** Payload shape undocumented: kept raw. */
    record CallerIdMatchFailed(@Nullable String payload) implements FromHubSpot {
        public CallerIdMatchFailed {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "CALLER_ID_MATCH_FAILED";
        }
    }

    record NavigateToRecordFailed(@Nullable Long engagementId, @Nullable ObjectCoordinates objectCoordinates)
            implements FromHubSpot {
        public NavigateToRecordFailed {
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "NAVIGATE_TO_RECORD_FAILED";
        }
    }

    /** Payload shape undocumented: kept raw. */
    record InitiateCallIdSucceeded(@Nullable String payload) implements FromHubSpot {
        public InitiateCallIdSucceeded {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "INITIATE_CALL_ID_SUCCEEDED";
        }
    }

    /** Payload shape undocumented: kept raw. */
    record InitiateCallIdFailed(@Nullable String payload) implements FromHubSpot {
        public InitiateCallIdFailed {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "INITIATE_CALL_ID_FAILED";
        }
    }

    /** Payload shape undocumented: kept raw. */
    record SetWidgetUrlFailed(@Nullable String payload) implements FromHubSpot {
        public SetWidgetUrlFailed {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "SET_WIDGET_URL_FAILED";
        }
    }

    record VisibilityChanged(boolean isMinimized, boolean isHidden) implements FromHubSpot {
        @Override
        public String type() {
            return "VISIBILITY_CHANGED";
        }
    }

    /** HubSpot asks the app to hang up. Payload shape undocumented: kept raw. */
    record EndCall(@Nullable String payload) implements FromHubSpot {
        public EndCall {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "END_CALL";
        }
    }

    /** HubSpot sets the call state from its side. No field name is documented: kept raw until observed. */
    record SetCallState(@Nullable String payload) implements FromHubSpot {
        public SetCallState {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "SET_CALL_STATE";
        }
    }

    /** A message of type exactly FAILED (dispatched to the SDK's onFailed). Kept raw. */
    record Failed(@Nullable String payload) implements FromHubSpot {
        public Failed {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "FAILED";
        }
    }

    /** Defined by the library, never sent or handled by it (the SDK answers it as unknown). Kept raw. */
    record Unloading(@Nullable String payload) implements FromHubSpot {
        public Unloading {
            payload = Checks.optJson(payload, "");
        }

        @Override
        public String type() {
            return "UNLOADING";
        }
    }
}
