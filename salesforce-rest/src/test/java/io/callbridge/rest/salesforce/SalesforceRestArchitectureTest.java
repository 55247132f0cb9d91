package io.callbridge.rest.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules for the module's own packages; cross-module rules live in samples. */
@AnalyzeClasses(packages = "io.callbridge.rest.salesforce", importOptions = ImportOption.DoNotIncludeTests.class)
class SalesforceRestArchitectureTest {

    /** Only the inject package knows Guice; the executor takes its collaborators through a jakarta.inject constructor. */
    @ArchTest
    static final ArchRule onlyInjectUsesGuice = noClasses()
            .that().resideOutsideOfPackage("..salesforce.inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    /** Nothing reaches back into the wiring. */
    @ArchTest
    static final ArchRule nothingDependsOnTheModule = noClasses()
            .that().resideOutsideOfPackage("..salesforce.inject..")
            .should().dependOnClassesThat().resideInAPackage("..salesforce.inject..");

    /** The adapter is used through its public facade and settings only, never its internals. */
    @ArchTest
    static final ArchRule noAdapterInternals = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.callbridge.adapter.salesforce.internal..");

    /** No CRM client library and no other HTTP stack: java.net.http only. */
    @ArchTest
    static final ArchRule javaNetHttpOnly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty.client..", "okhttp3..",
                    "org.apache.hc..", "com.sforce..", "com.force..");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses().should(ACCESS_STANDARD_STREAMS)
            .because("library code logs with SLF4J");

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
