package io.callbridge.adapter.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.callbridge.adapter.salesforce.callcenter.CallCenterDefinitionTool;

/** Rules for the adapter's packages; cross-module rules live in samples, which sees every jar. */
@AnalyzeClasses(packages = "io.callbridge.adapter.salesforce", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The wire model stays free of core so it can be reused by the simulator and replaced independently. */
    @ArchTest
    static final ArchRule wireModelDoesNotDependOnCore = noClasses()
            .that().resideInAnyPackage("..salesforce.opencti..", "..salesforce.tasklog..", "..salesforce.callcenter..")
            .should().dependOnClassesThat().resideInAPackage("io.callbridge.core..");

    /** Only the Guice module knows Guice; the flow takes its dependencies through jakarta.inject constructors. */
    @ArchTest
    static final ArchRule onlyInjectUsesGuice = noClasses()
            .that().resideOutsideOfPackage("..salesforce.inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    /** The flow and the settings never reach back into the wiring. */
    @ArchTest
    static final ArchRule nothingDependsOnTheModule = noClasses()
            .that().resideOutsideOfPackage("..salesforce.inject..")
            .should().dependOnClassesThat().resideInAPackage("..salesforce.inject..");

    /** The wire model, Task log and call-center tool know nothing of the flow built on them. */
    @ArchTest
    static final ArchRule modelDoesNotKnowTheFlow = noClasses()
            .that().resideInAnyPackage("..salesforce.opencti..", "..salesforce.tasklog..", "..salesforce.callcenter..")
            .should().dependOnClassesThat().resideInAnyPackage("..salesforce.internal..", "..salesforce.inject..",
                    "io.callbridge.adapter.salesforce");

    /**
     * Public settings are configuration only: they do not expose the flow's implementation. SalesforceCallLog, the
     * view of the Task log for server-side executors, is built on the flow's own rules (through its one public
     * TaskLogAccess), so that it never drifts from what a frame's saveLog does.
     */
    @ArchTest
    static final ArchRule settingsDoNotExposeTheFlow = noClasses()
            .that().resideInAPackage("io.callbridge.adapter.salesforce")
            .and().doNotHaveFullyQualifiedName(SalesforceCallLog.class.getName())
            .should().dependOnClassesThat().resideInAPackage("..salesforce.internal..");

    /** The Open CTI model is the base: the Task log builds on it, never the other way round. */
    @ArchTest
    static final ArchRule openCtiModelIsTheBase = noClasses()
            .that().resideInAPackage("..salesforce.opencti..")
            .should().dependOnClassesThat().resideInAnyPackage("..salesforce.tasklog..", "..salesforce.callcenter..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.callbridge.adapter.salesforce.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    /** The command-line tool prints its usage and errors to its terminal; nothing else prints. */
    static final ArchRule noStandardStreams = noClasses().that()
            .doNotHaveFullyQualifiedName(CallCenterDefinitionTool.class.getName())
            .should(ACCESS_STANDARD_STREAMS).because("library code logs with SLF4J");

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
