package io.callbridge.core.archfixture;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CoreClassUsingJul {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("x");
}
