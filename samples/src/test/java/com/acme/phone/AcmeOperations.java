package com.acme.phone;

// tag::launcher[]
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.operations.CallbridgeConfiguration;
import io.callbridge.operations.inject.OperationsModule;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
// end::launcher[]
// tag::health[]
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.callbridge.core.spi.HealthCheck;
// end::health[]
// tag::config[]
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
// end::config[]
// tag::topologies[]
import io.callbridge.cluster.redis.RedisSettings;
// end::topologies[]

/** The vendor guide's operations snippets (§8 topologies, §11 health, configuration and a launcher), compiled. */
final class AcmeOperations {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeOperations.class);

    private AcmeOperations() {
    }

    /** Acme's phone system API, as far as a health check needs it. */
    interface Pbx {
        boolean ping();
    }

    static List<RedisSettings> topologies(Path caFile, String pw) {
        return List.of(
                // tag::topologies[]
                RedisSettings.of("rediss://redis.internal:6380").withTrustedCertificates(caFile),        // TLS
                RedisSettings.of("redis-sentinel://:" + pw + "@s1:26379,s2:26379,s3:26379#callbridge"),  // Sentinel
                RedisSettings.of("redis://node1.internal:6379").withCluster(true)                        // Cluster
                // end::topologies[]
        );
    }

    // tag::health[]
    static final class PbxHealthModule extends AbstractModule {
        private final Pbx pbx;

        PbxHealthModule(Pbx pbx) {
            this.pbx = pbx;
        }

        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().toInstance(new HealthCheck() {
                @Override
                public String name() {
                    return "pbx";
                }

                @Override
                public Status check() {
                    return pbx.ping() ? Status.up() : Status.down("the PBX API did not answer");
                }
            });
        }
    }
    // end::health[]

    static CallbridgeConfiguration configuration() {
        // tag::config[]
        CallbridgeConfiguration config = CallbridgeConfiguration.fromEnvironment(
                Path.of("/etc/acme/callbridge.properties"));
        LOG.info("configuration: {}", config);      // the keys that were set; secrets as ****
        // end::config[]
        return config;
    }

    static CallbridgeLauncher.Running launch() {
        // tag::launcher[]
        CallbridgeConfiguration config = CallbridgeConfiguration.fromEnvironment(null);
        List<Module> modules = new ArrayList<>(List.<Module>of(new CoreModule(), new WebSocketTransportModule(),
                new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new OperationsModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), config.metricsPath()),
                binder -> {
                    OptionalBinder.newOptionalBinder(binder, CoreSettings.class).setBinding()
                            .toInstance(config.core());
                    OptionalBinder.newOptionalBinder(binder, ServerSideSettings.class).setBinding()
                            .toInstance(config.serverSide());
                    OptionalBinder.newOptionalBinder(binder, TransportSettings.class).setBinding()
                            .toInstance(config.transport());
                    OptionalBinder.newOptionalBinder(binder, HealthEndpoints.class).setBinding()
                            .toInstance(config.health());
                    OptionalBinder.newOptionalBinder(binder, HubSpotSettings.class).setBinding()
                            .toInstance(config.hubspot());
                    OptionalBinder.newOptionalBinder(binder, SalesforceSettings.class).setBinding()
                            .toInstance(config.salesforce());
                }, new AcmeModule()));
        config.redis().ifPresent(redis -> modules.add(0, new RedisClusterModule(redis)));
        CallbridgeLauncher.Running app = CallbridgeLauncher.start(modules.toArray(Module[]::new));
        // end::launcher[]
        return app;
    }
}
