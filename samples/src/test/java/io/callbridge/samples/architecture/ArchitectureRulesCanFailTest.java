package io.callbridge.samples.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.callbridge.adapter.hubspot.archfixture.HubSpotClassUsingLettuce;
import io.callbridge.adapter.hubspot.archfixture.HubSpotClassUsingRest;
import io.callbridge.adapter.hubspot.archfixture.HubSpotClassUsingSalesforce;
import io.callbridge.adapter.hubspot.archfixture.HubSpotClassUsingTransport;
import io.callbridge.cluster.redis.archfixture.CleanRedisClass;
import io.callbridge.cluster.redis.archfixture.RedisClassUsingAdapter;
import io.callbridge.cluster.redis.archfixture.RedisClassUsingTransport;
import io.callbridge.core.archfixture.CleanCoreClass;
import io.callbridge.core.archfixture.CoreClassUsingAdapter;
import io.callbridge.core.archfixture.CoreClassUsingGuice;
import io.callbridge.core.archfixture.CoreClassUsingJackson;
import io.callbridge.core.archfixture.CoreClassUsingJetty;
import io.callbridge.core.archfixture.CoreClassUsingJul;
import io.callbridge.core.archfixture.CoreClassUsingLettuce;
import io.callbridge.core.archfixture.CoreClassUsingStdout;
import io.callbridge.core.archfixture.cycle.a.CycleA;
import io.callbridge.core.archfixture.cycle.b.CycleB;
import io.callbridge.rest.hubspot.archfixture.CleanHubSpotRestClass;
import io.callbridge.rest.hubspot.archfixture.HubSpotRestClassUsingSalesforce;
import io.callbridge.rest.salesforce.archfixture.SalesforceRestClassUsingRedis;
import io.callbridge.transport.websocket.archfixture.TransportClassUsingAdapter;
import io.callbridge.transport.websocket.archfixture.TransportClassUsingCoreInternal;
import io.callbridge.transport.websocket.archfixture.TransportClassUsingLettuce;
import org.junit.jupiter.api.Test;

/** Each rule, run over a deliberately violating class, must report the violation; over a clean one, nothing. */
class ArchitectureRulesCanFailTest {

    @Test
    void coreUsingAnotherModuleIsCaught() {
        assertViolates(ArchitectureRules.CORE_DEPENDS_ON_NO_OTHER_MODULE, CoreClassUsingAdapter.class);
        assertClean(ArchitectureRules.CORE_DEPENDS_ON_NO_OTHER_MODULE, CleanCoreClass.class);
    }

    @Test
    void coreUsingJsonOrJettyIsCaught() {
        assertViolates(ArchitectureRules.CORE_KNOWS_NO_JSON_OR_WEB, CoreClassUsingJackson.class);
        assertViolates(ArchitectureRules.CORE_KNOWS_NO_JSON_OR_WEB, CoreClassUsingJetty.class);
        assertClean(ArchitectureRules.CORE_KNOWS_NO_JSON_OR_WEB, CleanCoreClass.class);
    }

    @Test
    void guiceOutsideAnInjectPackageIsCaught() {
        assertViolates(ArchitectureRules.GUICE_ONLY_IN_INJECT_PACKAGES, CoreClassUsingGuice.class);
        assertClean(ArchitectureRules.GUICE_ONLY_IN_INJECT_PACKAGES, CleanCoreClass.class);
    }

    @Test
    void adaptersUsingEachOtherOrTheTransportAreCaught() {
        assertViolates(ArchitectureRules.HUBSPOT_ADAPTER_STANDS_ALONE, HubSpotClassUsingSalesforce.class);
        assertViolates(ArchitectureRules.HUBSPOT_ADAPTER_STANDS_ALONE, HubSpotClassUsingTransport.class);
    }

    @Test
    void salesforceAdapterUsingHubSpotIsCaught() {
        assertViolates(ArchitectureRules.SALESFORCE_ADAPTER_STANDS_ALONE,
                io.callbridge.adapter.salesforce.archfixture.SalesforceClassUsingHubSpot.class);
    }

