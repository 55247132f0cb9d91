package io.callbridge.transport.websocket.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.transport.websocket.internal.protocol.FrameCodec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Renders what a softphone page shows: the agent, their calls and work items, recent notices, and the adapters'
 * topics. CRM-neutral; CRM-specific additions arrive as topics. Never includes {@code crmContext} (the CRM's raw
 * request), which the page does not need.
 *
 * <p>Written straight to a generator rather than built as a tree and written then: a snapshot goes out for about every
 * fourth frame, and its tree (a map, an entry and a node per member of every call shown) was the largest allocation
 * of the server per frame. The members and their order are those of the tree it replaced, so the text is the same.
 * Calls are rendered once per {@link Shown} value and kept in a small cache: most of a snapshot is calls whose shown part
 * did not change.
 */
final class UiState {
    static final int WRAPPED_UP_SHOWN = 5;
    private static final int INITIAL_BUFFER = 4096;
    /** About what one call takes. */
    private static final int CALL_CHARS = 400;
    /** A thread keeps its buffer unless a huge snapshot grew it past this. */
    private static final int MAX_KEPT_BUFFER = 256 * 1024;
    /**
     * One buffer per rendering thread (the transport's pool, and the threads that start streams): a snapshot's text is
     * then allocated once, as the frame, instead of once per copy on the way.
     */
    private static final ThreadLocal<StringBuilder> BUFFERS =
            ThreadLocal.withInitial(() -> new StringBuilder(INITIAL_BUFFER));

    /** Something the agent was told (core's AgentNotice). */
    record Notice(String code, String message, @Nullable String callId, Instant at) { }

    /** Slots of the cache of rendered calls (a power of two). */
    private static final int RENDERED_SLOTS = 4096;

    /**
     * What the page shows of a call, and all that {@link #call} renders: a call's rendering is a pure function of
     * this, so it is kept while this is unchanged. Most changes to a call are to what the page does not show (the
     * adapters' links and step markers, the CRM's context), and comparing this is cheaper than comparing the call.
     */
    record Shown(CallId id, Direction direction, @Nullable PhoneNumber from, PhoneNumber to, CallState state,
            @Nullable EndStatus endStatus, boolean muted, boolean recording, Instant createdAt,
            @Nullable Instant connectedAt, @Nullable Instant endedAt, @Nullable WorkItemId workItem,
            @Nullable CrmRecordRef record, @Nullable CallOutcome outcome) {
        static Shown of(Call c) {
            return new Shown(c.id(), c.direction(), c.from(), c.to(), c.state(), c.endStatus(), c.muted(),
                    c.recording(), c.createdAt(), c.connectedAt(), c.endedAt(), c.workItem(), c.record(),
                    c.outcome());
        }
    }

    /** A call's rendering and what it was rendered from. */
    private record Rendered(Shown shown, String json) { }

    private final PhoneNumberParser parser;
    /**
     * The last rendering of calls, by the hash of their id: the wrapped-up calls a snapshot shows (up to
     * {@value #WRAPPED_UP_SHOWN}) never change, yet were written again, timestamps formatted and all, in every snapshot.
     * Racy on purpose: slots hold immutable records, and a lost or overwritten slot only costs a render.
     */
    private final Rendered[] rendered = new Rendered[RENDERED_SLOTS];

    UiState(PhoneNumberParser parser) {
        this.parser = parser;
    }

    /** The state as JSON text, written with {@code codec}'s mapper. */
    String write(FrameCodec codec, AgentSnapshot snapshot, Collection<Notice> notices, Map<String, JsonNode> topics) {
        return writeInto(codec, snapshot, notices, topics).toString();
    }

    /**
     * The state as JSON text in a builder of the calling thread's, which the next call on the same thread reuses: read
     * (or copy) it before rendering again.
     */
    StringBuilder writeInto(FrameCodec codec, AgentSnapshot snapshot, Collection<Notice> notices,
            Map<String, JsonNode> topics) {
        List<Call> shown = shown(snapshot);
        StringBuilder into = BUFFERS.get();
        if (into.capacity() > MAX_KEPT_BUFFER) {
            into = new StringBuilder(INITIAL_BUFFER);
            BUFFERS.set(into);
        }
        into.setLength(0);
        return codec.write(g -> write(codec, g, snapshot, shown, notices, topics), into);
    }

