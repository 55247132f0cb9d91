package io.callbridge.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.EngineThreads;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.internal.CallReconciler;
import io.callbridge.core.internal.DefaultCallEngine;
import io.callbridge.core.internal.ExecutorBridgeScheduler;
import io.callbridge.core.internal.Housekeeper;
import io.callbridge.core.internal.InMemoryAgentEventRouter;
import io.callbridge.core.internal.InMemoryVersionedStore;
import io.callbridge.core.internal.RandomIdGenerator;
import io.callbridge.core.internal.ServerSideDeliveryService;
import io.callbridge.core.internal.UnconfiguredTelephonyProvider;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.core.spi.IdGenerator;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.core.spi.UiTopicStore;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import java.time.Clock;

/**
 * Binds core. Every piece of infrastructure has an in-memory default that a vendor replaces with
 * {@code OptionalBinder.newOptionalBinder(binder(), X.class).setBinding().to(...)}: the phone system
 * ({@link TelephonyProvider}, which a real deployment must replace), the stores, the event router, the clock, the id
 * generator, the store of owed CRM side effects ({@link DeliveryStore}), the {@link HousekeepingLease} that picks the
 * node running housekeeping, {@link CoreSettings}, the {@link BridgeScheduler} adapters run on and the
 * {@link EngineThreads} its default pool (and the transport's) has: one per core, for an engine that never waits. The
 * {@link MetricsRecorder} defaults to recording nothing ({@code callbridge-operations} binds Micrometer's). A
 * {@link SigningKeyStore} (secrets shared by every node) has no default: a clustered store binds one. The
 * {@link UiTopicStore} of adapters' softphone topics defaults to this process, and so does the {@link CrmStateStore}
 * of CRM integrations' tokens and ledgers.
 *
 * <p>Health: readiness asks every {@link HealthCheck} of the {@code Multibinder<HealthCheck>}. Core contributes the
 * state store's, {@link #STORE_HEALTH}, which is always up for the in-memory stores; a module that moves the stores
 * elsewhere (cluster-redis) replaces it with {@code OptionalBinder.newOptionalBinder(binder(), CoreModule.STORE_HEALTH)
 * .setBinding()...}.
 *
 * <p>Services: housekeeping, the adapters' scheduler and, once at start, the reconciliation of stored live calls with
 * the phone system ({@link TelephonyProvider#activeCalls()}), and the server-side delivery of owed CRM side effects
 * that no frame ran: it hands them to the {@link ServerSideExecutor}s of the {@code Multibinder<ServerSideExecutor>}
 * (empty here: a CRM's REST module contributes one) and idles when there is none; its tunables are
 * {@link ServerSideSettings} ({@link ServerSideSettings#DEFAULTS} unless replaced through {@code OptionalBinder}).
 */
public final class CoreModule extends AbstractModule {

    /** The store of calls, for binding a replacement. */
    public static final TypeLiteral<VersionedStore<CallId, Call>> CALL_STORE = new TypeLiteral<>() { };
    /** The store of agents, for binding a replacement. */
    public static final TypeLiteral<VersionedStore<AgentId, Agent>> AGENT_STORE = new TypeLiteral<>() { };
    /** The store of work items, for binding a replacement. */
    public static final TypeLiteral<VersionedStore<WorkItemKey, WorkItem>> WORK_STORE = new TypeLiteral<>() { };
    /** The check of the state store's reachability that readiness asks, for binding a replacement. */
    public static final Key<HealthCheck> STORE_HEALTH = Key.get(HealthCheck.class, Names.named("callbridge.store"));

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setDefault()
                .to(UnconfiguredTelephonyProvider.class);
        OptionalBinder.newOptionalBinder(binder(), CALL_STORE).setDefault()
                .to(new TypeLiteral<InMemoryVersionedStore<CallId, Call>>() { }).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), AGENT_STORE).setDefault()
                .to(new TypeLiteral<InMemoryVersionedStore<AgentId, Agent>>() { }).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), WORK_STORE).setDefault()
                .to(new TypeLiteral<InMemoryVersionedStore<WorkItemKey, WorkItem>>() { }).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), AgentEventRouter.class).setDefault()
                .to(InMemoryAgentEventRouter.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), DeliveryStore.class).setDefault()
                .toProvider(DeliveryStore::inMemory).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), HousekeepingLease.class).setDefault()
                .toInstance(HousekeepingLease.alwaysGranted());
        OptionalBinder.newOptionalBinder(binder(), UiTopicStore.class).setDefault()
                .toProvider(UiTopicStore::inMemory).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setDefault()
                .toProvider(InMemoryCrmStates.class).in(Singleton.class);
        // No default: a single node configures its token keys; a clustered store binds keys shared by every node.
        OptionalBinder.newOptionalBinder(binder(), SigningKeyStore.class);
        OptionalBinder.newOptionalBinder(binder(), IdGenerator.class).setDefault().to(RandomIdGenerator.class);
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toInstance(Clock.systemUTC());
        OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setDefault().toInstance(CoreSettings.DEFAULTS);
        OptionalBinder.newOptionalBinder(binder(), EngineThreads.class).setDefault().toInstance(EngineThreads.perCore());
        OptionalBinder.newOptionalBinder(binder(), ServerSideSettings.class).setDefault()
                .toInstance(ServerSideSettings.DEFAULTS);
        OptionalBinder.newOptionalBinder(binder(), MetricsRecorder.class).setDefault().toInstance(MetricsRecorder.NONE);
        // In memory, the stores are reachable as long as the process runs.
        OptionalBinder.newOptionalBinder(binder(), STORE_HEALTH).setDefault().toInstance(HealthCheck.alwaysUp("store"));
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(STORE_HEALTH);

        bind(DefaultCallEngine.class).in(Singleton.class);
        bind(CallEngine.class).to(DefaultCallEngine.class);
        bind(TelephonyEvents.class).to(DefaultCallEngine.class);
        bind(Housekeeper.class).in(Singleton.class);
        Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
        services.addBinding().to(Housekeeper.class);

        // Adapters' threads: one pool for every CRM (EngineThreads), stopped with the other services.
        bind(ExecutorBridgeScheduler.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), BridgeScheduler.class).setDefault().to(ExecutorBridgeScheduler.class);
        services.addBinding().to(ExecutorBridgeScheduler.class);

        // After the scheduler, which it uses for its second look at recent calls. It asks the phone system: install the
        // module of a TelephonyProvider that is itself a Service before this one, so that it is up by then.
        bind(CallReconciler.class).in(Singleton.class);
        services.addBinding().to(CallReconciler.class);

        // Owed side effects no frame ran, handed to the CRMs' server-side executors (none unless a module adds one).
        Multibinder.newSetBinder(binder(), ServerSideExecutor.class);
        bind(ServerSideDeliveryService.class).in(Singleton.class);
        services.addBinding().to(ServerSideDeliveryService.class);
    }

    /** The in-memory {@link CrmStateStore} on the injector's clock. */
    static final class InMemoryCrmStates implements com.google.inject.Provider<CrmStateStore> {
        private final Clock clock;

        @jakarta.inject.Inject
        InMemoryCrmStates(Clock clock) {
            this.clock = clock;
        }

        @Override
        public CrmStateStore get() {
            return CrmStateStore.inMemory(clock);
        }
    }

    @Provides
    @Singleton
    PhoneNumberParser phoneNumberParser(CoreSettings settings) {
        return new PhoneNumberParser(settings.defaultRegion());
    }
}
