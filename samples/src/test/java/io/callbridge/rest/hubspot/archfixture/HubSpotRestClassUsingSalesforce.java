package io.callbridge.rest.hubspot.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class HubSpotRestClassUsingSalesforce {
    io.callbridge.adapter.salesforce.archfixture.SalesforceClassUsingHubSpot other;
}