    private void write(FrameCodec codec, JsonGenerator g, AgentSnapshot snapshot, List<Call> shown,
            Collection<Notice> notices, Map<String, JsonNode> topics) {
        g.writeStartObject();
        g.writeName("agent");
        agent(g, snapshot.agent());
        g.writeArrayPropertyStart("calls");
        for (Call call : shown) {
            g.writeRawValue(rendered(codec, call));
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("workItems");
        for (WorkItem item : snapshot.workItems()) {
            workItem(g, item);
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("notices");
        for (Notice n : notices) {
            g.writeStartObject();
            g.writeStringProperty("code", n.code());
            g.writeStringProperty("message", n.message());
            optional(g, "callId", n.callId());
            g.writeStringProperty("at", n.at().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("topics");
        Map<String, JsonNode> sorted = topics.size() < 2 ? topics : new TreeMap<>(topics);
        for (Map.Entry<String, JsonNode> topic : sorted.entrySet()) {
            g.writeName(topic.getKey());
            g.writeTree(topic.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Every call that is live or in wrap-up, and only the {@value #WRAPPED_UP_SHOWN} most recently wrapped-up ones:
     * core keeps finished calls for an hour, and sending all of them in every snapshot made frames, the replay buffer
     * and the server's CPU grow with the agent's call history. Oldest first, as core lists them. The transport asks core
     * for no more than these ({@code CallEngine#snapshot(AgentId, int)}); this keeps any other snapshot to them too.
     */
    static List<Call> shown(AgentSnapshot snapshot) {
        return snapshot.withNewestWrappedUp(WRAPPED_UP_SHOWN).calls();
    }

    private static void agent(JsonGenerator g, Agent agent) {
        g.writeStartObject();
        g.writeStringProperty("tenant", agent.id().tenant());
        g.writeStringProperty("id", agent.id().agent());
        g.writeBooleanProperty("loggedIn", agent.loggedIn());
        g.writeName("presence");
        presence(g, agent.presence());
        if (agent.pendingPresence() != null) {
            g.writeName("pendingPresence");
            presence(g, agent.pendingPresence());
        }
        g.writeStringProperty("activity", agent.activity().name());
        g.writeBooleanProperty("available", agent.isAvailable());
        g.writeBooleanProperty("readyForCalls", agent.isReadyForCalls());
        g.writeEndObject();
    }

    private static void presence(JsonGenerator g, Presence presence) {
        g.writeStartObject();
        g.writeStringProperty("status", presence.status().name());
        optional(g, "reason", presence.reason());
        g.writeEndObject();
    }

    /**
     * The call's JSON, from the cache when what the page shows of it is unchanged since it was last rendered.
     * Package-private for tests.
     */
    String rendered(FrameCodec codec, Call call) {
        int slot = call.id().hashCode() & (RENDERED_SLOTS - 1);
        Shown shown = Shown.of(call);
        Rendered last = rendered[slot];
        if (last != null && last.shown().equals(shown)) {
            return last.json();
        }
        String json = codec.write(g -> call(g, shown), new StringBuilder(CALL_CHARS)).toString();
        rendered[slot] = new Rendered(shown, json);
        return json;
    }

    private void call(JsonGenerator g, Shown call) {
        g.writeStartObject();
        g.writeStringProperty("id", call.id().value());
        g.writeStringProperty("direction", call.direction().name());
        if (call.from() != null) {
            g.writeName("from");
            number(g, call.from());
        }
        g.writeName("to");
        number(g, call.to());
        g.writeStringProperty("state", call.state().name());
        g.writeBooleanProperty("live", call.state().isLive());
        optional(g, "endStatus", call.endStatus() == null ? null : call.endStatus().name());
        g.writeBooleanProperty("muted", call.muted());
        g.writeBooleanProperty("recording", call.recording());
        g.writeStringProperty("createdAt", call.createdAt().toString());
        optional(g, "connectedAt", call.connectedAt() == null ? null : call.connectedAt().toString());
        optional(g, "endedAt", call.endedAt() == null ? null : call.endedAt().toString());
        optional(g, "workItem", call.workItem() == null ? null : call.workItem().value());
        CrmRecordRef record = call.record();
        if (record != null) {
            g.writeObjectPropertyStart("record");
            g.writeStringProperty("crm", record.crm());
            g.writeStringProperty("objectType", record.objectType());
            g.writeStringProperty("id", record.id());
            optional(g, "name", record.name());
            g.writeEndObject();
        }
        CallOutcome outcome = call.outcome();
        if (outcome != null) {
            g.writeObjectPropertyStart("outcome");
            optional(g, "disposition", outcome.disposition());
            optional(g, "notes", outcome.notes());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void number(JsonGenerator g, PhoneNumber number) {
        g.writeStartObject();
        g.writeStringProperty("e164", number.e164());
        optional(g, "extension", number.extension());
        g.writeStringProperty("display", parser.formatNational(number));
        g.writeEndObject();
    }

    private void workItem(JsonGenerator g, WorkItem item) {
        g.writeStartObject();
        g.writeStringProperty("id", item.id().value());
        g.writeName("expectedNumber");
        number(g, item.expectedNumber());
        g.writeStringProperty("state", item.state().name());
        g.writeStringProperty("expiresAt", item.expiresAt().toString());
        optional(g, "callId", item.call() == null ? null : item.call().value());
        optional(g, "failure", item.failure());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }
}
