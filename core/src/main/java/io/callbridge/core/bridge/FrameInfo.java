package io.callbridge.core.bridge;

import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One authenticated bridge session: a CRM frame or tab of an agent.
 *
 * @param sessionId the transport's id of the session, unique per connection
 * @param role what the bridge declared itself to be, one of the CRM's {@link CrmBridge#frameRoles()}
 * @param attributes what else the bridge said about itself in its hello (e.g. the host page's origin)
 */
public record FrameInfo(String sessionId, AgentId agent, String crm, String role, Instant connectedAt,
        Map<String, String> attributes) {
    public FrameInfo {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(connectedAt, "connectedAt");
        attributes = Map.copyOf(attributes);
    }
}
