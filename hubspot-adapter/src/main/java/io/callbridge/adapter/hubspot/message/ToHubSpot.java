package io.callbridge.adapter.hubspot.message;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What the calling app sends to HubSpot (the SDK's "messages to HubSpot"), one record per message type. */
public sealed interface ToHubSpot extends HubSpotMessage {

    /** The app is ready; answers READY. Every field is optional in the library. */
    record Initialized(@Nullable Boolean isLoggedIn, @Nullable Boolean isAvailable, @Nullable Long engagementId,
            @Nullable SizeInfo sizeInfo) implements ToHubSpot {
        public Initialized {
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "INITIALIZED";
        }
    }

    /** No data on the wire. */
    record LoggedIn() implements ToHubSpot {
        @Override
        public String type() {
            return "LOGGED_IN";
        }
    }

    /** No data on the wire. */
    record LoggedOut() implements ToHubSpot {
        @Override
        public String type() {
            return "LOGGED_OUT";
        }
    }

    /** No data on the wire. */
    record UserAvailable() implements ToHubSpot {
        @Override
        public String type() {
            return "USER_AVAILABLE";
        }
    }

    /** No data on the wire. */
    record UserUnavailable() implements ToHubSpot {
        @Override
        public String type() {
            return "USER_UNAVAILABLE";
        }
    }

    /**
     * An outbound call was placed. {@code dialingContext} is the DIAL_NUMBER payload echoed back verbatim (raw JSON
     * object), which lets HubSpot tie the call to the click that started it.
     */
    record OutgoingCallStarted(String externalCallId, @Nullable String fromNumber, @Nullable String toNumber,
            @Nullable Long callStartTime, @Nullable Boolean createEngagement, @Nullable String dialingContext)
            implements ToHubSpot {
        public OutgoingCallStarted {
            Checks.text(externalCallId, "externalCallId");
            Checks.optNonNegative(callStartTime, "callStartTime");
            dialingContext = Checks.optJsonObject(dialingContext, "dialingContext");
        }

        @Override
        public String type() {
            return "OUTGOING_CALL_STARTED";
        }
    }

    record IncomingCall(String externalCallId, String fromNumber, String toNumber, @Nullable Long callStartTime,
            @Nullable Boolean createEngagement) implements ToHubSpot {
        public IncomingCall {
            Checks.text(externalCallId, "externalCallId");
            Checks.text(fromNumber, "fromNumber");
            Checks.text(toNumber, "toNumber");
            Checks.optNonNegative(callStartTime, "callStartTime");
        }

        @Override
        public String type() {
            return "INCOMING_CALL";
        }
    }

    record CallAnswered(String externalCallId) implements ToHubSpot {
        public CallAnswered {
            Checks.text(externalCallId, "externalCallId");
        }

        @Override
        public String type() {
            return "CALL_ANSWERED";
        }
    }

    record CallTransferred(String externalCallId) implements ToHubSpot {
        public CallTransferred {
            Checks.text(externalCallId, "externalCallId");
        }

        @Override
        public String type() {
            return "CALL_TRANSFERRED";
        }
    }

    /** Free-form data for HubSpot; {@code payload} is any JSON value, kept raw. */
    record CallData(String payload) implements ToHubSpot {
        public CallData {
            payload = Checks.json(payload, "");
        }

        @Override
        public String type() {
            return "CALL_DATA";
        }
    }

    /**
     * The library's type declares {@code engagementId} required, but the SDK posts the payload as given, and HubSpot's
     * widget learns that a call ended only from this message: so it is optional here, and left out when HubSpot made
     * no engagement for the call (CREATE_ENGAGEMENT_FAILED, none asked for, none in time).
     */
    record CallEnded(String externalCallId, @Nullable Long engagementId, @Nullable CallEndStatus callEndStatus)
            implements ToHubSpot {
        public CallEnded {
            Checks.text(externalCallId, "externalCallId");
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "CALL_ENDED";
        }
    }

    /** The call is done and its outcome saved; {@code hideWidget} defaults to true on HubSpot's side. */
    record CallCompleted(String externalCallId, @Nullable Long engagementId, @Nullable Boolean hideWidget,
            @Nullable EngagementProperties engagementProperties) implements ToHubSpot {
        public CallCompleted {
            Checks.text(externalCallId, "externalCallId");
            Checks.optId(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "CALL_COMPLETED";
        }
    }

    record FinalizeEngagement(String externalCallId, long engagementId) implements ToHubSpot {
        public FinalizeEngagement {
            Checks.text(externalCallId, "externalCallId");
            Checks.id(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "FINALIZE_ENGAGEMENT";
        }
    }

    /** Deprecated by HubSpot in favour of {@link FinalizeEngagement}; kept because the library still sends it. */
    record PublishToChannel(String externalCallId, long engagementId) implements ToHubSpot {
        public PublishToChannel {
            Checks.text(externalCallId, "externalCallId");
            Checks.id(engagementId, "engagementId");
        }

        @Override
        public String type() {
            return "PUBLISH_TO_CHANNEL";
        }
    }

    /** Screen pop. */
    record NavigateToRecord(@Nullable Long engagementId, ObjectCoordinates objectCoordinates,
            @Nullable OpenIn openIn) implements ToHubSpot {
        public NavigateToRecord {
            Checks.optId(engagementId, "engagementId");
            Objects.requireNonNull(objectCoordinates, "objectCoordinates");
        }

        @Override
        public String type() {
            return "NAVIGATE_TO_RECORD";
        }
    }

    /**
     * ERROR has two shapes on the wire: the app's own {@code {message}} (shown to the user), and the SDK's
     * automatic {@code {type: UNKNOWN_MESSAGE_TYPE, data: {originalMessage}}} reply to a message it does not know.
     * At least one of {@code message} and {@code errorType} is present; {@code originalMessage} is raw JSON.
     */
    record ErrorNotice(@Nullable String message, @Nullable SdkErrorType errorType, @Nullable String originalMessage)
            implements ToHubSpot {
        public ErrorNotice {
            if (message == null && errorType == null) {
                throw new InvalidFieldException("message", "or type must be present");
            }
            Checks.optText(message, "message");
            if (errorType == null && originalMessage != null) {
                throw new InvalidFieldException("data.originalMessage", "needs an error type");
            }
            originalMessage = Checks.optJson(originalMessage, "data.originalMessage");
        }

        /** The app-side error shown to the user. */
        public static ErrorNotice of(String message) {
            return new ErrorNotice(Checks.text(message, "message"), null, null);
        }

        @Override
        public String type() {
            return "ERROR";
        }
    }

    record ResizeWidget(int width, int height) implements ToHubSpot {
        public ResizeWidget {
            Checks.nonNegative(width, "width");
            Checks.nonNegative(height, "height");
        }

        @Override
        public String type() {
            return "RESIZE_WIDGET";
        }
    }

    record SetWidgetUrl(String iFrameUrl) implements ToHubSpot {
        public SetWidgetUrl {
            Checks.text(iFrameUrl, "iFrameUrl");
        }

        @Override
        public String type() {
            return "SET_WIDGET_URL";
        }
    }

    /**
     * Handshake answer. The SDK copies the received SYNC and adds {@code debugMode}, {@code version} and
     * {@code iFrameUrl} (the iframe's origin); on the wire these sit at the top level of the posted object, the
     * bridge moves them under {@code data}.
     */
    record SyncAck(@Nullable String hostUrl, @Nullable Long portalId, @Nullable Long userId, @Nullable Long ownerId,
            @Nullable Long engagementId, @Nullable IframeLocation iframeLocation, @Nullable Boolean usesCallingWindow,
            @Nullable Boolean debugMode, String version, String iFrameUrl) implements ToHubSpot {
        public SyncAck {
            Checks.optText(hostUrl, "hostUrl");
            Checks.optId(portalId, "portalId");
            Checks.optId(userId, "userId");
            Checks.optId(ownerId, "ownerId");
            Checks.optId(engagementId, "engagementId");
            Checks.text(version, "version");
            Checks.text(iFrameUrl, "iFrameUrl");
        }

        @Override
        public String type() {
            return "SYNC_ACK";
        }
    }
}
