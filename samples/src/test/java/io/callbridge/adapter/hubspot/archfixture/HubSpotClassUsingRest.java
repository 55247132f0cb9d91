package io.callbridge.adapter.hubspot.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class HubSpotClassUsingRest {
    io.callbridge.rest.hubspot.archfixture.CleanHubSpotRestClass rest;
}
