package io.callbridge.core.archfixture.cycle.a;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CycleA {
    io.callbridge.core.archfixture.cycle.b.CycleB b;
}
