package io.callbridge.transport.websocket;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.callbridge.transport.websocket", importOptions = ImportOption.DoNotIncludeTests.class)
class TransportArchitectureTest {

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule guiceOnlyInInject = noClasses()
            .that().resideOutsideOfPackage("io.callbridge.transport.websocket.inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    @ArchTest
    static final ArchRule publicApiDoesNotExposeJettyOrJackson = noClasses()
            .that().resideInAPackage("io.callbridge.transport.websocket")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "tools.jackson..");

    @ArchTest
    static final ArchRule noCrmIsNamed = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.transport.websocket.(**)")
            .should().beFreeOfCycles();
}
