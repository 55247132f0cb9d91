package io.callbridge.core.archfixture.cycle.b;

/** Deliberate violation for ArchitectureRulesCanFailTest; excluded from the real rules as a test class. */
public class CycleB {
    io.callbridge.core.archfixture.cycle.a.CycleA a;
}
