package io.callbridge.cluster.redis.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class RedisClassUsingTransport {
    io.callbridge.transport.websocket.TransportSettings settings;
}
