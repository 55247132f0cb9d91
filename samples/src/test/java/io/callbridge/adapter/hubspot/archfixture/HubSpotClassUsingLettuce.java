package io.callbridge.adapter.hubspot.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class HubSpotClassUsingLettuce {
    io.lettuce.core.api.StatefulRedisConnection<String, String> connection;
}
