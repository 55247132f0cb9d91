package io.callbridge.rest.hubspot.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.rest.hubspot.recording.HubSpotRecordingSettings;
import io.callbridge.rest.hubspot.recording.HubSpotRecordings;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotRestFallback;
import io.callbridge.rest.hubspot.HubSpotRestSettings;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * otherwise). With {@code HubSpotRecordingModules.recordings(...)} installed, HubSpot is told of each logged call's
 * recording, and recorded calls name that app ({@link HubSpotRestSettings#recordingAppId()}). Making the executor WARNs
 * once when {@link CoreSettings#wrapUpTimeout()} is not set. No I/O here.
 */
public final class HubSpotRestModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRestModule.class);

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
        OptionalBinder.newOptionalBinder(binder(), HubSpotRecordingSettings.class);
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
            CoreSettings core, Optional<HubSpotRecordings> recordings,
            Optional<HubSpotRecordingSettings> recordingSettings) {
        HubSpotAccessTokens bound = tokens.orElseThrow(TokensRequired::missing);
        HubSpotSettings adapter = adapterSettings.orElse(HubSpotSettings.DEFAULTS);
        if (core.wrapUpTimeout() == null) {
            // Silent otherwise: the entry waits for a wrap-up that never comes, and the call is not in HubSpot.
            LOG.warn("CoreSettings.wrapUpTimeout is not set: the HubSpot REST fallback logs only wrapped-up calls, so "
                    + "a call nobody wraps up (its HubSpot tab closed before the wrap-up) is never logged by REST. Set "
                    + "CoreSettings.withWrapUpTimeout(...) for core to wrap such calls up itself.");
        }
        HubSpotRestSettings effective = withRecordingApp(settings, recordingSettings);
        if (recordings.isPresent()) {
            HubSpotRecordings r = recordings.get();
            return HubSpotRestFallback.executor(bound, store, effective, adapter, clock, engine::execute,
                    (portal, engagement, call) -> r.markReadyIfRecorded(portal, engagement, call));
        }
        return HubSpotRestFallback.executor(bound, store, effective, adapter, clock, engine::execute);
    }

    /**
     * The settings with the app of the installed recording endpoint as the recording app, unless they name one: the
     * calls then carry the app HubSpot asks for their recordings. Two different apps are a configuration error.
     */
    private static HubSpotRestSettings withRecordingApp(HubSpotRestSettings settings,
            Optional<HubSpotRecordingSettings> recordingSettings) {
        if (recordingSettings.isEmpty()) {
            return settings;
        }
        long app = recordingSettings.get().appId();
        Long named = settings.recordingAppId();
        if (named == null) {
            return settings.withRecordingApp(app);
        }
        if (named != app) {
            throw new IllegalStateException("HubSpotRestSettings.recordingAppId is " + named + " but the recording "
                    + "endpoint installed by HubSpotRecordingModules.recordings(...) is of app " + app
                    + " (HubSpotRecordingSettings.appId): HubSpot would ask the wrong app for recordings; name the "
                    + "same app in both, or leave recordingAppId unset");
        }
        return settings;
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
