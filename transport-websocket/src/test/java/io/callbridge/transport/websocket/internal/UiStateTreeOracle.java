package io.callbridge.transport.websocket.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.phone.PhoneNumberParser;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tree renderer {@link UiState} replaced (round 5 of the performance work), kept in the tests only as the oracle
 * that the streaming renderer writes the same text: renders what a softphone page shows: the agent, their calls and work items, recent notices, and the adapters'
 * topics. CRM-neutral; CRM-specific additions arrive as topics. Never includes {@code crmContext} (the CRM's raw
 * request), which the page does not need.
 */
final class UiStateTreeOracle {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;


    private final PhoneNumberParser parser;

    UiStateTreeOracle(PhoneNumberParser parser) {
        this.parser = parser;
    }

    ObjectNode render(AgentSnapshot snapshot, Collection<UiState.Notice> notices, Map<String, JsonNode> topics) {
        ObjectNode state = NODES.objectNode();
        state.set("agent", agent(snapshot.agent()));
        ArrayNode calls = state.putArray("calls");
        for (Call call : UiState.shown(snapshot)) {
            calls.add(call(call));
        }
        ArrayNode work = state.putArray("workItems");
        for (WorkItem item : snapshot.workItems()) {
            work.add(workItem(item));
        }
        ArrayNode noticeArray = state.putArray("notices");
        for (UiState.Notice n : notices) {
            ObjectNode o = noticeArray.addObject();
            o.put("code", n.code());
            o.put("message", n.message());
            putOptional(o, "callId", n.callId());
            o.put("at", n.at().toString());
        }
        ObjectNode topicObject = state.putObject("topics");
        new java.util.TreeMap<>(topics).forEach(topicObject::set);
        return state;
    }

    private static ObjectNode agent(Agent agent) {
        ObjectNode o = NODES.objectNode();
        o.put("tenant", agent.id().tenant());
        o.put("id", agent.id().agent());
        o.put("loggedIn", agent.loggedIn());
        o.set("presence", presence(agent.presence()));
        if (agent.pendingPresence() != null) {
            o.set("pendingPresence", presence(agent.pendingPresence()));
        }
        o.put("activity", agent.activity().name());
        o.put("available", agent.isAvailable());
        o.put("readyForCalls", agent.isReadyForCalls());
        return o;
    }

    private static ObjectNode presence(Presence presence) {
        ObjectNode o = NODES.objectNode();
        o.put("status", presence.status().name());
        putOptional(o, "reason", presence.reason());
        return o;
    }

    private ObjectNode call(Call call) {
        ObjectNode o = NODES.objectNode();
        o.put("id", call.id().value());
        o.put("direction", call.direction().name());
        if (call.from() != null) {
            o.set("from", number(call.from()));
        }
        o.set("to", number(call.to()));
        o.put("state", call.state().name());
        o.put("live", call.state().isLive());
        putOptional(o, "endStatus", call.endStatus() == null ? null : call.endStatus().name());
        o.put("muted", call.muted());
        o.put("recording", call.recording());
        o.put("createdAt", call.createdAt().toString());
        putOptional(o, "connectedAt", call.connectedAt() == null ? null : call.connectedAt().toString());
        putOptional(o, "endedAt", call.endedAt() == null ? null : call.endedAt().toString());
        putOptional(o, "workItem", call.workItem() == null ? null : call.workItem().value());
        CrmRecordRef record = call.record();
        if (record != null) {
            ObjectNode r = o.putObject("record");
            r.put("crm", record.crm());
            r.put("objectType", record.objectType());
            r.put("id", record.id());
            putOptional(r, "name", record.name());
        }
        CallOutcome outcome = call.outcome();
        if (outcome != null) {
            ObjectNode r = o.putObject("outcome");
            putOptional(r, "disposition", outcome.disposition());
            putOptional(r, "notes", outcome.notes());
        }
        return o;
    }

    private ObjectNode number(PhoneNumber number) {
        ObjectNode o = NODES.objectNode();
        o.put("e164", number.e164());
        putOptional(o, "extension", number.extension());
        o.put("display", parser.formatNational(number));
        return o;
    }

    private ObjectNode workItem(WorkItem item) {
        ObjectNode o = NODES.objectNode();
        o.put("id", item.id().value());
        o.set("expectedNumber", number(item.expectedNumber()));
        o.put("state", item.state().name());
        o.put("expiresAt", item.expiresAt().toString());
        putOptional(o, "callId", item.call() == null ? null : item.call().value());
        putOptional(o, "failure", item.failure());
        return o;
    }

    private static void putOptional(ObjectNode o, String name, @Nullable String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
