package io.callbridge.samples.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Runs the module rules over every main class of the project (the other modules' jars are on this module's class
 * path; test classes, including the deliberate violations next to this test, are left out).
 */
@AnalyzeClasses(packages = "io.callbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = ArchitectureRules.CORE_DEPENDS_ON_NO_OTHER_MODULE;

    @ArchTest
    static final ArchRule coreKnowsNoJsonOrWeb = ArchitectureRules.CORE_KNOWS_NO_JSON_OR_WEB;

    @ArchTest
    static final ArchRule guiceOnlyInInjectPackages = ArchitectureRules.GUICE_ONLY_IN_INJECT_PACKAGES;

    @ArchTest
    static final ArchRule hubspotAdapterStandsAlone = ArchitectureRules.HUBSPOT_ADAPTER_STANDS_ALONE;

    @ArchTest
    static final ArchRule salesforceAdapterStandsAlone = ArchitectureRules.SALESFORCE_ADAPTER_STANDS_ALONE;

    @ArchTest
    static final ArchRule transportKnowsNoAdapter = ArchitectureRules.TRANSPORT_KNOWS_NO_ADAPTER;

    @ArchTest
    static final ArchRule onlyClusterRedisKnowsLettuce = ArchitectureRules.ONLY_CLUSTER_REDIS_KNOWS_LETTUCE;

    @ArchTest
    static final ArchRule clusterRedisKnowsNoAdapterOrTransport =
            ArchitectureRules.CLUSTER_REDIS_KNOWS_NO_ADAPTER_OR_TRANSPORT;

    @ArchTest
    static final ArchRule hubspotRestStandsAlone = ArchitectureRules.HUBSPOT_REST_STANDS_ALONE;

    @ArchTest
    static final ArchRule salesforceRestStandsAlone = ArchitectureRules.SALESFORCE_REST_STANDS_ALONE;

    @ArchTest
    static final ArchRule internalsStayInTheirModule = ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE;

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

    @ArchTest
    static final ArchRule noStandardStreams = ArchitectureRules.NO_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = ArchitectureRules.NO_JAVA_UTIL_LOGGING;
}
