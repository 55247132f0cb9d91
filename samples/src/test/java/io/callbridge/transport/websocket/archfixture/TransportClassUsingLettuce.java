package io.callbridge.transport.websocket.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class TransportClassUsingLettuce {
    io.lettuce.core.RedisURI uri;
}
