package io.callbridge.samples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Comparator;
import java.util.List;

/**
 * The module rules of DESIGN.md as ArchUnit rules. They live here because samples is the one module that sees every
 * jar; {@link ArchitectureTest} runs them over the project's main classes and {@link ArchitectureRulesCanFailTest}
 * shows each one catching a deliberate violation.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Module root packages; a package belongs to the longest root it starts with. */
    static final List<String> MODULE_ROOTS = List.of(
            "io.callbridge.core",
            "io.callbridge.testkit",
            "io.callbridge.adapter.hubspot",
            "io.callbridge.adapter.salesforce",
            "io.callbridge.transport.websocket",
            "io.callbridge.cluster.redis",
            "io.callbridge.crmsim",
            "io.callbridge.operations",
            "io.callbridge.rest.hubspot",
            "io.callbridge.rest.salesforce",
            "io.callbridge.samples");

    static final ArchRule CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses()
            .that().resideInAPackage("io.callbridge.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter..", "io.callbridge.transport..",
                    "io.callbridge.samples..", "io.callbridge.testkit..", "io.callbridge.operations..",
                    "io.callbridge.crmsim..", "io.callbridge.rest..")
            .because("core is CRM-neutral and transport-neutral; everything else builds on it");

    static final ArchRule CORE_KNOWS_NO_JSON_OR_WEB = noClasses()
            .that().resideInAPackage("io.callbridge.core..")
            .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..",
                    "org.eclipse.jetty..", "jakarta.websocket..", "javax.websocket..", "jakarta.servlet..",
                    "javax.servlet..")
            .because("core knows no JSON library, no Jetty and no WebSocket API");

    static final ArchRule GUICE_ONLY_IN_INJECT_PACKAGES = noClasses()
            .that().resideInAPackage("io.callbridge..")
            .and().resideOutsideOfPackages("..inject..", "io.callbridge.samples..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
            .because("wiring stays in one small module per jar; everything else uses jakarta.inject only");

    static final ArchRule HUBSPOT_ADAPTER_STANDS_ALONE = noClasses()
            .that().resideInAPackage("io.callbridge.adapter.hubspot..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter.salesforce..",
                    "io.callbridge.transport..", "io.callbridge.samples..", "io.callbridge.rest..")
            .because("adapters depend on core only, so a vendor can take one without the other");

    static final ArchRule SALESFORCE_ADAPTER_STANDS_ALONE = noClasses()
            .that().resideInAPackage("io.callbridge.adapter.salesforce..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter.hubspot..",
                    "io.callbridge.transport..", "io.callbridge.samples..", "io.callbridge.rest..")
            .because("adapters depend on core only, so a vendor can take one without the other");

    static final ArchRule TRANSPORT_KNOWS_NO_ADAPTER = noClasses()
            .that().resideInAPackage("io.callbridge.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter..", "io.callbridge.samples..",
                    "io.callbridge.rest..")
            .because("the transport finds adapters through core's bridge SPI, never by name");

    static final ArchRule ONLY_CLUSTER_REDIS_KNOWS_LETTUCE = noClasses()
            .that().resideInAnyPackage("io.callbridge.core..", "io.callbridge.adapter..", "io.callbridge.transport..",
                    "io.callbridge.rest..")
            .should().dependOnClassesThat().resideInAPackage("io.lettuce..")
            .because("Redis stays behind core's ports: core, the adapters and the transport run unchanged on the"
                    + " in-memory defaults or on cluster-redis");

    static final ArchRule CLUSTER_REDIS_KNOWS_NO_ADAPTER_OR_TRANSPORT = noClasses()
            .that().resideInAPackage("io.callbridge.cluster.redis..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter..", "io.callbridge.transport..",
                    "io.callbridge.samples..", "io.callbridge.testkit..", "io.callbridge.operations..",
                    "io.callbridge.crmsim..")
            .because("cluster-redis implements core's ports for every CRM and transport alike");

    /**
     * The REST fallback modules: each knows its own CRM's adapter (its public call-log facade), core and the
     * transport's HTTP route types; never the other CRM, the cluster module, the simulators or the test kit.
     */
    static final ArchRule HUBSPOT_REST_STANDS_ALONE = noClasses()
            .that().resideInAPackage("io.callbridge.rest.hubspot..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter.salesforce..",
                    "io.callbridge.rest.salesforce..", "io.callbridge.cluster..", "io.callbridge.crmsim..",
                    "io.callbridge.testkit..", "io.callbridge.samples..", "io.callbridge.operations..")
            .because("the HubSpot REST fallback is one jar a vendor adds beside the HubSpot adapter");

    static final ArchRule SALESFORCE_REST_STANDS_ALONE = noClasses()
            .that().resideInAPackage("io.callbridge.rest.salesforce..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter.hubspot..",
                    "io.callbridge.rest.hubspot..", "io.callbridge.cluster..", "io.callbridge.crmsim..",
                    "io.callbridge.testkit..", "io.callbridge.samples..", "io.callbridge.operations..")
            .because("the Salesforce REST fallback is one jar a vendor adds beside the Salesforce adapter");

    static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE = classes()
            .that().resideInAPackage("io.callbridge..")
            .should(new ArchCondition<JavaClass>("use …internal packages of their own module only") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        String target = d.getTargetClass().getPackageName();
                        if (target.startsWith("io.callbridge.") && isInternal(target)
                                && !moduleOf(target).equals(moduleOf(origin.getPackageName()))) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            })
            .because("…internal packages are implementation, free to change; only a module's own code may use them");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.callbridge.(**)")
            .should().beFreeOfCycles();

    /** Command-line tools, whose output is for the person at the terminal: their {@code --help} and errors. */
    static final List<String> COMMAND_LINE_TOOLS = List.of(
            "io.callbridge.adapter.salesforce.callcenter.CallCenterDefinitionTool",
            "io.callbridge.rest.hubspot.tools.HubSpotCallingSettingsTool");

    /**
     * testkit's capture of what the tests' SLF4J binding (slf4j-simple) writes to standard error, for the log-privacy
     * tests: it swaps {@code System.err} for the time of a test. Test code only, though in testkit's main jar.
     */
    static final List<String> LOG_CAPTURE = List.of("io.callbridge.testkit.LogCapture");

    static final ArchRule NO_STANDARD_STREAMS = noClasses().that().areNotAssignableTo(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                            "a command-line tool or the tests' log capture",
                            (JavaClass c) -> COMMAND_LINE_TOOLS.contains(c.getName())
                                    || LOG_CAPTURE.contains(c.getName())))
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("library code logs with SLF4J (command-line tools print to their terminal)");

    static final ArchRule NO_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code logs with SLF4J");

    static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    static String moduleOf(String packageName) {
        return MODULE_ROOTS.stream()
                .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
                .max(Comparator.comparingInt(String::length))
                .orElse(packageName);
    }
}
