package io.callbridge.rest.hubspot.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.rest.hubspot.recording.HubSpotRecordings;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotRestFallback;
import io.callbridge.rest.hubspot.HubSpotRestSettings;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Contributes the HubSpot REST fallback to core's server-side executors: owed HubSpot call logs that no frame ran
 * within {@link HubSpotRestSettings#deadline()} after wrap-up are logged through HubSpot's API. Binds
 * {@link HubSpotRestSettings} with a default a vendor replaces through
 * {@code OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding()}.
 *
 * <p>Needs core's module (its {@link CrmStateStore}, {@link Clock} and {@link CallEngine}) and a
 * {@link HubSpotAccessTokens}: install one of the auth modules of this jar ({@code HubSpotAuthModules.privateApp} or
 * {@code HubSpotAuthModules.oauth}). Without one
 * the injector is not created. Uses the adapter's {@link HubSpotSettings} when bound (the adapter's defaults
 * otherwise). No I/O here.
 */
public final class HubSpotRestModule extends AbstractModule {

    /** The executor's key in the set, so that nothing else need see its class. */
    @jakarta.inject.Qualifier
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface HubSpotRest { }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), HubSpotAccessTokens.class);
        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class);
        // Bound by HubSpotRecordingModules.recordings(...): then HubSpot hears of each logged call's recording.
        OptionalBinder.newOptionalBinder(binder(), HubSpotRecordings.class);
        OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setDefault()
                .toInstance(HubSpotRestSettings.DEFAULTS);
        Multibinder.newSetBinder(binder(), ServerSideExecutor.class).addBinding()
                .to(com.google.inject.Key.get(ServerSideExecutor.class, HubSpotRest.class));
        bind(TokensRequired.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @HubSpotRest
    ServerSideExecutor executor(Optional<HubSpotAccessTokens> tokens, HubSpotRestSettings settings,
            Optional<HubSpotSettings> adapterSettings, CrmStateStore store, Clock clock, CallEngine engine,
            Optional<HubSpotRecordings> recordings) {
        HubSpotAccessTokens bound = tokens.orElseThrow(TokensRequired::missing);
        HubSpotSettings adapter = adapterSettings.orElse(HubSpotSettings.DEFAULTS);
        if (recordings.isPresent()) {
            HubSpotRecordings r = recordings.get();
            return HubSpotRestFallback.executor(bound, store, settings, adapter, clock, engine::execute,
                    (portal, engagement, call) -> r.markReadyIfRecorded(portal, engagement, call));
        }
        return HubSpotRestFallback.executor(bound, store, settings, adapter, clock, engine::execute);
    }

    /** Fails the injector's creation, with a message saying what to install, when no tokens are bound. */
    static final class TokensRequired {
        @Inject
        TokensRequired(Optional<HubSpotAccessTokens> tokens) {
            if (tokens.isEmpty()) {
                throw missing();
            }
        }

        static IllegalStateException missing() {
            return new IllegalStateException("HubSpotRestModule needs a HubSpotAccessTokens binding: install one of "
                    + "the HubSpot REST auth modules, HubSpotAuthModules.privateApp(token, portalId) for one portal "
                    + "or HubSpotAuthModules.oauth(settings) for portals that installed your app "
                    + "(io.callbridge.rest.hubspot.auth.inject), or bind your own");
        }
    }
}
