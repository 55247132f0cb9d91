package io.callbridge.rest.hubspot.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The project's module rules (samples' ArchitectureRules) over the auth, recording and tools packages, so they hold
 * before the samples module puts this jar on its class path.
 */
@AnalyzeClasses(packages = {"io.callbridge.rest.hubspot.auth", "io.callbridge.rest.hubspot.recording",
    "io.callbridge.rest.hubspot.tools"}, importOptions = ImportOption.DoNotIncludeTests.class)
class AuthRecordingToolsArchitectureTest {

    @ArchTest
    static final ArchRule guiceOnlyInInjectPackages = noClasses().that().resideOutsideOfPackages("..inject..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    @ArchTest
    static final ArchRule onlyTheToolUsesTheStandardStreams = noClasses().that()
            .doNotHaveFullyQualifiedName("io.callbridge.rest.hubspot.tools.HubSpotCallingSettingsTool")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule recordingsAndToolsDoNotNeedTheOAuthCode = noClasses().that()
            .resideInAnyPackage("io.callbridge.rest.hubspot.recording", "io.callbridge.rest.hubspot.tools")
            .should().dependOnClassesThat().resideInAPackage("io.callbridge.rest.hubspot.auth..");
}
