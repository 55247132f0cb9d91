package io.callbridge.operations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.callbridge.operations", importOptions = ImportOption.DoNotIncludeTests.class)
class OperationsArchitectureTest {

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule guiceOnlyInInject = noClasses()
            .that().resideOutsideOfPackage("io.callbridge.operations.inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    /** Jetty stays behind the transport's own HTTP types. */
    @ArchTest
    static final ArchRule noJetty = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.operations.(**)").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule noTransportInternals = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.transport.websocket.internal..",
                    "io.callbridge.core.internal..");
}
