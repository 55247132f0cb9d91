package io.callbridge.adapter.salesforce.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class SalesforceClassUsingHubSpot {
    io.callbridge.adapter.hubspot.archfixture.HubSpotClassUsingTransport other;
}
