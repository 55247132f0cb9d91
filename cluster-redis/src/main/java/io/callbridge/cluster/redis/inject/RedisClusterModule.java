package io.callbridge.cluster.redis.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.EngineThreads;
import io.callbridge.core.Service;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.UiTopicStore;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps core's state in Redis: replaces core's in-memory defaults for the stores of calls, agents and work items
 * ({@link CoreModule#CALL_STORE}, {@link CoreModule#AGENT_STORE}, {@link CoreModule#WORK_STORE}), the
 * {@link AgentEventRouter}, the {@link DeliveryStore} (with its outbox of parked side effects), the
 * {@link CrmStateStore} of CRM integrations' tokens and ledgers and the {@link HousekeepingLease}, so that core's housekeeping
 * runs on one node of the deployment at a time; readiness's store check ({@link CoreModule#STORE_HEALTH}) becomes a
 * PING; and it binds a {@link SigningKeyStore}, agent-token signing keys that every node shares and that survive
 * restarts (the transport uses them unless keys are configured; rotate them with {@link SigningKeyStore#rotate()} or
 * {@code io.callbridge.cluster.redis.tool.TokenKeysTool}), and the {@link UiTopicStore} of adapters' softphone topics,
 * so every node's frames show the same. It also binds core's {@link EngineThreads} to
 * {@link RedisSettings#engineThreads()}, since each engine call waits on Redis (set the count there: binding
 * {@code EngineThreads} as well is a duplicate binding). Install it next to {@link CoreModule}, before the other
 * modules, so that its connection is the last service to stop:
 *
 * <pre>{@code
 * CallbridgeLauncher.start(new RedisClusterModule(RedisSettings.of("redis://:secret@redis.internal:6379")),
 *         new CoreModule(), new HubSpotAdapterModule(), new WebSocketTransportModule(), vendorModule);
 * }</pre>
 *
 * The connection is made while the injector is built (an eager singleton; the module itself does no I/O), so an
 * unreachable Redis fails the start with an error that names the URI, before any server is started.
 */
public final class RedisClusterModule extends AbstractModule {
    private final RedisSettings settings;

    public RedisClusterModule(RedisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(RedisSettings.class).toInstance(settings);
        bind(BackendProvider.class);
        bind(RedisBackend.class).toProvider(BackendProvider.class).asEagerSingleton();
        Provider<RedisBackend> backend = getProvider(RedisBackend.class);
        OptionalBinder.newOptionalBinder(binder(), CoreModule.CALL_STORE).setBinding()
                .toProvider(part(backend, RedisBackend::calls));
        OptionalBinder.newOptionalBinder(binder(), CoreModule.AGENT_STORE).setBinding()
                .toProvider(part(backend, RedisBackend::agents));
        OptionalBinder.newOptionalBinder(binder(), CoreModule.WORK_STORE).setBinding()
                .toProvider(part(backend, RedisBackend::workItems));
        OptionalBinder.newOptionalBinder(binder(), AgentEventRouter.class).setBinding()
                .toProvider(part(backend, RedisBackend::events));
        OptionalBinder.newOptionalBinder(binder(), DeliveryStore.class).setBinding()
                .toProvider(part(backend, RedisBackend::deliveries));
        OptionalBinder.newOptionalBinder(binder(), HousekeepingLease.class).setBinding()
                .toProvider(part(backend, RedisBackend::housekeepingLease));
        OptionalBinder.newOptionalBinder(binder(), CoreModule.STORE_HEALTH).setBinding()
                .toProvider(part(backend, RedisBackend::storeHealth));
        OptionalBinder.newOptionalBinder(binder(), UiTopicStore.class).setBinding()
                .toProvider(part(backend, RedisBackend::uiTopics));
        OptionalBinder.newOptionalBinder(binder(), SigningKeyStore.class).setBinding()
                .toProvider(part(backend, RedisBackend::signingKeys));
        OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding()
                .toProvider(part(backend, RedisBackend::crmStates));
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(RedisBackend.class);
        // Every engine call is a round trip to Redis that holds its thread: the pools running them need more threads
        // than cores.
        OptionalBinder.newOptionalBinder(binder(), EngineThreads.class).setBinding()
                .toInstance(new EngineThreads(settings.engineThreads()));
    }

    /** One of the backend's ports; the backend is a singleton, so each port is too. */
    private static <T> Provider<T> part(Provider<RedisBackend> backend, Function<RedisBackend, T> port) {
        return new Provider<>() {
            @Override
            public T get() {
                return port.apply(backend.get());
            }
        };
    }

    /** Connects when the injector is built, with core's settings (how many events to keep per agent). */
    static final class BackendProvider implements Provider<RedisBackend> {
        private final RedisSettings settings;
        private final CoreSettings core;

        @Inject
        BackendProvider(RedisSettings settings, CoreSettings core) {
            this.settings = settings;
            this.core = core;
        }

        @Override
        public RedisBackend get() {
            return RedisBackend.connect(settings, core);
        }
    }
}
