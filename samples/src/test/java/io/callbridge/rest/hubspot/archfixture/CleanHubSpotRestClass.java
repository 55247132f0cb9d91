package io.callbridge.rest.hubspot.archfixture;

/** Clean class for ArchitectureRulesCanFailTest: the HubSpot REST module may use core and its adapter. */
public class CleanHubSpotRestClass {
    io.callbridge.core.model.CallId call;
    io.callbridge.adapter.hubspot.HubSpotCallLog log;
}
