package io.callbridge.core.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CoreClassUsingJetty {
    org.eclipse.jetty.server.Server server;
}
