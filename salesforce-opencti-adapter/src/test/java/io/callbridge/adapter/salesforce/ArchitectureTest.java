package io.callbridge.adapter.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules for the adapter's wire model; cross-module rules live in samples, which sees every jar. */
@AnalyzeClasses(packages = "io.callbridge.adapter.salesforce", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The wire model stays free of core so it can be reused by the simulator and replaced independently. */
    @ArchTest
    static final ArchRule wireModelDoesNotDependOnCore = noClasses()
            .that().resideInAnyPackage("..salesforce.opencti..", "..salesforce.tasklog..", "..salesforce.callcenter..")
            .should().dependOnClassesThat().resideInAPackage("io.callbridge.core..");

    /** The Open CTI model is the base: the Task log builds on it, never the other way round. */
    @ArchTest
    static final ArchRule openCtiModelIsTheBase = noClasses()
            .that().resideInAPackage("..salesforce.opencti..")
            .should().dependOnClassesThat().resideInAnyPackage("..salesforce.tasklog..", "..salesforce.callcenter..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.adapter.salesforce.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
