package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tell the agent something went wrong or needs attention (e.g. a CRM refused to create an engagement). Changes no
 * state; every frame of the agent shows it.
 *
 * @param code a stable machine-readable code, e.g. {@code hubspot.CREATE_ENGAGEMENT_FAILED}
 * @param message text for the agent
 */
public record NotifyAgent(AgentId agent, String code, String message, @Nullable CallId callId) implements Command {
    public NotifyAgent {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
