package io.callbridge.transport.websocket.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.BridgeServer;
import io.callbridge.transport.websocket.StaticFiles;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.internal.JettyBridgeServer;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Binds the WebSocket transport. Install it next to core's {@code CoreModule} and the adapters' modules.
 *
 * <ul>
 *   <li>Adapters contribute their {@link CrmBridge} with {@code MapBinder.newMapBinder(binder(), String.class,
 *       CrmBridge.class).addBinding("hubspot").to(...)}; the transport never names a CRM.
 *   <li>{@link TransportSettings} defaults to {@link TransportSettings#DEFAULTS}; replace it with
 *       {@code OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(...)}.
 *   <li>{@link AgentTokens} defaults to a random per-process secret, which only works when the code that issues
 *       tokens runs in the same process (it can inject {@code AgentTokens}); bind one with the vendor's shared
 *       secret the same way as the settings.
 *   <li>{@link StaticFiles} defaults to the context class loader; bind another to serve static files that jars
 *       outside the application class loader ship.
 *   <li>The server is a core {@link Service}: the launcher starts it once the injector is built.
 * </ul>
 */
public final class WebSocketTransportModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CrmBridge.class);
        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setDefault()
                .toInstance(TransportSettings.DEFAULTS);
        OptionalBinder.newOptionalBinder(binder(), AgentTokens.class).setDefault()
                .toProvider(RandomSecretTokens.class).in(Singleton.class);
        bind(RandomSecretTokens.class);
        OptionalBinder.newOptionalBinder(binder(), StaticFiles.class).setDefault()
                .toProvider((Provider<StaticFiles>) StaticFiles::fromContextClassLoader);
        bind(JettyBridgeServer.class).in(Singleton.class);
        bind(BridgeServer.class).to(JettyBridgeServer.class);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(BridgeServer.class);
    }

    /** Tokens no other process can verify: the safe default when the vendor configured no shared secret. */
    static final class RandomSecretTokens implements Provider<AgentTokens> {
        private final Clock clock;

        @Inject
        RandomSecretTokens(Clock clock) {
            this.clock = clock;
        }

        @Override
        public AgentTokens get() {
            return AgentTokens.withRandomSecret(clock);
        }
    }
}
