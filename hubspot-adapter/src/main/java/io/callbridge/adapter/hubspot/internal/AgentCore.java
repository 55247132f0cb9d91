package io.callbridge.adapter.hubspot.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core as one agent's HubSpot lanes use it: the agent's state and calls, its commands, and the notices that tell the
 * agent what HubSpot refused. Thread-safe (core is), though the lanes only call it from the bridge's serial queue.
 */
final class AgentCore {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCore.class);

    private final AgentId agent;
    private final CallEngine engine;

    AgentCore(AgentId agent, CallEngine engine) {
        this.agent = agent;
        this.engine = engine;
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
        CommandResult result = engine.execute(command);
        if (result instanceof CommandResult.Rejected rejected) {
            // The code at WARN; the message may quote what was refused, so only at DEBUG.
            LOG.warn("{}: core refused {}: {}", agent, command.getClass().getSimpleName(), rejected.error().code());
            LOG.debug("{}: core refused {} because: {}", agent, command.getClass().getSimpleName(), rejected.error());
        }
    }

    /** Tells the agent (every softphone of theirs shows it); {@code code} starts with {@code hubspot.}. */
    void notifyAgent(String code, String message, @Nullable CallId callId) {
        apply(new NotifyAgent(agent, code, message, callId));
    }
}
