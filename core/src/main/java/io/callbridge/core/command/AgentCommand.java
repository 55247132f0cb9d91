package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Presence;
import java.util.Objects;

/** A command on the agent's own state. */
public sealed interface AgentCommand extends Command {

    record LogIn(AgentId agent) implements AgentCommand {
        public LogIn { Objects.requireNonNull(agent, "agent"); }
    }

    /** Refused while the agent has a call that is live or in wrap-up. */
    record LogOut(AgentId agent) implements AgentCommand {
        public LogOut { Objects.requireNonNull(agent, "agent"); }
    }

    /**
     * Choose AVAILABLE or AWAY (OFFLINE is what logging out does). AWAY chosen during a call takes effect when the
     * agent becomes idle.
     */
    record SetPresence(AgentId agent, Presence presence) implements AgentCommand {
        public SetPresence {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(presence, "presence");
        }
    }
}
