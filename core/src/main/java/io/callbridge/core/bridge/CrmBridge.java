package io.callbridge.core.bridge;

import io.callbridge.core.model.AgentId;
import java.util.Set;

/**
 * A CRM integration the transport can host. Each adapter contributes one with a Guice
 * {@code MapBinder<String, CrmBridge>} keyed by {@link #crm()}; the transport looks it up by the CRM kind a bridge
 * names in its hello, and never knows any CRM by name.
 */
public interface CrmBridge {

    /** The CRM kind bridges name, e.g. {@code hubspot}; lower-case letters and digits. */
    String crm();

    /** The frame roles a bridge of this CRM may declare (HubSpot: widget, remote, window; Salesforce: tab). */
    Set<String> frameRoles();

    /**
     * Called when the first frame of {@code agent} for this CRM authenticates. The returned handler lives until the
     * agent's last frame of this CRM is gone; the transport then calls {@link AgentBridge#close()}.
     */
    AgentBridge attach(AgentId agent, BridgeChannel channel);
}
