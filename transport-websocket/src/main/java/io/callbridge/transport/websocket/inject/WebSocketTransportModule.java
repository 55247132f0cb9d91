package io.callbridge.transport.websocket.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.BridgeServer;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.HttpRoute;
import io.callbridge.transport.websocket.StaticFiles;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TokenKeys;
import io.callbridge.transport.websocket.TransportExecutors;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.internal.JettyBridgeServer;
import io.callbridge.transport.websocket.internal.Lifecycle;
import jakarta.inject.Inject;
import io.callbridge.core.spi.SigningKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the WebSocket transport. Install it next to core's {@code CoreModule} and the adapters' modules.
 *
 * <ul>
 *   <li>Adapters contribute their {@link CrmBridge} with {@code MapBinder.newMapBinder(binder(), String.class,
 *       CrmBridge.class).addBinding("hubspot").to(...)}; the transport never names a CRM.
 *   <li>{@link TransportSettings} defaults to {@link TransportSettings#DEFAULTS}; replace it with
 *       {@code OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(...)}.
 *   <li>{@link TokenKeys} defaults to the keys in the settings ({@link TransportSettings#withTokenKeys}); failing
 *       them, to the keys of core's {@link SigningKeyStore} if one is bound (cluster-redis binds one: keys shared by
 *       every node, read again every 5 s, see {@link TokenKeys#fromStore}); configured keys take precedence over the
 *       store. Without either the server refuses to start, since tokens signed with a key of the process would all
 *       stop working at its next restart. Only demo mode falls back to such a random key (with a warning). A
 *       deployment may also bind its own {@code TokenKeys} the same way as the settings.
 *   <li>{@link AgentTokens} defaults to those keys and {@link TransportSettings#maxTokenTtl()}; the vendor's backend
 *       issues tokens with it (inject it, or build an equal one from the same keys).
 *   <li>{@link StaticFiles} defaults to the context class loader; bind another to serve static files that jars
 *       outside the application class loader ship.
 *   <li>The vendor's own HTTP endpoints (a token endpoint, webhooks from the phone system) go on the same port with
 *       {@code Multibinder.newSetBinder(binder(), HttpRoute.class).addBinding().toInstance(HttpRoute.of("/pbx",
 *       endpoint))}; overlapping paths fail the start with both named.
 *   <li>{@link HealthEndpoints} defaults to {@link HealthEndpoints#DEFAULTS} ({@code /health/live},
 *       {@code /health/ready}); readiness asks every core {@link HealthCheck}.
 *   <li>{@link TransportExecutors} defaults to {@link TransportExecutors#STANDARD} (a fixed pool and a timer thread);
 *       bind another the same way as the settings, e.g. to count hand-offs in a benchmark.
 *   <li>The server is a core {@link Service}: the launcher starts it once the injector is built.
 * </ul>
 */
public final class WebSocketTransportModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CrmBridge.class);
        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setDefault()
                .toInstance(TransportSettings.DEFAULTS);
        // Absent unless a clustered store (cluster-redis) binds one; then the default TokenKeys below use it.
        OptionalBinder.newOptionalBinder(binder(), SigningKeyStore.class);
        OptionalBinder.newOptionalBinder(binder(), TokenKeys.class).setDefault()
                .toProvider(ConfiguredTokenKeys.class).in(Singleton.class);
        bind(ConfiguredTokenKeys.class);
        OptionalBinder.newOptionalBinder(binder(), AgentTokens.class).setDefault()
                .toProvider(KeyedTokens.class).in(Singleton.class);
        bind(KeyedTokens.class);
        OptionalBinder.newOptionalBinder(binder(), StaticFiles.class).setDefault()
                .toProvider((Provider<StaticFiles>) StaticFiles::fromContextClassLoader);
        Multibinder.newSetBinder(binder(), HttpRoute.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class);
        OptionalBinder.newOptionalBinder(binder(), HealthEndpoints.class).setDefault()
                .toInstance(HealthEndpoints.DEFAULTS);
        OptionalBinder.newOptionalBinder(binder(), TransportExecutors.class).setDefault()
                .toInstance(TransportExecutors.STANDARD);
        bind(Lifecycle.class).in(Singleton.class);
        bind(JettyBridgeServer.class).in(Singleton.class);
        bind(BridgeServer.class).to(JettyBridgeServer.class);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(BridgeServer.class);
    }

    /**
     * The keys of the settings; failing those, the keys of a bound {@link SigningKeyStore} (shared by every node); in
     * demo mode, failing both, a random key of the process.
     */
    static final class ConfiguredTokenKeys implements Provider<TokenKeys> {
        /** How soon a rotation in the store reaches signing on this node. */
        static final Duration STORE_REFRESH = Duration.ofSeconds(5);
        private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransportModule.class);
        private final TransportSettings settings;
        private final Optional<SigningKeyStore> store;

        @Inject
        ConfiguredTokenKeys(TransportSettings settings, Optional<SigningKeyStore> store) {
            this.settings = settings;
            this.store = store;
        }

        @Override
        public TokenKeys get() {
            TokenKey current = settings.tokenKey();
            if (current != null) {
                if (store.isPresent()) {
                    LOG.info("agent tokens signed with the configured key {}; the shared keys of the store are not "
                            + "used", current.id());
                }
                return TokenKeys.of(current, settings.previousTokenKey());
            }
            if (store.isPresent()) {
                return TokenKeys.fromStore(store.get(), STORE_REFRESH);
            }
            if (settings.demoMode()) {
                LOG.warn("demo mode without a token key: agent tokens are signed with a random key of this process "
                        + "and stop working when it restarts");
                return TokenKeys.random();
            }
            throw new IllegalStateException("no agent token key configured. Every node must sign and verify agent "
                    + "tokens with the same secret, or a restart logs every bridge out: set "
                    + "TransportSettings.withTokenKeys(TokenKey.of(id, secret), previous) with a secret of at least 32 "
                    + "random bytes, or bind a SigningKeyStore (cluster-redis does) or TokenKeys. Only demo mode runs "
                    + "without one.");
        }
    }

    /** Tokens from the bound keys, with the settings' maximum lifetime. */
    static final class KeyedTokens implements Provider<AgentTokens> {
        private final TokenKeys keys;
        private final Clock clock;
        private final TransportSettings settings;

        @Inject
        KeyedTokens(TokenKeys keys, Clock clock, TransportSettings settings) {
            this.keys = keys;
            this.clock = clock;
            this.settings = settings;
        }

        @Override
        public AgentTokens get() {
            return new AgentTokens(keys, clock, settings.maxTokenTtl());
        }
    }
}
