package io.callbridge.crmsim.rest;

import io.callbridge.crmsim.CrmRecords;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link CrmRecords} backed by the REST simulators: the HubSpot host page's engagements are calls of the
 * {@link HubSpotRestSimulator} (so a REST fallback's update of the engagement finds it), and the records each page
 * lists are the simulators' calls and Tasks. A call the page updated (its {@code CALL_COMPLETED}) is {@code via: frame};
 * one the REST API created or updated is {@code via: api}; one neither completed yet, {@code via: ""}.
 */
public final class RestSimulatorRecords implements CrmRecords {
    private final @Nullable HubSpotRestSimulator hubspot;
    private final long portalId;
    private final @Nullable SalesforceRestSimulator salesforce;
    private final Set<Long> created = ConcurrentHashMap.newKeySet();
    private final Set<Long> completedByFrame = ConcurrentHashMap.newKeySet();

    /**
     * @param hubspot the HubSpot REST simulator, or null for no HubSpot records
     * @param portalId the portal whose calls the HubSpot page lists
     * @param salesforce the Salesforce REST simulator, or null for no Salesforce records
     */
    public RestSimulatorRecords(@Nullable HubSpotRestSimulator hubspot, long portalId,
            @Nullable SalesforceRestSimulator salesforce) {
        this.hubspot = hubspot;
        this.portalId = portalId;
        this.salesforce = salesforce;
    }

    @Override
    public long createHubSpotEngagement(long portal, Map<String, String> properties) {
        long id = hubspot().createEngagement(portal, properties);
        created.add(id);
        return id;
    }

    @Override
    public boolean updateHubSpotEngagement(long portal, long engagementId, Map<String, String> properties) {
        boolean updated = hubspot().updateEngagement(portal, engagementId, properties);
        if (updated) {
            completedByFrame.add(engagementId);
        }
        return updated;
    }

    @Override
    public List<Map<String, Object>> records(String crm) {
        Objects.requireNonNull(crm, "crm");
        return switch (crm) {
            case "hubspot" -> hubspot == null ? List.of() : hubspotRecords(hubspot);
            case "salesforce" -> salesforce == null ? List.of() : salesforceRecords(salesforce);
            default -> throw new IllegalArgumentException("crm must be hubspot or salesforce, not " + crm);
        };
    }

    private List<Map<String, Object>> hubspotRecords(HubSpotRestSimulator sim) {
        Set<Long> viaApi = new java.util.HashSet<>();
        for (HubSpotRestSimulator.LoggedRequest r : sim.requests()) {
            if (r.status() < 300 && (r.endpoint().equals("calls.update") || r.endpoint().equals("calls.create"))) {
                String tail = r.path().substring(r.path().lastIndexOf('/') + 1);
                try {
                    viaApi.add(Long.parseLong(tail));
                } catch (NumberFormatException e) {
                    // a create: its id is not in the path; see below
                }
            }
        }
        Map<String, String> outcomes = sim.outcomes(portalId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (HubSpotRestSimulator.SimCall call : sim.calls(portalId)) {
            Map<String, String> p = call.properties();
            boolean api = viaApi.contains(call.id()) || !created.contains(call.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Long.toString(call.id()));
            row.put("status", p.getOrDefault("hs_call_status", ""));
            String disposition = p.getOrDefault("hs_call_disposition", "");
            row.put("disposition", outcomes.getOrDefault(disposition, disposition));
            row.put("direction", p.getOrDefault("hs_call_direction", ""));
            row.put("from", p.getOrDefault("hs_call_from_number", ""));
            row.put("to", p.getOrDefault("hs_call_to_number", ""));
            row.put("durationMs", p.getOrDefault("hs_call_duration", ""));
            row.put("via", api ? "api" : completedByFrame.contains(call.id()) ? "frame" : "");
            row.put("updatedAt", call.updatedAt().toString());
            out.add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> salesforceRecords(SalesforceRestSimulator sim) {
        List<Map<String, Object>> out = new ArrayList<>();
        sim.tasks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", e.getKey());
            for (String field : List.of("Subject", "Status", "CallType", "CallDisposition", "CallDurationInSeconds",
                    "CallObject", "WhoId", "WhatId")) {
                Object v = e.getValue().get(field);
                row.put(field, v == null ? "" : v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
            }
            row.put("via", "api");
            out.add(row);
        });
        return out;
    }

    private HubSpotRestSimulator hubspot() {
        if (hubspot == null) {
            throw new IllegalStateException("no HubSpot REST simulator configured");
        }
        return hubspot;
    }
}
