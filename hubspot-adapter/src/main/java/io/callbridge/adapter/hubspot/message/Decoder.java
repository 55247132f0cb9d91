package io.callbridge.adapter.hubspot.message;

import io.callbridge.adapter.hubspot.message.HubSpotMessageException.Code;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Wire data → records, one method per message type. Stateless. */
final class Decoder {

    static final Set<String> TO_HUBSPOT_TYPES = Set.of("INITIALIZED", "LOGGED_IN", "LOGGED_OUT", "USER_AVAILABLE",
            "USER_UNAVAILABLE", "OUTGOING_CALL_STARTED", "INCOMING_CALL", "CALL_ANSWERED", "CALL_TRANSFERRED",
            "CALL_DATA", "CALL_ENDED", "CALL_COMPLETED", "FINALIZE_ENGAGEMENT", "PUBLISH_TO_CHANNEL",
            "NAVIGATE_TO_RECORD", "ERROR", "RESIZE_WIDGET", "SET_WIDGET_URL", "SYNC_ACK");

    static final Set<String> FROM_HUBSPOT_TYPES = Set.of("SYNC", "READY", "DIAL_NUMBER",
            "CREATE_ENGAGEMENT_SUCCEEDED", "CREATE_ENGAGEMENT_FAILED", "ENGAGEMENT_CREATED",
            "UPDATE_ENGAGEMENT_SUCCEEDED", "UPDATE_ENGAGEMENT_FAILED", "FINALIZE_ENGAGEMENT_SUCCEEDED",
            "FINALIZE_ENGAGEMENT_FAILED", "PUBLISH_TO_CHANNEL_SUCCEEDED", "PUBLISH_TO_CHANNEL_FAILED",
            "CALLER_ID_MATCH_SUCCEEDED", "CALLER_ID_MATCH_FAILED", "NAVIGATE_TO_RECORD_FAILED",
            "INITIATE_CALL_ID_SUCCEEDED", "INITIATE_CALL_ID_FAILED", "SET_WIDGET_URL_FAILED", "VISIBILITY_CHANGED",
            "END_CALL", "SET_CALL_STATE", "FAILED", "UNLOADING");

    private Decoder() {
    }

