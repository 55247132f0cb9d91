// tag::file[]
package com.acme.phone;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import jakarta.inject.Inject;
import java.time.Duration;

/** Your backend's side of sign-in: it knows who is signed in, and gives that agent a token for one CRM. */
public final class AcmeTokens {
    private final AgentTokens agentTokens;

    @Inject
    AcmeTokens(AgentTokens agentTokens) {
        this.agentTokens = agentTokens;
    }

    /** @param crm {@code hubspot} or {@code salesforce}: a token opens bridges of that CRM only */
    public String tokenFor(String userId, String crm) {
        return agentTokens.issue(AgentId.of("acme", userId), crm, Duration.ofMinutes(10));
    }
}
// end::file[]
