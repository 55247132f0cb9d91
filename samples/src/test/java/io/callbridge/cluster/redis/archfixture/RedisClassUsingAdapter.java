package io.callbridge.cluster.redis.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class RedisClassUsingAdapter {
    io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule module;
}