    @Test
    void transportUsingAnAdapterIsCaught() {
        assertViolates(ArchitectureRules.TRANSPORT_KNOWS_NO_ADAPTER, TransportClassUsingAdapter.class);
    }

    @Test
    void lettuceOutsideClusterRedisIsCaught() {
        assertViolates(ArchitectureRules.ONLY_CLUSTER_REDIS_KNOWS_LETTUCE, CoreClassUsingLettuce.class);
        assertViolates(ArchitectureRules.ONLY_CLUSTER_REDIS_KNOWS_LETTUCE, HubSpotClassUsingLettuce.class);
        assertViolates(ArchitectureRules.ONLY_CLUSTER_REDIS_KNOWS_LETTUCE, TransportClassUsingLettuce.class);
        assertClean(ArchitectureRules.ONLY_CLUSTER_REDIS_KNOWS_LETTUCE, CleanCoreClass.class);
    }

    @Test
    void clusterRedisUsingAnAdapterOrTheTransportIsCaught() {
        assertViolates(ArchitectureRules.CLUSTER_REDIS_KNOWS_NO_ADAPTER_OR_TRANSPORT, RedisClassUsingAdapter.class);
        assertViolates(ArchitectureRules.CLUSTER_REDIS_KNOWS_NO_ADAPTER_OR_TRANSPORT, RedisClassUsingTransport.class);
        assertClean(ArchitectureRules.CLUSTER_REDIS_KNOWS_NO_ADAPTER_OR_TRANSPORT, CleanRedisClass.class);
    }

    @Test
    void aRestModuleUsingTheOtherCrmOrTheClusterIsCaught() {
        assertViolates(ArchitectureRules.HUBSPOT_REST_STANDS_ALONE, HubSpotRestClassUsingSalesforce.class);
        assertViolates(ArchitectureRules.SALESFORCE_REST_STANDS_ALONE, SalesforceRestClassUsingRedis.class);
        assertViolates(ArchitectureRules.HUBSPOT_ADAPTER_STANDS_ALONE, HubSpotClassUsingRest.class);
        assertClean(ArchitectureRules.HUBSPOT_REST_STANDS_ALONE, CleanHubSpotRestClass.class);
    }

    @Test
    void anotherModulesInternalsAreCaught() {
        assertViolates(ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE, TransportClassUsingCoreInternal.class);
        assertClean(ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE, CleanCoreClass.class);
    }

    @Test
    void packageCyclesAreCaught() {
        assertViolates(ArchitectureRules.NO_PACKAGE_CYCLES, CycleA.class, CycleB.class);
    }

    @Test
    void standardStreamsAndJulAreCaught() {
        assertViolates(ArchitectureRules.NO_STANDARD_STREAMS, CoreClassUsingStdout.class);
        assertViolates(ArchitectureRules.NO_JAVA_UTIL_LOGGING, CoreClassUsingJul.class);
        assertClean(ArchitectureRules.NO_STANDARD_STREAMS, CleanCoreClass.class);
    }

    @Test
    void moduleOfPicksTheLongestRoot() {
        assertThat(ArchitectureRules.moduleOf("io.callbridge.adapter.hubspot.internal")).isEqualTo(
                "io.callbridge.adapter.hubspot");
        assertThat(ArchitectureRules.moduleOf("io.callbridge.core.inject")).isEqualTo("io.callbridge.core");
        assertThat(ArchitectureRules.moduleOf("io.callbridge.cluster.redis.internal")).isEqualTo(
                "io.callbridge.cluster.redis");
        assertThat(ArchitectureRules.isInternal("io.callbridge.core.internal")).isTrue();
        assertThat(ArchitectureRules.isInternal("io.callbridge.core.internalist")).isFalse();
    }

    private static void assertViolates(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixtures));
        assertThat(result.hasViolation())
                .as("rule '%s' must catch %s", rule.getDescription(), java.util.Arrays.toString(fixtures))
                .isTrue();
    }

    private static void assertClean(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixtures));
        assertThat(result.getFailureReport().getDetails())
                .as("rule '%s' must accept %s", rule.getDescription(), java.util.Arrays.toString(fixtures))
                .isEmpty();
    }
}
