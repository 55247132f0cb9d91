package io.callbridge.core.bridge;

import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands an adapter issues on its own for one agent (a CRM link on a call, a work item marked logged, a notice),
 * as opposed to the ones a user asked for: nobody waits for their result, so a refusal is logged here, once, the same
 * way for every CRM. The refusal's code goes to WARN; its message, which may quote what was refused (a number, a
 * name), only to DEBUG. Thread-safe, as core is.
 */
public final class AgentActions {
    private static final Logger LOG = LoggerFactory.getLogger(AgentActions.class);

    private final String crm;
    private final AgentId agent;
    private final CallEngine engine;

    /** @param crm the adapter's short name, e.g. {@code hubspot}, for the log */
    public AgentActions(String crm, AgentId agent, CallEngine engine) {
        this.crm = Objects.requireNonNull(crm, "crm");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Runs {@code command}; a refusal is logged and returned. */
    public CommandResult apply(Command command) {
        CommandResult result = engine.execute(command);
        if (result instanceof CommandResult.Rejected rejected) {
            String kind = command.getClass().getSimpleName();
            LOG.warn("{} {}: core refused {}: {}", crm, agent, kind, rejected.error().code());
            LOG.debug("{} {}: core refused {} because: {}", crm, agent, kind, rejected.error());
        }
        return result;
    }

    /** Tells the agent, on every softphone of theirs, of something that did not happen. */
    public void notifyAgent(String code, String message, @Nullable CallId callId) {
        apply(new NotifyAgent(agent, code, message, callId));
    }
}
