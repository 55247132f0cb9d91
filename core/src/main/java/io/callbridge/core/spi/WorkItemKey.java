package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.WorkItemId;
import java.util.Objects;

/** Work items are stored per agent: CRM ids are unique per CRM org, not across the tenants one server carries. */
public record WorkItemKey(AgentId agent, WorkItemId id) {
    public WorkItemKey {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
    }
}
