package io.callbridge.samples.demo;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.Service;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import io.callbridge.rest.hubspot.HubSpotRestSettings;
import io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules;
import io.callbridge.rest.hubspot.inject.HubSpotRestModule;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.inject.SalesforceRestModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.crmsim.HostSimulatorServer;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.samples.phone.Delays;
import io.callbridge.samples.phone.ExecutorDelays;
import io.callbridge.samples.phone.PhoneLines;
import io.callbridge.samples.phone.SimulatedPhoneSystem;
import io.callbridge.transport.websocket.TokenKeys;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo application: core, the WebSocket transport (demo tokens on, browsers allowed only from the softphone's own
 * origin), both CRM adapters, the {@link SimulatedPhoneSystem} and the {@link HostSimulatorServer}, started through
 * the transport's {@link CallbridgeLauncher} exactly as a vendor's {@code main} would. With {@link DemoOptions#tls()}
 * both servers speak https/wss only, from the same keystore. With {@link DemoOptions#redisUri()} the state is in Redis
 * (cluster-redis's {@link RedisClusterModule}, key prefix {@value #REDIS_KEY_PREFIX}), and so are the agent-token key and
 * the simulated phone system's calls ({@link DemoRedis}): the demo can be killed and started again, or run as several
 * nodes on one Redis.
 */
public final class CallbridgeDemo implements AutoCloseable {
    /** Call outcomes the fake HubSpot portal defines; the demo maps the softphone's dispositions onto them. */
    public static final Map<String, String> HUBSPOT_OUTCOMES = Map.of(
            "connected", "sim-outcome-connected",
            "left-voicemail", "sim-outcome-left-voicemail",
            "no-answer", "sim-outcome-no-answer",
            "wrong-number", "sim-outcome-wrong-number");

    /** The key prefix of the demo's state in Redis: it can share a Redis with other deployments. */
    public static final String REDIS_KEY_PREFIX = "callbridge-demo";

    private final DemoOptions options;
    private final CallbridgeLauncher.Running running;
    private final DemoCrms crms;

    private CallbridgeDemo(DemoOptions options, CallbridgeLauncher.Running running, DemoCrms crms) {
        this.options = options;
        this.running = running;
        this.crms = crms;
    }

    /** Starts both servers; throws if a port is taken. */
    public static CallbridgeDemo start(DemoOptions options) {
        DemoCrms crms = DemoCrms.start();
        try {
            return start(options, crms);
        } catch (RuntimeException e) {
            crms.close();
            throw e;
        }
    }

    private static CallbridgeDemo start(DemoOptions options, DemoCrms crms) {
        TransportSettings transport = TransportSettings.DEFAULTS
                .withHost(options.bindAddress())
                .withPort(options.bridgePort())
                .withTls(options.tls())
                .withDemoMode(true)
                // The softphone pages connect from the server's own origin, under either loopback name. The host
                // simulators' origin is deliberately not here: a CRM page must not talk to the bridge directly.
                .withAllowedOrigins(Set.of(options.softphoneOrigin(), options.softphoneOriginByName()));
        SalesforceSettings salesforce = SalesforceSettings.DEFAULTS.withDispositions(
                SalesforceSettings.Dispositions.DEFAULTS
                        .with("connected", "Meaningful Connect")
                        .with("left-voicemail", "Left Voicemail")
                        .with("no-answer", "Call Back Later")
                        .with("wrong-number", "Unqualified"));
        HubSpotSettings hubspot = HubSpotSettings.DEFAULTS.withDispositions(HUBSPOT_OUTCOMES);
        // The closed-tab case: a call nobody wrapped up is wrapped up by core, then logged through the CRM's REST API
        // (the simulated one) when no frame did it within the deadline.
        DemoOptions.Timings timings = options.timings();
        CoreSettings core = CoreSettings.DEFAULTS.withWrapUpTimeout(timings.wrapUpTimeout());
        ServerSideSettings serverSide = ServerSideSettings.DEFAULTS.withSweepInterval(timings.sweepInterval());
        // REST sets an outcome by the portal's label (the frame's sim-outcome-… values are the host simulator's own).
        HubSpotRestSettings hubspotRest = HubSpotRestSettings.DEFAULTS.withBaseUri(crms.hubspotBaseUri())
                .withDeadline(timings.restDeadline())
                .withDispositions(Map.of("connected", "Connected", "left-voicemail", "Left voicemail",
                        "no-answer", "No answer", "wrong-number", "Wrong number"));
        SalesforceRestSettings salesforceRest = SalesforceRestSettings.of(crms.salesforceLoginUrl(),
                        DemoCrms.SALESFORCE_CONSUMER_KEY, DemoCrms.SALESFORCE_USERNAME, crms.salesforcePrivateKeyPem())
                .withDeadlineAfterWrapUp(timings.restDeadline());
        // The kit's host simulators around the demo's own softphone pages, in demo mode (the pages fetch demo tokens
        // for the host page's ?agent=); "Ring me" rings through the simulated phone system.
        String demoQuery = "?demo=1&tenant=" + options.tenant();
        HostSimulatorServer.Builder hosts = HostSimulatorServer.builder()
                .bindAddress(options.bindAddress())
                .port(options.hostPort())
                .hubspotSoftphone(HostSimulatorServer.defaultSoftphoneUrl(options.softphoneOrigin(), "hubspot")
                        + demoQuery)
                .salesforceSoftphone(HostSimulatorServer.defaultSoftphoneUrl(options.softphoneOrigin(), "salesforce")
                        + demoQuery)
                .homePage("io/callbridge/samples/demo/home.html")
                .records(crms.records());
        if (options.tls() != null) {
            hosts.tls(options.tls().keystore(), options.tls().password());
        }

        RedisSettings redis = options.redis();
        AbstractModule demo = new AbstractModule() {
            @Override
            protected void configure() {
                bind(ExecutorDelays.class).in(Singleton.class);
                bind(Delays.class).to(ExecutorDelays.class);
                bind(SimulatedPhoneSystem.class).in(Singleton.class);
                if (redis == null) {
                    bind(PhoneLines.class).toInstance(PhoneLines.inMemory());
                }
                Provider<SimulatedPhoneSystem> phone = getProvider(SimulatedPhoneSystem.class);
                String tenant = options.tenant();
                bind(HostSimulatorServer.class).toInstance(hosts
                        .inboundCalls((agent, from) -> phone.get().ring(AgentId.of(tenant, agent), from).value())
                        .build());
                Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
                // Installed first, so the phone's timer starts before the servers and stops after them; the phone
                // system then takes up the calls it finds (on Redis), before core reconciles with it.
                services.addBinding().to(ExecutorDelays.class);
                services.addBinding().to(SimulatedPhoneSystem.class);
                services.addBinding().to(HostSimulatorServer.class);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .to(SimulatedPhoneSystem.class);
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(transport);
                OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding()
                        .toInstance(salesforce);
                OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(hubspot);
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(core);
                OptionalBinder.newOptionalBinder(binder(), ServerSideSettings.class).setBinding()
                        .toInstance(serverSide);
                OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding()
                        .toInstance(hubspotRest);
            }
        };
        List<Module> modules = new ArrayList<>();
        if (redis != null) {
            // First, so that the Redis connections are made before anything else and closed last.
            modules.add(new RedisClusterModule(redis));
            modules.add(new DemoRedisModule(redis));
        }
        // Services start in this order and stop in reverse: the transport is installed after the adapters so that it
        // stops first, closing its sessions while the adapters can still wind down their agents.
        modules.addAll(List.of(demo, new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new HubSpotRestModule(),
                HubSpotAuthModules.privateApp(DemoCrms.HUBSPOT_TOKEN, DemoCrms.HUBSPOT_PORTAL_ID),
                new SalesforceRestModule(salesforceRest),
                new WebSocketTransportModule()));
        CallbridgeLauncher.Running running = CallbridgeLauncher.start(modules.toArray(Module[]::new));
        return new CallbridgeDemo(options, running, crms);
    }

    public DemoOptions options() {
        return options;
    }

    /** The simulated phone system, e.g. to ring an agent. */
    public SimulatedPhoneSystem phone() {
        return running.instance(SimulatedPhoneSystem.class);
    }

    /** Any object of the application (core's {@code CallEngine}, the {@code AgentTokens}, ...). */
    public <T> T instance(Class<T> type) {
        return running.instance(type);
    }

    /** The HubSpot host simulator, for {@code agent}. */
    public String hubspotHostUrl(String agent) {
        return options.hostOrigin() + "/hubspot/?agent=" + agent;
    }

    /**
     * The Salesforce host simulator, for {@code agent}, under the Salesforce-shaped name that Open CTI accepts
     * ({@link DemoOptions#salesforceHostOrigin()}; needs TLS and a browser that maps the name to loopback).
     */
    public String salesforceHostUrl(String agent) {
        return options.salesforceHostOrigin() + "/salesforce/?agent=" + agent;
    }

    /**
     * The Salesforce host simulator, for {@code agent}, on the plain loopback host origin with the demo's explicit
     * opt-in ({@code loopback=1}) to a loopback Open CTI host, which Salesforce's library refuses and the simulator
     * refuses without it: the page a newcomer opens after the README's demo command, no TLS or host mapping needed.
     */
    public String salesforceLoopbackHostUrl(String agent) {
        return options.hostOrigin() + "/salesforce/?agent=" + agent + "&loopback=1";
    }

    /** The plain softphone page, outside any CRM. */
    public String softphoneUrl(String crm, String agent) {
        return options.softphoneOrigin() + "/static/" + crm + "/softphone.html?tenant=" + options.tenant()
                + "&agent=" + agent;
    }

    /** The simulated HubSpot REST API behind the host page (the demo portal's calls). */
    public HubSpotRestSimulator hubspotApi() {
        return crms.hubspot();
    }

    /** Where the simulated CRMs' REST APIs listen, for the log. */
    public String crmApis() {
        return "HubSpot " + crms.hubspotBaseUri() + ", Salesforce " + crms.salesforceLoginUrl();
    }

    /** The portal the HubSpot host simulator announces. */
    public long hubspotPortalId() {
        return DemoCrms.HUBSPOT_PORTAL_ID;
    }

    /** The simulated Salesforce org's REST API behind the host page (its Tasks). */
    public SalesforceRestSimulator salesforceApi() {
        return crms.salesforce();
    }

    @Override
    public void close() {
        try {
            running.close();
        } finally {
            crms.close();
        }
    }

    /** The demo's own keys in Redis: the shared token key and the phone system's lines. */
    private static final class DemoRedisModule extends AbstractModule {
        private final RedisSettings settings;

        DemoRedisModule(RedisSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void configure() {
            RedisSettings redis = settings;
            bind(DemoRedis.class).toProvider((Provider<DemoRedis>) () -> DemoRedis.connect(redis))
                    .asEagerSingleton();
            Provider<DemoRedis> connection = getProvider(DemoRedis.class);
            Multibinder.newSetBinder(binder(), Service.class).addBinding().to(DemoRedis.class);
            bind(PhoneLines.class).toProvider((Provider<PhoneLines>) () -> connection.get().phoneLines())
                    .in(Singleton.class);
            OptionalBinder.newOptionalBinder(binder(), TokenKeys.class).setBinding()
                    .toProvider((Provider<TokenKeys>) () -> connection.get().tokenKeys()).in(Singleton.class);
        }
    }
}
