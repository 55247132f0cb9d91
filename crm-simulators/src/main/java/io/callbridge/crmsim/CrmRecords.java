package io.callbridge.crmsim;

import java.util.List;
import java.util.Map;

/**
 * The simulated CRM's records behind the host pages ({@link HostSimulatorServer.Builder#records}): where the HubSpot
 * host page creates and updates the engagement of a call (so that it is the same call object HubSpot's REST API, or
 * a simulator of it, serves), and what each host page lists as the CRM's records of calls. Without one the pages keep
 * their engagements and Tasks in the browser only. {@link io.callbridge.crmsim.rest.RestSimulatorRecords} backs it with
 * the REST simulators. Implementations are thread-safe.
 */
public interface CrmRecords {
    /** Creates the call object of an engagement in {@code portalId}, as HubSpot does for the SDK; returns its id. */
    long createHubSpotEngagement(long portalId, Map<String, String> properties);

    /** Merges {@code properties} into engagement {@code engagementId} of {@code portalId}; false if there is none. */
    boolean updateHubSpotEngagement(long portalId, long engagementId, Map<String, String> properties);

    /**
     * The CRM's call records for a host page ({@code crm} is {@code hubspot} or {@code salesforce}), newest last: flat
     * maps of strings, numbers and booleans (for HubSpot e.g. {@code id}, {@code status}, {@code disposition},
     * {@code via} = {@code frame} or {@code api}).
     */
    List<Map<String, Object>> records(String crm);
}
