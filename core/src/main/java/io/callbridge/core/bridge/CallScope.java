package io.callbridge.core.bridge;

import io.callbridge.core.model.Call;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which of an agent's calls a CRM adapter takes to its CRM. An agent has one phone, so every call of theirs is in the
 * softphone of every CRM they have open (the softphone shows the agent's phone, not one CRM's view of it). The scope
 * decides which CRMs also get the call's side effects: HubSpot's call messages and engagement, Salesforce's screen
 * pop, Task and Sales Engagement completion. Each adapter has its own ({@code HubSpotSettings.callScope},
 * {@code SalesforceSettings.callScope}).
 *
 * <p>Which CRM started a call is read from its {@code crmContext}: each adapter writes the keys of a click-to-dial
 * under its own name ({@code hubspot.…}, {@code salesforce.…}). Calls dialled on the softphone's keypad and inbound
 * calls have none: no CRM started them.
 */
public enum CallScope {
    /**
     * Every call of the agent (the default): a call dialled from HubSpot is also logged as a Salesforce Task while the
     * agent has Salesforce open, and the other way round.
     */
    ALL_CALLS,
    /**
     * Not the calls another CRM started: a click-to-dial in one CRM is announced and logged in that CRM only. Inbound
     * calls and calls dialled on the softphone's keypad still go to every CRM the agent has open. For one CRM per
     * agent, agents open only that CRM's softphone, or every adapter but one is left out of the deployment.
     */
    NOT_STARTED_IN_OTHER_CRMS;

    /** Whether the adapter of {@code crm} (e.g. {@code "hubspot"}) takes {@code call} to its CRM. */
    public boolean covers(Call call, String crm) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(crm, "crm");
        return this == ALL_CALLS || startedIn(call) == null || crm.equals(startedIn(call));
    }

    /**
     * The CRM that started the call (the name before the first dot of its {@code crmContext} keys), or null when no
     * CRM did.
     */
    public static @Nullable String startedIn(Call call) {
        for (String key : call.crmContext().keySet()) {
            int dot = key.indexOf('.');
            if (dot > 0) {
                return key.substring(0, dot);
            }
        }
        return null;
    }
}
