package io.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.model.EndStatus;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.TransportSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbridgeConfigurationTest {
    private static final String SECRET = Base64.getEncoder().encodeToString(
            "a-token-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("callbridge.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void nothingSetGivesEveryModulesDefaultsAndNoRedis() {
        CallbridgeConfiguration config = CallbridgeConfiguration.load(Map.of("PATH", "/usr/bin"), null);
        assertThat(config.core()).isEqualTo(CoreSettings.DEFAULTS);
        assertThat(config.serverSide()).isEqualTo(ServerSideSettings.DEFAULTS);
        assertThat(config.transport()).isEqualTo(TransportSettings.DEFAULTS);
        assertThat(config.health()).isEqualTo(HealthEndpoints.DEFAULTS);
        assertThat(config.metricsPath()).isEqualTo("/metrics");
        assertThat(config.hubspot()).isEqualTo(HubSpotSettings.DEFAULTS);
        assertThat(config.salesforce()).isEqualTo(SalesforceSettings.DEFAULTS);
        assertThat(config.redis()).isEmpty();
        assertThat(config.setKeys()).isEmpty();
    }

    @Test
    void theFileSetsValuesAndTheEnvironmentWinsOverIt() throws IOException {
        Path file = file("""
                callbridge.transport.port = 9000
                callbridge.transport.host = 127.0.0.1
                callbridge.transport.allowed-origins = https://app.hubspot.com, https://acme.lightning.force.com
                callbridge.transport.idle-timeout = PT90S
                callbridge.core.auto-wrap-up = missed
                callbridge.hubspot.retry.initial-backoff = 500ms
                callbridge.salesforce.activity-date-zone = Europe/Berlin
                callbridge.redis.uri = redis://:pw@redis.internal:6379
                """);
        CallbridgeConfiguration config = CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_TRANSPORT_PORT", "9443",
                "CALLBRIDGE_TRANSPORT_TOKEN_KEY", "2026-01:" + SECRET,
                "CALLBRIDGE_CORE_CALL_RETENTION", "2h",
                "CALLBRIDGE_REDIS_KEY_PREFIX", "acme",
                "CALLBRIDGE_REDIS_RETENTION", "1d",
                "CALLBRIDGE_REDIS_CLUSTER", "true"), file);

        TransportSettings transport = config.transport();
        assertThat(transport.port()).isEqualTo(9443);
        assertThat(transport.host()).isEqualTo("127.0.0.1");
        assertThat(transport.allowedOrigins()).containsExactlyInAnyOrder("https://app.hubspot.com",
                "https://acme.lightning.force.com");
        assertThat(transport.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(transport.tokenKey()).isNotNull();
        assertThat(transport.tokenKey().id()).isEqualTo("2026-01");
        assertThat(config.core().autoWrapUp()).containsExactly(EndStatus.MISSED);
        assertThat(config.core().callRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(config.hubspot().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.hubspot().retryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.salesforce().activityDateZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.redis()).hasValueSatisfying(redis -> {
            assertThat(redis.uri()).isEqualTo("redis://:pw@redis.internal:6379");
            assertThat(redis.keyPrefix()).isEqualTo("acme");
            assertThat(redis.retention()).isEqualTo(Duration.ofDays(1));
            assertThat(redis.cluster()).isTrue();
        });
        // What a launcher logs: the keys set, secrets masked.
        assertThat(config.toString()).contains("transport.port=9443").contains("transport.token-key=****")
                .contains("redis.uri=****").doesNotContain(SECRET).doesNotContain(":pw@");
    }

    /** Keys of settings that arrived after the loader: each sets its field and no other key undoes it. */
    @Test
    void thePagesConfigurationTheCallScopeAndTheFallbackNumberAreKeysAndSurviveTheKeysAroundThem() {
        CallbridgeConfiguration config = CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_TRANSPORT_PAGE_BRIDGE_URL", "wss://phone.acme.example/callbridge",
                "CALLBRIDGE_TRANSPORT_PAGE_TOKEN_URL", "https://phone.acme.example/acme/token",
                "CALLBRIDGE_TRANSPORT_BRIDGE_PATH", "/cb",
                "CALLBRIDGE_TRANSPORT_DRAIN_TIMEOUT", "3s",
                "CALLBRIDGE_HUBSPOT_CALL_SCOPE", "NOT_STARTED_IN_OTHER_CRMS",
                "CALLBRIDGE_HUBSPOT_FALLBACK_FROM_NUMBER", "+14155550000",
                "CALLBRIDGE_HUBSPOT_INVOCATION_TIMEOUT", "20s"), null);
        assertThat(config.transport().pageConfig().bridgeUrl()).isEqualTo("wss://phone.acme.example/callbridge");
        assertThat(config.transport().pageConfig().tokenUrl()).isEqualTo("https://phone.acme.example/acme/token");
        assertThat(config.transport().pageConfig().signInUrl()).isNull();
        assertThat(config.transport().bridgePath()).isEqualTo("/cb");
        assertThat(config.hubspot().callScope()).isEqualTo(io.callbridge.core.bridge.CallScope.NOT_STARTED_IN_OTHER_CRMS);
        assertThat(config.hubspot().fallbackFromNumber()).isEqualTo("+14155550000");
        assertThat(config.hubspot().invocationTimeout()).hasSeconds(20);
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of("CALLBRIDGE_HUBSPOT_FALLBACK_FROM_NUMBER",
                "(415) 555-0000"), null)).hasMessageContaining("CALLBRIDGE_HUBSPOT_FALLBACK_FROM_NUMBER")
                .hasMessageContaining("E.164");
    }

    @Test
    void unknownKeysAreRefusedWhereverTheyComeFrom() throws IOException {
        Path file = file("callbridge.transport.prot = 1\nserver.port = 2\n");
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of("CALLBRIDGE_TRANSPORT_PROT", "1",
                "CALLBRIDGE_CONFIG", "ignored: names the file", "OTHER_PORT", "3"), file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown key callbridge.transport.prot in " + file)
                .hasMessageContaining("unknown key server.port in " + file)
                .hasMessageContaining("unknown key CALLBRIDGE_TRANSPORT_PROT in the environment")
                .hasMessageNotContaining("CALLBRIDGE_CONFIG")
                .hasMessageNotContaining("OTHER_PORT");
    }

    @Test
    void aBadValueIsReportedWithItsKeyAndValueAndEveryBadKeyAtOnce() {
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_TRANSPORT_PORT", "eighty",
                "CALLBRIDGE_TRANSPORT_MAX_FRAME_BYTES", "12",
                "CALLBRIDGE_TRANSPORT_DEMO_MODE", "yes",
                "CALLBRIDGE_CORE_WORK_TTL", "soon",
                "CALLBRIDGE_HUBSPOT_MULTIPLE_MATCHES", "pick",
                "CALLBRIDGE_SALESFORCE_API_VERSION", "12"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_PORT in the environment = 'eighty' must be a whole number")
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_MAX_FRAME_BYTES in the environment = '12' is refused: "
                        + "maxFrameBytes must be at least 1024")
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_DEMO_MODE in the environment = 'yes' must be true or false")
                .hasMessageContaining("CALLBRIDGE_CORE_WORK_TTL in the environment = 'soon' must be a duration")
                .hasMessageContaining("CALLBRIDGE_HUBSPOT_MULTIPLE_MATCHES in the environment = 'pick' must be one "
                        + "of [SHOW_LIST, NAVIGATE_TO_FIRST]")
                .hasMessageContaining("CALLBRIDGE_SALESFORCE_API_VERSION in the environment = '12' is refused");
    }

    @Test
    void secretsAreNeverShownInErrors() {
        String shortSecret = Base64.getEncoder().encodeToString("too-short".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_TRANSPORT_TOKEN_KEY", "k1:" + shortSecret,
                "CALLBRIDGE_REDIS_URI", "http://:hunter2@redis"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_TOKEN_KEY in the environment is invalid (value not shown)")
                .hasMessageContaining("CALLBRIDGE_REDIS_URI in the environment is invalid (value not shown)")
                .hasMessageNotContaining(shortSecret)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aKeyThatNeedsAnotherSaysWhich() {
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_TRANSPORT_PREVIOUS_TOKEN_KEY", "old:" + SECRET,
                "CALLBRIDGE_TRANSPORT_TLS_PASSWORD", "pw",
                "CALLBRIDGE_REDIS_KEY_PREFIX", "acme"), null))
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_PREVIOUS_TOKEN_KEY in the environment is invalid (value not "
                        + "shown): needs transport.token-key to be set too")
                .hasMessageContaining("CALLBRIDGE_TRANSPORT_TLS_PASSWORD in the environment is invalid (value not "
                        + "shown): needs transport.tls.keystore to be set too")
                .hasMessageContaining("CALLBRIDGE_REDIS_KEY_PREFIX in the environment = 'acme' needs redis.uri");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> CallbridgeConfiguration.load(Map.of(), missing))
                .hasMessage("the configuration file " + missing + " does not exist");
    }

    @Test
    void everyKeyHasOneNameInEachSpellingAndEveryComponentOfTheScalarSettingsIsCovered() {
        List<CallbridgeConfiguration.Key> keys = CallbridgeConfiguration.keys();
        Set<String> variables = new HashSet<>();
        Set<String> properties = new HashSet<>();
        for (CallbridgeConfiguration.Key key : keys) {
            assertThat(variables.add(key.environmentVariable())).as(key.name()).isTrue();
            assertThat(properties.add(key.property())).as(key.name()).isTrue();
            assertThat(key.environmentVariable()).matches("CALLBRIDGE_[A-Z0-9_]+");
        }
        assertThat(keys).extracting(CallbridgeConfiguration.Key::name).contains("transport.port",
                "transport.token-key", "redis.uri", "hubspot.invocation-timeout", "salesforce.invocation-timeout",
                "core.call-retention", "health.ready-path", "metrics.path");
        // Every component of TransportSettings and CoreSettings has a key (tls as its two parts, the page
        // configuration as its three).
        assertThat(keys.stream().filter(k -> k.name().startsWith("transport.")).count())
                .isEqualTo(TransportSettings.class.getRecordComponents().length + 1 + 2);
        assertThat(keys.stream().filter(k -> k.name().startsWith("core.")).count())
                .isEqualTo(CoreSettings.class.getRecordComponents().length);
    }

    @Test
    void theWrapUpTimeoutAndTheServerSideSweepAreSettings() {
        CallbridgeConfiguration config = CallbridgeConfiguration.load(Map.of(
                "CALLBRIDGE_CORE_WRAP_UP_TIMEOUT", "2m",
                "CALLBRIDGE_SERVER_SIDE_SWEEP_INTERVAL", "10s",
                "CALLBRIDGE_SERVER_SIDE_THREADS", "4"), null);
        assertThat(config.core().wrapUpTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(config.serverSide()).isEqualTo(ServerSideSettings.DEFAULTS
                .withSweepInterval(java.time.Duration.ofSeconds(10)).withThreads(4));
        assertThat(CallbridgeConfiguration.load(Map.of(), null).core().wrapUpTimeout()).isNull();
    }
}
