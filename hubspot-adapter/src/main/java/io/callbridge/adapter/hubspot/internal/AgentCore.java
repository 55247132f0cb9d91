package io.callbridge.adapter.hubspot.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.command.Command;
import io.callbridge.core.bridge.AgentActions;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Core as one agent's HubSpot lanes use it: the agent's state and calls, its commands, and the notices that tell the
 * agent what HubSpot refused. Thread-safe (core is), though the lanes only call it from the bridge's serial queue.
 */
final class AgentCore {
    private final AgentId agent;
    private final CallEngine engine;
    private final AgentActions actions;

    AgentCore(AgentId agent, CallEngine engine) {
        this.agent = agent;
        this.engine = engine;
        this.actions = new AgentActions(HubSpotCallMessages.CRM, agent, engine);
    }

    AgentId agent() {
        return agent;
    }

    Agent state() {
        return engine.agent(agent);
    }

    AgentSnapshot snapshot() {
        return engine.snapshot(agent);
    }

    Optional<Call> call(CallId id) {
        return engine.call(id);
    }

    /** Runs {@code command}; the caller looks at the result. */
    CommandResult execute(Command command) {
        return engine.execute(command);
    }

    /**
     * Runs a command the adapter issues on its own (a marker, an engagement link): a refusal is logged, not thrown,
     * because what HubSpot did has happened either way.
     */
    void apply(Command command) {
        actions.apply(command);
    }

    /** Tells the agent (every softphone of theirs shows it); {@code code} starts with {@code hubspot.}. */
    void notifyAgent(String code, String message, @Nullable CallId callId) {
        actions.notifyAgent(code, message, callId);
    }
}
