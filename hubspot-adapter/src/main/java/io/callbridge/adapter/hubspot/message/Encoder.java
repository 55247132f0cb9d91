package io.callbridge.adapter.hubspot.message;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Records → wire data, omitting absent optional fields as the SDK's JavaScript does. Stateless. */
final class Encoder {

    private Encoder() {
    }

    /** The {@code data} of a message, or null when the message carries none on the wire. */
    static @Nullable JsonNode data(HubSpotMessage message) {
        if (message instanceof ToHubSpot to) {
            return toHubSpot(to);
        }
        return fromHubSpot((FromHubSpot) message);
    }

    // Java 17 has no pattern matching in switch, hence the instanceof chains; the sealed hierarchies and the
    // round-trip test over every fixture keep them complete.
    private static @Nullable JsonNode toHubSpot(ToHubSpot message) {
        ObjectNode d = Checks.JSON.createObjectNode();
        if (message instanceof ToHubSpot.Initialized m) {
            put(d, "isLoggedIn", m.isLoggedIn());
            put(d, "isAvailable", m.isAvailable());
            put(d, "engagementId", m.engagementId());
            if (m.sizeInfo() != null) {
                d.set("sizeInfo", size(m.sizeInfo()));
            }
        } else if (message instanceof ToHubSpot.LoggedIn || message instanceof ToHubSpot.LoggedOut
                || message instanceof ToHubSpot.UserAvailable || message instanceof ToHubSpot.UserUnavailable) {
            return null;
        } else if (message instanceof ToHubSpot.OutgoingCallStarted m) {
            d.put("externalCallId", m.externalCallId());
            put(d, "fromNumber", m.fromNumber());
            put(d, "toNumber", m.toNumber());
            put(d, "callStartTime", m.callStartTime());
            put(d, "createEngagement", m.createEngagement());
            putRaw(d, "dialingContext", m.dialingContext());
        } else if (message instanceof ToHubSpot.IncomingCall m) {
            d.put("externalCallId", m.externalCallId());
            d.put("fromNumber", m.fromNumber());
            d.put("toNumber", m.toNumber());
            put(d, "callStartTime", m.callStartTime());
            put(d, "createEngagement", m.createEngagement());
        } else if (message instanceof ToHubSpot.CallAnswered m) {
            d.put("externalCallId", m.externalCallId());
        } else if (message instanceof ToHubSpot.CallTransferred m) {
            d.put("externalCallId", m.externalCallId());
        } else if (message instanceof ToHubSpot.CallData m) {
            return Checks.JSON.readTree(m.payload());
        } else if (message instanceof ToHubSpot.CallEnded m) {
            d.put("externalCallId", m.externalCallId());
            d.put("engagementId", m.engagementId());
            putEnum(d, "callEndStatus", m.callEndStatus());
        } else if (message instanceof ToHubSpot.CallCompleted m) {
            d.put("externalCallId", m.externalCallId());
            put(d, "engagementId", m.engagementId());
            put(d, "hideWidget", m.hideWidget());
            if (m.engagementProperties() != null) {
                d.set("engagementProperties", properties(m.engagementProperties()));
            }
        } else if (message instanceof ToHubSpot.FinalizeEngagement m) {
            d.put("externalCallId", m.externalCallId());
            d.put("engagementId", m.engagementId());
        } else if (message instanceof ToHubSpot.PublishToChannel m) {
            d.put("externalCallId", m.externalCallId());
            d.put("engagementId", m.engagementId());
        } else if (message instanceof ToHubSpot.NavigateToRecord m) {
            put(d, "engagementId", m.engagementId());
            d.set("objectCoordinates", coordinates(m.objectCoordinates()));
            putEnum(d, "openIn", m.openIn());
        } else if (message instanceof ToHubSpot.ErrorNotice m) {
            put(d, "message", m.message());
            putEnum(d, "type", m.errorType());
            if (m.originalMessage() != null) {
                d.putObject("data").set("originalMessage", Checks.JSON.readTree(m.originalMessage()));
            }
        } else if (message instanceof ToHubSpot.ResizeWidget m) {
            d.put("width", m.width());
            d.put("height", m.height());
        } else if (message instanceof ToHubSpot.SetWidgetUrl m) {
            d.put("iFrameUrl", m.iFrameUrl());
        } else if (message instanceof ToHubSpot.SyncAck m) {
            put(d, "hostUrl", m.hostUrl());
            put(d, "portalId", m.portalId());
            put(d, "userId", m.userId());
            put(d, "ownerId", m.ownerId());
            put(d, "engagementId", m.engagementId());
            putEnum(d, "iframeLocation", m.iframeLocation());
            put(d, "usesCallingWindow", m.usesCallingWindow());
            put(d, "debugMode", m.debugMode());
            d.put("version", m.version());
            d.put("iFrameUrl", m.iFrameUrl());
        } else {
            throw new IllegalStateException("No encoding for " + message.getClass().getName());
        }
        return d;
    }

