package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;

/**
 * Everything an agent, a CRM or the vendor can ask core to do. Each command names the agent it acts for: core
 * refuses a command on a call or work item that belongs to another agent, which is what keeps agents and tenants
 * apart whatever a bridge sends.
 */
public sealed interface Command permits CallCommand, AgentCommand, WorkCommand, Dial, NotifyAgent {
    AgentId agent();
}