    /** Parses the data text; null, blank or JSON {@code null} mean "no data", as an absent key does. */
    static @Nullable JsonNode parseData(@Nullable String dataJson, String type) {
        if (dataJson == null || dataJson.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Checks.JSON.readTree(dataJson);
        } catch (JacksonException e) {
            throw new HubSpotMessageException(Code.MALFORMED_JSON, "data", type,
                    type + ": data is not valid JSON: " + e.getOriginalMessage());
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    static JsonNode readObject(String compactJson) {
        return Checks.JSON.readTree(compactJson);
    }

    static HubSpotMessageException unknownType(String type, String direction) {
        return new HubSpotMessageException(Code.UNKNOWN_MESSAGE_TYPE, "type", type,
                "Unknown " + direction + " message type '" + type + "'");
    }

    static ToHubSpot message(String type, @Nullable JsonNode data) {
        return switch (type) {
            case "INITIALIZED" -> {
                Fields f = optionalObject(data, type);
                yield f.build(() -> new ToHubSpot.Initialized(f.optBool("isLoggedIn"), f.optBool("isAvailable"),
                        f.optInteger("engagementId"), sizeInfo(f.optObject("sizeInfo"))));
            }
            case "LOGGED_IN" -> new ToHubSpot.LoggedIn();
            case "LOGGED_OUT" -> new ToHubSpot.LoggedOut();
            case "USER_AVAILABLE" -> new ToHubSpot.UserAvailable();
            case "USER_UNAVAILABLE" -> new ToHubSpot.UserUnavailable();
            case "OUTGOING_CALL_STARTED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.OutgoingCallStarted(f.string("externalCallId"),
                        f.optString("fromNumber"), f.optString("toNumber"), f.optInteger("callStartTime"),
                        f.optBool("createEngagement"), f.optRawObject("dialingContext")));
            }
            case "INCOMING_CALL" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.IncomingCall(f.string("externalCallId"), f.string("fromNumber"),
                        f.string("toNumber"), f.optInteger("callStartTime"), f.optBool("createEngagement")));
            }
            case "CALL_ANSWERED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.CallAnswered(f.string("externalCallId")));
            }
            case "CALL_TRANSFERRED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.CallTransferred(f.string("externalCallId")));
            }
            case "CALL_DATA" -> {
                if (data == null) {
                    throw new HubSpotMessageException(Code.MISSING_FIELD, "data", type,
                            type + ": data is required but missing");
                }
                yield new ToHubSpot.CallData(Checks.JSON.writeValueAsString(data));
            }
            case "CALL_ENDED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.CallEnded(f.string("externalCallId"), f.optInteger("engagementId"),
                        f.optEnum("callEndStatus", CallEndStatus.class)));
            }
            case "CALL_COMPLETED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.CallCompleted(f.string("externalCallId"),
                        f.optLenientInteger("engagementId"), f.optBool("hideWidget"),
                        engagementProperties(f.optObject("engagementProperties"))));
            }
            case "FINALIZE_ENGAGEMENT" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.FinalizeEngagement(f.string("externalCallId"),
                        f.integer("engagementId")));
            }
            case "PUBLISH_TO_CHANNEL" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.PublishToChannel(f.string("externalCallId"),
                        f.integer("engagementId")));
            }
            case "NAVIGATE_TO_RECORD" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.NavigateToRecord(f.optInteger("engagementId"),
                        coordinates(f.object("objectCoordinates")), f.optEnum("openIn", OpenIn.class)));
            }
            case "ERROR" -> errorNotice(object(data, type));
            case "RESIZE_WIDGET" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.ResizeWidget(f.smallInteger("width"), f.smallInteger("height")));
            }
            case "SET_WIDGET_URL" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.SetWidgetUrl(f.string("iFrameUrl")));
            }
            case "SYNC_ACK" -> {
                Fields f = object(data, type);
                yield f.build(() -> new ToHubSpot.SyncAck(f.optString("hostUrl"), f.optInteger("portalId"),
                        f.optInteger("userId"), f.optInteger("ownerId"), f.optInteger("engagementId"),
                        f.optEnum("iframeLocation", IframeLocation.class), f.optBool("usesCallingWindow"),
                        f.optBool("debugMode"), f.string("version"), f.string("iFrameUrl")));
            }
            default -> throw unknownType(type, "to-HubSpot");
        };
    }

    static FromHubSpot event(String type, @Nullable JsonNode data) {
        return switch (type) {
            case "SYNC" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.Sync(f.string("hostUrl"), f.optInteger("portalId"),
                        f.optInteger("userId"), f.optInteger("ownerId"), f.optInteger("engagementId"),
                        f.optEnum("iframeLocation", IframeLocation.class), f.optBool("usesCallingWindow")));
            }
            case "READY" -> {
                Fields f = optionalObject(data, type);
                yield f.build(() -> new FromHubSpot.Ready(f.optString("hostUrl"), f.optInteger("portalId"),
                        f.optInteger("userId"), f.optInteger("ownerId"), f.optInteger("engagementId"),
                        f.optEnum("iframeLocation", IframeLocation.class), f.optBool("usesCallingWindow"),
                        f.optString("iFrameUrl")));
            }
            case "DIAL_NUMBER" -> {
                Fields f = object(data, type);
                DialRequest request = dialRequest(f);
                yield f.build(() -> new FromHubSpot.DialNumber(request, Checks.JSON.writeValueAsString(data)));
            }
            case "CREATE_ENGAGEMENT_SUCCEEDED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.CreateEngagementSucceeded(f.integer("engagementId")));
            }
            case "CREATE_ENGAGEMENT_FAILED" -> new FromHubSpot.CreateEngagementFailed(
                    errorMessage(optionalObject(data, type)));
            case "ENGAGEMENT_CREATED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.EngagementCreated(f.integer("engagementId")));
            }
            case "UPDATE_ENGAGEMENT_SUCCEEDED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.UpdateEngagementSucceeded(f.integer("engagementId")));
            }
            case "UPDATE_ENGAGEMENT_FAILED" -> new FromHubSpot.UpdateEngagementFailed(
                    errorMessage(optionalObject(data, type)));
            case "FINALIZE_ENGAGEMENT_SUCCEEDED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.FinalizeEngagementSucceeded(f.integer("engagementId"),
                        f.string("externalCallId")));
            }
            case "FINALIZE_ENGAGEMENT_FAILED" -> {
                Fields f = optionalObject(data, type);
                yield f.build(() -> new FromHubSpot.FinalizeEngagementFailed(f.optInteger("engagementId"),
                        f.optString("externalCallId")));
            }
            case "PUBLISH_TO_CHANNEL_SUCCEEDED" -> {
                Fields f = object(data, type);
                yield f.build(() -> new FromHubSpot.PublishToChannelSucceeded(f.integer("engagementId"),
                        f.string("externalCallId")));
            }
            case "PUBLISH_TO_CHANNEL_FAILED" -> {
                Fields f = optionalObject(data, type);
                yield f.build(() -> new FromHubSpot.PublishToChannelFailed(f.optInteger("engagementId"),
                        f.optString("externalCallId")));
            }
            case "CALLER_ID_MATCH_SUCCEEDED" -> {
                Fields f = object(data, type);
                List<CallerIdMatch> matches = new ArrayList<>();
                for (Fields item : f.objects("callerIdMatches")) {
                    matches.add(callerIdMatch(item));
                }
                yield new FromHubSpot.CallerIdMatchSucceeded(matches);
            }
            case "CALLER_ID_MATCH_FAILED" -> new FromHubSpot.CallerIdMatchFailed(raw(data));
            case "NAVIGATE_TO_RECORD_FAILED" -> {
                Fields f = optionalObject(data, type);
                yield f.build(() -> new FromHubSpot.NavigateToRecordFailed(f.optInteger("engagementId"),
                        optCoordinates(f.optObject("objectCoordinates"))));
            }
            case "INITIATE_CALL_ID_SUCCEEDED" -> new FromHubSpot.InitiateCallIdSucceeded(raw(data));
            case "INITIATE_CALL_ID_FAILED" -> new FromHubSpot.InitiateCallIdFailed(raw(data));
            case "SET_WIDGET_URL_FAILED" -> new FromHubSpot.SetWidgetUrlFailed(raw(data));
            case "VISIBILITY_CHANGED" -> {
                Fields f = object(data, type);
                yield new FromHubSpot.VisibilityChanged(f.bool("isMinimized"), f.bool("isHidden"));
            }
            case "END_CALL" -> new FromHubSpot.EndCall(raw(data));
            case "SET_CALL_STATE" -> new FromHubSpot.SetCallState(raw(data));
            case "FAILED" -> new FromHubSpot.Failed(raw(data));
            case "UNLOADING" -> new FromHubSpot.Unloading(raw(data));
            default -> throw unknownType(type, "from-HubSpot");
        };
    }

    static DialRequest dialRequest(Fields f) {
        return f.build(() -> new DialRequest(f.string("phoneNumber"), f.optInteger("ownerId"),
                f.optInteger("subjectId"), f.optInteger("objectId"), f.optString("objectType"),
                f.optInteger("portalId"), f.optString("countryCode"), calleeInfo(f.optObject("calleeInfo")),
                f.optInteger("startTimestamp"), f.optString("toPhoneNumberSrc")));
    }

    private static Fields object(@Nullable JsonNode data, String type) {
        if (data == null) {
            throw new HubSpotMessageException(Code.MISSING_FIELD, "data", type,
                    type + ": data is required but missing");
        }
        if (!data.isObject()) {
            throw new HubSpotMessageException(Code.WRONG_TYPE, "data", type,
                    type + ": data must be an object, was " + Fields.kind(data));
        }
        return Fields.of(data, type);
    }

    /** For messages whose every field is optional: absent data reads as an empty object. */
    private static Fields optionalObject(@Nullable JsonNode data, String type) {
        return object(data == null ? Checks.JSON.createObjectNode() : data, type);
    }

    private static @Nullable String raw(@Nullable JsonNode data) {
        return data == null ? null : Checks.JSON.writeValueAsString(data);
    }

    private static @Nullable String errorMessage(Fields f) {
        Fields error = f.optObject("error");
        return error == null ? null : error.optString("message");
    }

    private static ToHubSpot.ErrorNotice errorNotice(Fields f) {
        Fields inner = f.optObject("data");
        String original = inner == null ? null : inner.optRawValue("originalMessage");
        String message = f.optString("message");
        SdkErrorType errorType = f.optEnum("type", SdkErrorType.class);
        if (message == null && errorType == null) {
            throw f.error(Code.MISSING_FIELD, f.path("message"), "is required when data.type is absent");
        }
        return f.build(() -> new ToHubSpot.ErrorNotice(message, errorType, original));
    }

    private static @Nullable SizeInfo sizeInfo(@Nullable Fields f) {
        return f == null ? null : f.build(() -> new SizeInfo(f.smallInteger("width"), f.smallInteger("height")));
    }

    /**
     * The person called. A callee HubSpot could not name (id 0, or an object type id other than contact or company)
     * (or one it sent without either field) is no callee: the dial goes on without one, since dropping the user's click would be worse. Wrong JSON types are
     * still refused.
     */
    private static @Nullable CalleeInfo calleeInfo(@Nullable Fields f) {
        if (f == null) {
            return null;
        }
        Long id = f.optInteger("calleeId");
        String typeId = f.optString("calleeObjectTypeId");
        for (ObjectTypeId known : ObjectTypeId.values()) {
            if (known.wireValue().equals(typeId) && id != null && id > 0) {
                return f.build(() -> new CalleeInfo(id, known));
            }
        }
        return null;
    }

    private static ObjectCoordinates coordinates(Fields f) {
        return f.build(() -> new ObjectCoordinates(f.integer("portalId"), f.integer("objectId"),
                f.enumValue("objectTypeId", ObjectTypeId.class)));
    }

    private static @Nullable ObjectCoordinates optCoordinates(@Nullable Fields f) {
        return f == null ? null : coordinates(f);
    }

    private static CallerIdMatch callerIdMatch(Fields f) {
        CrmObjectType kind = f.enumValue("callerIdType", CrmObjectType.class);
        ObjectCoordinates coordinates = coordinates(f.object("objectCoordinates"));
        return switch (kind) {
            case CONTACT -> f.build(() -> new CallerIdMatch.Contact(coordinates, f.optString("firstName"),
                    f.optString("lastName"), f.optString("email")));
            case COMPANY -> f.build(() -> new CallerIdMatch.Company(coordinates, f.optString("name")));
        };
    }

    private static @Nullable EngagementProperties engagementProperties(@Nullable Fields f) {
        if (f == null) {
            return null;
        }
        Instant timestamp = timestamp(f, "hs_timestamp");
        Long durationMs = f.optLenientInteger("hs_call_duration");
        String attachments = f.optString("hs_attachment_ids");
        return f.build(() -> new EngagementProperties(
                timestamp,
                f.optString("hs_call_body"),
                f.optLenientInteger("hs_call_callee_object_id"),
                f.optEnum("hs_call_callee_object_type", CrmObjectType.class),
                f.optEnum("hs_call_direction", CallDirection.class),
                f.optString("hs_call_disposition"),
                durationMs == null ? null : Duration.ofMillis(durationMs),
                f.optString("hs_call_from_number"),
                uri(f, "hs_call_recording_url"),
                f.optEnum("hs_call_status", CallStatus.class),
                f.optString("hs_call_title"),
                f.optEnum("hs_call_source", CallSource.class),
                f.optString("hs_call_to_number"),
                f.optLenientInteger("hubspot_owner_id"),
                f.optString("hs_activity_type"),
                attachments == null ? null : splitIds(attachments)));
    }

    /** {@code hs_timestamp} may be epoch milliseconds (number or digits) or an ISO-8601 instant. */
    private static Instant timestamp(Fields f, String name) {
        JsonNode value = f.raw(name);
        if (value.isNumber()) {
            return Instant.ofEpochMilli(f.integer(name));
        }
        if (!value.isString()) {
            throw f.error(Code.WRONG_TYPE, f.path(name), "must be a number or a string, was " + Fields.kind(value));
        }
        String text = value.stringValue().trim();
        try {
            return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (DateTimeException | NumberFormatException e) {
            throw f.error(Code.INVALID_VALUE, f.path(name), "must be epoch ms or an ISO-8601 instant, was '"
                    + text + "'");
        }
    }

    private static @Nullable URI uri(Fields f, String name) {
        String text = f.optString(name);
        if (text == null) {
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw f.error(Code.INVALID_VALUE, f.path(name), "is not a valid URL: '" + text + "'");
        }
    }

    private static List<String> splitIds(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(";", -1));
    }
}