    private static @Nullable JsonNode fromHubSpot(FromHubSpot message) {
        ObjectNode d = Checks.JSON.createObjectNode();
        if (message instanceof FromHubSpot.Sync m) {
            d.put("hostUrl", m.hostUrl());
            handshake(d, m.portalId(), m.userId(), m.ownerId(), m.engagementId(), m.iframeLocation(),
                    m.usesCallingWindow());
        } else if (message instanceof FromHubSpot.Ready m) {
            put(d, "hostUrl", m.hostUrl());
            handshake(d, m.portalId(), m.userId(), m.ownerId(), m.engagementId(), m.iframeLocation(),
                    m.usesCallingWindow());
            put(d, "iFrameUrl", m.iFrameUrl());
        } else if (message instanceof FromHubSpot.DialNumber m) {
            // The payload is the source of truth: unknown keys HubSpot added must survive.
            return Checks.JSON.readTree(m.payload());
        } else if (message instanceof FromHubSpot.CreateEngagementSucceeded m) {
            d.put("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.CreateEngagementFailed m) {
            errorMessage(d, m.errorMessage());
        } else if (message instanceof FromHubSpot.EngagementCreated m) {
            d.put("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.UpdateEngagementSucceeded m) {
            d.put("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.UpdateEngagementFailed m) {
            errorMessage(d, m.errorMessage());
        } else if (message instanceof FromHubSpot.FinalizeEngagementSucceeded m) {
            d.put("engagementId", m.engagementId());
            d.put("externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.FinalizeEngagementFailed m) {
            put(d, "engagementId", m.engagementId());
            put(d, "externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.PublishToChannelSucceeded m) {
            d.put("engagementId", m.engagementId());
            d.put("externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.PublishToChannelFailed m) {
            put(d, "engagementId", m.engagementId());
            put(d, "externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.CallerIdMatchSucceeded m) {
            ArrayNode matches = d.putArray("callerIdMatches");
            for (CallerIdMatch match : m.callerIdMatches()) {
                matches.add(callerIdMatch(match));
            }
        } else if (message instanceof FromHubSpot.NavigateToRecordFailed m) {
            put(d, "engagementId", m.engagementId());
            if (m.objectCoordinates() != null) {
                d.set("objectCoordinates", coordinates(m.objectCoordinates()));
            }
        } else if (message instanceof FromHubSpot.VisibilityChanged m) {
            d.put("isMinimized", m.isMinimized());
            d.put("isHidden", m.isHidden());
        } else if (message instanceof FromHubSpot.CallerIdMatchFailed m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.InitiateCallIdSucceeded m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.InitiateCallIdFailed m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.SetWidgetUrlFailed m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.EndCall m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.SetCallState m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.Failed m) {
            return raw(m.payload());
        } else if (message instanceof FromHubSpot.Unloading m) {
            return raw(m.payload());
        } else {
            throw new IllegalStateException("No encoding for " + message.getClass().getName());
        }
        return d;
    }

    private static void handshake(ObjectNode d, @Nullable Long portalId, @Nullable Long userId,
            @Nullable Long ownerId, @Nullable Long engagementId, @Nullable IframeLocation location,
            @Nullable Boolean usesCallingWindow) {
        put(d, "portalId", portalId);
        put(d, "userId", userId);
        put(d, "ownerId", ownerId);
        put(d, "engagementId", engagementId);
        putEnum(d, "iframeLocation", location);
        put(d, "usesCallingWindow", usesCallingWindow);
    }

    private static ObjectNode properties(EngagementProperties p) {
        ObjectNode d = Checks.JSON.createObjectNode();
        d.put("hs_timestamp", p.timestamp().toEpochMilli());
        put(d, "hs_call_body", p.body());
        // The library types these ids and the duration as strings.
        put(d, "hs_call_callee_object_id", p.calleeObjectId() == null ? null : p.calleeObjectId().toString());
        putEnum(d, "hs_call_callee_object_type", p.calleeObjectType());
        putEnum(d, "hs_call_direction", p.direction());
        put(d, "hs_call_disposition", p.disposition());
        put(d, "hs_call_duration", p.duration() == null ? null : Long.toString(p.duration().toMillis()));
        put(d, "hs_call_from_number", p.fromNumber());
        put(d, "hs_call_recording_url", p.recordingUrl() == null ? null : p.recordingUrl().toString());
        putEnum(d, "hs_call_status", p.status());
        put(d, "hs_call_title", p.title());
        putEnum(d, "hs_call_source", p.source());
        put(d, "hs_call_to_number", p.toNumber());
        put(d, "hubspot_owner_id", p.hubspotOwnerId() == null ? null : p.hubspotOwnerId().toString());
        put(d, "hs_activity_type", p.activityType());
        put(d, "hs_attachment_ids", p.attachmentIds() == null ? null : String.join(";", p.attachmentIds()));
        return d;
    }

    private static ObjectNode coordinates(ObjectCoordinates c) {
        ObjectNode d = Checks.JSON.createObjectNode();
        d.put("portalId", c.portalId());
        d.put("objectId", c.objectId());
        d.put("objectTypeId", c.objectTypeId().wireValue());
        return d;
    }

    private static ObjectNode size(SizeInfo s) {
        ObjectNode d = Checks.JSON.createObjectNode();
        d.put("width", s.width());
        d.put("height", s.height());
        return d;
    }

    private static ObjectNode callerIdMatch(CallerIdMatch match) {
        ObjectNode d = Checks.JSON.createObjectNode();
        d.put("callerIdType", match.callerIdType().wireValue());
        d.set("objectCoordinates", coordinates(match.objectCoordinates()));
        if (match instanceof CallerIdMatch.Contact c) {
            put(d, "firstName", c.firstName());
            put(d, "lastName", c.lastName());
            put(d, "email", c.email());
        } else if (match instanceof CallerIdMatch.Company c) {
            put(d, "name", c.name());
        }
        return d;
    }

    private static void errorMessage(ObjectNode d, @Nullable String message) {
        if (message != null) {
            d.putObject("error").put("message", message);
        }
    }

    private static @Nullable JsonNode raw(@Nullable String json) {
        return json == null ? null : Checks.JSON.readTree(json);
    }

    private static void put(ObjectNode d, String name, @Nullable String value) {
        if (value != null) {
            d.put(name, value);
        }
    }

    private static void put(ObjectNode d, String name, @Nullable Long value) {
        if (value != null) {
            d.put(name, value.longValue());
        }
    }

    private static void put(ObjectNode d, String name, @Nullable Boolean value) {
        if (value != null) {
            d.put(name, value.booleanValue());
        }
    }

    private static void putEnum(ObjectNode d, String name, @Nullable WireValue value) {
        if (value != null) {
            d.put(name, value.wireValue());
        }
    }

    private static void putRaw(ObjectNode d, String name, @Nullable String json) {
        if (json != null) {
            d.set(name, Checks.JSON.readTree(json));
        }
    }
}
