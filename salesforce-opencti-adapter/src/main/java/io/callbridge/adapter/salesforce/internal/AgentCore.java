package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.AgentActions;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.command.Command;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One agent's side of core as the Salesforce flows use it: the calls and work items core holds (the record of truth
 * they reconcile with), commands whose refusals are logged, notices to the agent. Stateless; the flows call it from
 * the agent bridge's serial queue.
 */
final class AgentCore {
    /** The longest reason a CRM link or a work failure takes. */
    private static final int REASON_MAX = 255;

    private final AgentId agent;
    private final CallEngine engine;
    private final AgentActions actions;

    AgentCore(AgentId agent, CallEngine engine) {
        this.agent = agent;
        this.engine = engine;
        this.actions = new AgentActions(RecordLinks.CRM, agent, engine);
    }

    AgentId agent() {
        return agent;
    }

    Optional<Call> call(CallId id) {
        return engine.call(id);
    }

    /** The work item the call names, as core holds it; null when it names none or core has none. */
    @Nullable WorkItem workOf(Call call) {
        WorkItemId id = call.workItem();
        return id == null ? null : engine.workItem(agent, id).orElse(null);
    }

    Optional<WorkItem> workItem(WorkItemId id) {
        return engine.workItem(agent, id);
    }

    List<WorkItem> workItems() {
        return engine.workItems(agent);
    }

    boolean isLive(CallId id) {
        return engine.call(id).map(c -> c.state().isLive()).orElse(false);
    }

    /** Runs a command the flow derived from state; core refusing it is logged, since nobody else will see it. */
    CommandResult execute(Command command) {
        return actions.apply(command);
    }

    /** Runs a command the agent asked for (a dial, a work offer): a refusal is theirs to hear, not a log line's. */
    CommandResult request(Command command) {
        return engine.execute(command);
    }

    /** Tells the agent, on every frame's softphone, of something that did not happen. */
    void notifyAgent(String code, String message, @Nullable CallId callId) {
        actions.notifyAgent(code, message, callId);
    }

    /** The invocation id, and delivery key, of one step of a call: {@code call-1:saveLog}, the same on every retry. */
    static String stepId(CallId call, String step) {
        return Invocation.deriveId("", call.value(), step);
    }

    /** A reason as a CRM link or a work failure takes it: 1-255 characters, never half an emoji. */
    static String reason(String text) {
        return Texts.truncate(text.isBlank() ? "failed" : text, REASON_MAX);
    }
}
