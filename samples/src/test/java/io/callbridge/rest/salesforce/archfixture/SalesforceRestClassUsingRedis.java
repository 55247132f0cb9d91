package io.callbridge.rest.salesforce.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class SalesforceRestClassUsingRedis {
    io.callbridge.cluster.redis.archfixture.CleanRedisClass redis;
}
