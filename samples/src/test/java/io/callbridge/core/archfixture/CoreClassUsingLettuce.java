package io.callbridge.core.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CoreClassUsingLettuce {
    io.lettuce.core.RedisClient client;
}
