package io.callbridge.adapter.hubspot.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class HubSpotClassUsingTransport {
    io.callbridge.transport.websocket.archfixture.TransportClassUsingAdapter transport;
}
