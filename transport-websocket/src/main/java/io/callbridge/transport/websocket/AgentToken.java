package io.callbridge.transport.websocket;

import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a verified agent token says: who the bridge acts for, in which CRM, until when.
 *
 * @param crm the CRM kind the token was issued for; a bridge may only say hello for that CRM
 */
public record AgentToken(AgentId agent, String crm, Instant expiresAt) {
    public AgentToken {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
