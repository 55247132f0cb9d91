package io.callbridge.adapter.hubspot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The adapter's own layering; rules across modules live where every jar is visible (samples). */
@AnalyzeClasses(packages = "io.callbridge.adapter.hubspot", importOptions = ImportOption.DoNotIncludeTests.class)
class HubSpotArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheInjectPackageKnowsGuice = noClasses()
            .that().resideOutsideOfPackage("io.callbridge.adapter.hubspot.inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    /** The wire model is the base: it knows neither core nor how it is used. */
    @ArchTest
    static final ArchRule wireModelStandsAlone = noClasses()
            .that().resideInAPackage("io.callbridge.adapter.hubspot.message..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.core..",
                    "io.callbridge.adapter.hubspot.internal..", "io.callbridge.adapter.hubspot.inject..");

    @ArchTest
    static final ArchRule noOtherAdapterOrTransport = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.callbridge.adapter.salesforce..",
                    "io.callbridge.transport..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.adapter.hubspot.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
