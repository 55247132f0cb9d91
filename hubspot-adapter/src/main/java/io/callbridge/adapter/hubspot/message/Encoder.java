package io.callbridge.adapter.hubspot.message;

import java.io.StringWriter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Records → wire data, omitting absent optional fields as the SDK's JavaScript does. Written with one
 * {@link JsonGenerator} per message, made by the package's single mapper ({@link Checks#JSON}), straight into the
 * text that goes out: a tree in between would only be thrown away. Raw JSON the records carry (payloads,
 * {@code dialingContext}, {@code originalMessage}) is already in compact form (see {@link Checks#json}), so it is
 * written as it is with {@link JsonGenerator#writeRawValue(String)}. Stateless.
 */
final class Encoder {
    /** Room for a typical message (a CALL_COMPLETED is about 600 characters), so the writer rarely grows. */
    private static final int INITIAL_CAPACITY = 640;

    private Encoder() {
    }

    /** {@code {"type": …, "data": …}}, without {@code data} when the message carries none. */
    static String envelope(HubSpotMessage message) {
        StringWriter out = new StringWriter(INITIAL_CAPACITY);
        try (JsonGenerator g = Checks.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", message.type());
            data(g, message, "data");
            g.writeEndObject();
        }
        return out.toString();
    }

    /** The {@code data} of a message, or null when the message carries none on the wire. */
    static @Nullable String data(HubSpotMessage message) {
        StringWriter out = new StringWriter(INITIAL_CAPACITY);
        try (JsonGenerator g = Checks.JSON.createGenerator(out)) {
            data(g, message, null);
        }
        String data = out.toString();
        return data.isEmpty() ? null : data;
    }

    /** Writes the message's data, as property {@code name} when given; writes nothing when there is none. */
    private static void data(JsonGenerator g, HubSpotMessage message, @Nullable String name) {
        if (message instanceof ToHubSpot to) {
            toHubSpot(g, to, name);
        } else {
            fromHubSpot(g, (FromHubSpot) message, name);
        }
    }

    // Java 17 has no pattern matching in switch, hence the instanceof chains; the sealed hierarchies and the
    // round-trip test over every fixture keep them complete.
    private static void toHubSpot(JsonGenerator g, ToHubSpot message, @Nullable String name) {
        if (message instanceof ToHubSpot.LoggedIn || message instanceof ToHubSpot.LoggedOut
                || message instanceof ToHubSpot.UserAvailable || message instanceof ToHubSpot.UserUnavailable) {
            return;
        }
        if (message instanceof ToHubSpot.CallData m) {
            raw(g, name, m.payload());
            return;
        }
        start(g, name);
        if (message instanceof ToHubSpot.Initialized m) {
            put(g, "isLoggedIn", m.isLoggedIn());
            put(g, "isAvailable", m.isAvailable());
            put(g, "engagementId", m.engagementId());
            if (m.sizeInfo() != null) {
                g.writeName("sizeInfo");
                g.writeStartObject();
                g.writeNumberProperty("width", m.sizeInfo().width());
                g.writeNumberProperty("height", m.sizeInfo().height());
                g.writeEndObject();
            }
        } else if (message instanceof ToHubSpot.OutgoingCallStarted m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            put(g, "fromNumber", m.fromNumber());
            put(g, "toNumber", m.toNumber());
            put(g, "callStartTime", m.callStartTime());
            put(g, "createEngagement", m.createEngagement());
            if (m.dialingContext() != null) {
                raw(g, "dialingContext", m.dialingContext());
            }
        } else if (message instanceof ToHubSpot.IncomingCall m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            g.writeStringProperty("fromNumber", m.fromNumber());
            g.writeStringProperty("toNumber", m.toNumber());
            put(g, "callStartTime", m.callStartTime());
            put(g, "createEngagement", m.createEngagement());
        } else if (message instanceof ToHubSpot.CallAnswered m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
        } else if (message instanceof ToHubSpot.CallTransferred m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
        } else if (message instanceof ToHubSpot.CallEnded m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            put(g, "engagementId", m.engagementId());
            putEnum(g, "callEndStatus", m.callEndStatus());
        } else if (message instanceof ToHubSpot.CallCompleted m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            put(g, "engagementId", m.engagementId());
            put(g, "hideWidget", m.hideWidget());
            if (m.engagementProperties() != null) {
                g.writeName("engagementProperties");
                properties(g, m.engagementProperties());
            }
        } else if (message instanceof ToHubSpot.FinalizeEngagement m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            g.writeNumberProperty("engagementId", m.engagementId());
        } else if (message instanceof ToHubSpot.PublishToChannel m) {
            g.writeStringProperty("externalCallId", m.externalCallId());
            g.writeNumberProperty("engagementId", m.engagementId());
        } else if (message instanceof ToHubSpot.NavigateToRecord m) {
            put(g, "engagementId", m.engagementId());
            g.writeName("objectCoordinates");
            coordinates(g, m.objectCoordinates());
            putEnum(g, "openIn", m.openIn());
        } else if (message instanceof ToHubSpot.ErrorNotice m) {
            put(g, "message", m.message());
            putEnum(g, "type", m.errorType());
            if (m.originalMessage() != null) {
                g.writeName("data");
                g.writeStartObject();
                raw(g, "originalMessage", m.originalMessage());
                g.writeEndObject();
            }
        } else if (message instanceof ToHubSpot.ResizeWidget m) {
            g.writeNumberProperty("width", m.width());
            g.writeNumberProperty("height", m.height());
        } else if (message instanceof ToHubSpot.SetWidgetUrl m) {
            g.writeStringProperty("iFrameUrl", m.iFrameUrl());
        } else if (message instanceof ToHubSpot.SyncAck m) {
            put(g, "hostUrl", m.hostUrl());
            put(g, "portalId", m.portalId());
            put(g, "userId", m.userId());
            put(g, "ownerId", m.ownerId());
            put(g, "engagementId", m.engagementId());
            putEnum(g, "iframeLocation", m.iframeLocation());
            put(g, "usesCallingWindow", m.usesCallingWindow());
            put(g, "debugMode", m.debugMode());
            g.writeStringProperty("version", m.version());
            g.writeStringProperty("iFrameUrl", m.iFrameUrl());
        } else {
            throw new IllegalStateException("No encoding for " + message.getClass().getName());
        }
        g.writeEndObject();
    }

    private static void fromHubSpot(JsonGenerator g, FromHubSpot message, @Nullable String name) {
        // The payload is the source of truth for these: unknown keys HubSpot added must survive.
        String payload = rawPayload(message);
        if (payload != null || carriesOnlyPayload(message)) {
            raw(g, name, payload);
            return;
        }
        start(g, name);
        if (message instanceof FromHubSpot.Sync m) {
            g.writeStringProperty("hostUrl", m.hostUrl());
            handshake(g, m.portalId(), m.userId(), m.ownerId(), m.engagementId(), m.iframeLocation(),
                    m.usesCallingWindow());
        } else if (message instanceof FromHubSpot.Ready m) {
            put(g, "hostUrl", m.hostUrl());
            handshake(g, m.portalId(), m.userId(), m.ownerId(), m.engagementId(), m.iframeLocation(),
                    m.usesCallingWindow());
            put(g, "iFrameUrl", m.iFrameUrl());
        } else if (message instanceof FromHubSpot.CreateEngagementSucceeded m) {
            g.writeNumberProperty("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.CreateEngagementFailed m) {
            errorMessage(g, m.errorMessage());
        } else if (message instanceof FromHubSpot.EngagementCreated m) {
            g.writeNumberProperty("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.UpdateEngagementSucceeded m) {
            g.writeNumberProperty("engagementId", m.engagementId());
        } else if (message instanceof FromHubSpot.UpdateEngagementFailed m) {
            errorMessage(g, m.errorMessage());
        } else if (message instanceof FromHubSpot.FinalizeEngagementSucceeded m) {
            g.writeNumberProperty("engagementId", m.engagementId());
            g.writeStringProperty("externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.FinalizeEngagementFailed m) {
            put(g, "engagementId", m.engagementId());
            put(g, "externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.PublishToChannelSucceeded m) {
            g.writeNumberProperty("engagementId", m.engagementId());
            g.writeStringProperty("externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.PublishToChannelFailed m) {
            put(g, "engagementId", m.engagementId());
            put(g, "externalCallId", m.externalCallId());
        } else if (message instanceof FromHubSpot.CallerIdMatchSucceeded m) {
            g.writeName("callerIdMatches");
            g.writeStartArray();
            for (CallerIdMatch match : m.callerIdMatches()) {
                callerIdMatch(g, match);
            }
            g.writeEndArray();
        } else if (message instanceof FromHubSpot.NavigateToRecordFailed m) {
            put(g, "engagementId", m.engagementId());
            if (m.objectCoordinates() != null) {
                g.writeName("objectCoordinates");
                coordinates(g, m.objectCoordinates());
            }
        } else if (message instanceof FromHubSpot.VisibilityChanged m) {
            g.writeBooleanProperty("isMinimized", m.isMinimized());
            g.writeBooleanProperty("isHidden", m.isHidden());
        } else {
            throw new IllegalStateException("No encoding for " + message.getClass().getName());
        }
        g.writeEndObject();
    }

    /** Messages whose data is their raw payload (null when HubSpot sent none). */
    private static boolean carriesOnlyPayload(FromHubSpot message) {
        return message instanceof FromHubSpot.DialNumber || message instanceof FromHubSpot.CallerIdMatchFailed
                || message instanceof FromHubSpot.InitiateCallIdSucceeded
                || message instanceof FromHubSpot.InitiateCallIdFailed
                || message instanceof FromHubSpot.SetWidgetUrlFailed || message instanceof FromHubSpot.EndCall
                || message instanceof FromHubSpot.SetCallState || message instanceof FromHubSpot.Failed
                || message instanceof FromHubSpot.Unloading;
    }

    private static @Nullable String rawPayload(FromHubSpot message) {
        if (message instanceof FromHubSpot.DialNumber m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.CallerIdMatchFailed m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.InitiateCallIdSucceeded m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.InitiateCallIdFailed m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.SetWidgetUrlFailed m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.EndCall m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.SetCallState m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.Failed m) {
            return m.payload();
        } else if (message instanceof FromHubSpot.Unloading m) {
            return m.payload();
        }
        return null;
    }

    private static void handshake(JsonGenerator g, @Nullable Long portalId, @Nullable Long userId,
            @Nullable Long ownerId, @Nullable Long engagementId, @Nullable IframeLocation location,
            @Nullable Boolean usesCallingWindow) {
        put(g, "portalId", portalId);
        put(g, "userId", userId);
        put(g, "ownerId", ownerId);
        put(g, "engagementId", engagementId);
        putEnum(g, "iframeLocation", location);
        put(g, "usesCallingWindow", usesCallingWindow);
    }

    private static void properties(JsonGenerator g, EngagementProperties p) {
        g.writeStartObject();
        g.writeNumberProperty("hs_timestamp", p.timestamp().toEpochMilli());
        put(g, "hs_call_body", p.body());
        // The library types these ids and the duration as strings.
        put(g, "hs_call_callee_object_id", p.calleeObjectId() == null ? null : p.calleeObjectId().toString());
        putEnum(g, "hs_call_callee_object_type", p.calleeObjectType());
        putEnum(g, "hs_call_direction", p.direction());
        put(g, "hs_call_disposition", p.disposition());
        put(g, "hs_call_duration", p.duration() == null ? null : Long.toString(p.duration().toMillis()));
        put(g, "hs_call_from_number", p.fromNumber());
        put(g, "hs_call_recording_url", p.recordingUrl() == null ? null : p.recordingUrl().toString());
        putEnum(g, "hs_call_status", p.status());
        put(g, "hs_call_title", p.title());
        putEnum(g, "hs_call_source", p.source());
        put(g, "hs_call_to_number", p.toNumber());
        put(g, "hubspot_owner_id", p.hubspotOwnerId() == null ? null : p.hubspotOwnerId().toString());
        put(g, "hs_activity_type", p.activityType());
        put(g, "hs_attachment_ids", p.attachmentIds() == null ? null : String.join(";", p.attachmentIds()));
        g.writeEndObject();
    }

    private static void coordinates(JsonGenerator g, ObjectCoordinates c) {
        g.writeStartObject();
        g.writeNumberProperty("portalId", c.portalId());
        g.writeNumberProperty("objectId", c.objectId());
        g.writeStringProperty("objectTypeId", c.objectTypeId().wireValue());
        g.writeEndObject();
    }

    private static void callerIdMatch(JsonGenerator g, CallerIdMatch match) {
        g.writeStartObject();
        g.writeStringProperty("callerIdType", match.callerIdType().wireValue());
        g.writeName("objectCoordinates");
        coordinates(g, match.objectCoordinates());
        if (match instanceof CallerIdMatch.Contact c) {
            put(g, "firstName", c.firstName());
            put(g, "lastName", c.lastName());
            put(g, "email", c.email());
        } else if (match instanceof CallerIdMatch.Company c) {
            put(g, "name", c.name());
        }
        g.writeEndObject();
    }

    private static void errorMessage(JsonGenerator g, @Nullable String message) {
        if (message != null) {
            g.writeName("error");
            g.writeStartObject();
            g.writeStringProperty("message", message);
            g.writeEndObject();
        }
    }

    /** Opens the data object, as property {@code name} when given. */
    private static void start(JsonGenerator g, @Nullable String name) {
        if (name != null) {
            g.writeName(name);
        }
        g.writeStartObject();
    }

    /** Raw JSON held in compact form, as property {@code name} when given; nothing when {@code json} is null. */
    private static void raw(JsonGenerator g, @Nullable String name, @Nullable String json) {
        if (json == null) {
            return;
        }
        if (name != null) {
            g.writeName(name);
        }
        g.writeRawValue(json);
    }

    private static void put(JsonGenerator g, String name, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void put(JsonGenerator g, String name, @Nullable Long value) {
        if (value != null) {
            g.writeNumberProperty(name, value.longValue());
        }
    }

    private static void put(JsonGenerator g, String name, @Nullable Boolean value) {
        if (value != null) {
            g.writeBooleanProperty(name, value.booleanValue());
        }
    }

    private static void putEnum(JsonGenerator g, String name, @Nullable WireValue value) {
        if (value != null) {
            g.writeStringProperty(name, value.wireValue());
        }
    }
}
