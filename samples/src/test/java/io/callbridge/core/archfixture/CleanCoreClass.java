package io.callbridge.core.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CleanCoreClass {
    io.callbridge.core.model.CallId id = io.callbridge.core.model.CallId.of("clean");
}
