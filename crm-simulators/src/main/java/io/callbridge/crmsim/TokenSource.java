package io.callbridge.crmsim;

/**
 * Where the host simulators get an agent token for the softphone they embed: the vendor's own issuing, e.g.
 * {@code (agent, crm) -> agentTokens.issue(AgentId.of("acme", agent), crm, Duration.ofMinutes(10))}. The host page
 * fetches one from the simulator server each time it loads (or reloads) a softphone frame and hands it over in the
 * URL fragment ({@code #token=…}), as a vendor's backend would.
 */
@FunctionalInterface
public interface TokenSource {
    /**
     * A token for {@code agent} (the host page's {@code ?agent=}: letters, digits, {@code . _ -}) in {@code crm}
     * ({@code hubspot} or {@code salesforce}). An exception refuses it: the host page shows its message.
     */
    String token(String agent, String crm) throws Exception;
}
