package io.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.operations.inject.OperationsModule;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor guide's launcher: every setting from a file and the environment, then real HTTP requests. */
class ConfiguredLauncherIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aServerStartedFromTheConfigurationServesItsConfiguredPaths(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("callbridge.properties");
        Files.writeString(file, """
                callbridge.transport.host = 127.0.0.1
                callbridge.transport.port = 8999
                callbridge.health.ready-path = /readyz
                callbridge.metrics.path = /internal/metrics
                callbridge.hubspot.invocation-timeout = 7s
                """, StandardCharsets.UTF_8);
        String secret = Base64.getEncoder().encodeToString(
                "a-token-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII));
        CallbridgeConfiguration config = CallbridgeConfiguration.load(Map.of("CALLBRIDGE_TRANSPORT_PORT", "0",
                "CALLBRIDGE_TRANSPORT_TOKEN_KEY", "k1:" + secret), file);
        assertThat(config.hubspot().invocationTimeout()).isEqualTo(Duration.ofSeconds(7));

        Module settings = binder -> {
            OptionalBinder.newOptionalBinder(binder, CoreSettings.class).setBinding().toInstance(config.core());
            OptionalBinder.newOptionalBinder(binder, TransportSettings.class).setBinding()
                    .toInstance(config.transport());
            OptionalBinder.newOptionalBinder(binder, HealthEndpoints.class).setBinding().toInstance(config.health());
            OptionalBinder.newOptionalBinder(binder, HubSpotSettings.class).setBinding().toInstance(config.hubspot());
            OptionalBinder.newOptionalBinder(binder, SalesforceSettings.class).setBinding()
                    .toInstance(config.salesforce());
        };
        try (CallbridgeLauncher.Running app = CallbridgeLauncher.start(new CoreModule(),
                new WebSocketTransportModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new OperationsModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), config.metricsPath()),
                settings)) {
            assertThat(app.instance(HubSpotSettings.class).invocationTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(get(app, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(app, "/health/ready").statusCode()).isEqualTo(404);
            assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(app, "/internal/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("callbridge_refusals_total{code=\"AGENT_BUSY\"} 0.0");
            assertThat(get(app, "/metrics").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(CallbridgeLauncher.Running app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
