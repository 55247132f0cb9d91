package io.callbridge.operations.inject;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.operations.internal.MicrometerMetricsRecorder;
import io.callbridge.operations.internal.PrometheusEndpoint;
import io.callbridge.transport.websocket.HttpRoute;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * Metrics for a callbridge deployment: binds core's {@link MetricsRecorder} to Micrometer and serves the Prometheus
 * scrape endpoint on the bridge server's port (through an {@link HttpRoute}, at {@code /metrics} unless told
 * otherwise). Install it next to core's and the transport's modules:
 *
 * <pre>{@code
 * CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(), new HubSpotModule(),
 *         new OperationsModule(), vendorModule);
 * }</pre>
 *
 * The registry is bound as {@link MeterRegistry} and {@link PrometheusMeterRegistry}, so the vendor's own meters (and
 * Micrometer's JVM binders) go on the same page. The endpoint needs no token: expose the port's {@code /metrics} only
 * to the scraper (e.g. block it at the public proxy).
 */
public final class OperationsModule extends AbstractModule {
    /** Where the scrape endpoint is unless told otherwise. */
    public static final String DEFAULT_METRICS_PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    private final String metricsPath;

    /** A registry of its own, scraped at {@link #DEFAULT_METRICS_PATH}. */
    public OperationsModule() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), DEFAULT_METRICS_PATH);
    }

    /**
     * @param registry the registry to record into and scrape
     * @param metricsPath the scrape endpoint's path, e.g. {@code /metrics}
     */
    public OperationsModule(PrometheusMeterRegistry registry, String metricsPath) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metricsPath = Objects.requireNonNull(metricsPath, "metricsPath");
        // Checked now, not when the server starts: a bad path is a wiring error.
        HttpRoute.of(metricsPath, new PrometheusEndpoint(registry));
    }

    @Override
    protected void configure() {
        bind(PrometheusMeterRegistry.class).toInstance(registry);
        bind(MeterRegistry.class).toInstance(registry);
        OptionalBinder.newOptionalBinder(binder(), MetricsRecorder.class).setBinding()
                .toInstance(new MicrometerMetricsRecorder(registry));
        Multibinder.newSetBinder(binder(), HttpRoute.class).addBinding()
                .toInstance(HttpRoute.of(metricsPath, new PrometheusEndpoint(registry)));
    }
}
