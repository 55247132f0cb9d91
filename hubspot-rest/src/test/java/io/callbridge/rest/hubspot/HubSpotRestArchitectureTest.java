package io.callbridge.rest.hubspot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.callbridge.rest.hubspot", importOptions = ImportOption.DoNotIncludeTests.class)
class HubSpotRestArchitectureTest {

    @ArchTest
    /** Library code logs; the command-line tool prints its help and errors to the terminal (as samples' rules allow). */
    static final ArchRule noStandardStreams = noClasses().that().doNotHaveFullyQualifiedName(
                    "io.callbridge.rest.hubspot.tools.HubSpotCallingSettingsTool")
            .should(com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("library code logs with SLF4J (the command-line tool prints to its terminal)");

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    /**
     * Only the call-logging packages (this one and its inject package); the auth, tools and recording packages have
     * rules of their own.
     */
    private static final String[] CALL_LOGGING = {"io.callbridge.rest.hubspot", "io.callbridge.rest.hubspot.inject"};

    @ArchTest
    static final ArchRule guiceOnlyInInject = noClasses()
            .that().resideInAPackage("io.callbridge.rest.hubspot")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    /** The REST fallback talks to HubSpot with the JDK's client; core's and the adapter's internals stay theirs. */
    @ArchTest
    static final ArchRule noInternals = noClasses()
            .that().resideInAnyPackage(CALL_LOGGING)
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.core.internal..",
                    "io.callbridge.adapter.hubspot.internal..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.rest.hubspot.(**)").should()
            .beFreeOfCycles();
}
