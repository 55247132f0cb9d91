package io.callbridge.core.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CoreClassUsingGuice {
    com.google.inject.Injector injector;
}
