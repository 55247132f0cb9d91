package io.callbridge.transport.websocket.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class TransportClassUsingCoreInternal {
    io.callbridge.core.internal.DefaultCallEngine engine;
}
