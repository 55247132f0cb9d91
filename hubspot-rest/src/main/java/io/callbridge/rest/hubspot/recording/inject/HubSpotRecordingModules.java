package io.callbridge.rest.hubspot.recording.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.callbridge.rest.hubspot.recording.HubSpotRecordingSettings;
import io.callbridge.rest.hubspot.recording.HubSpotRecordings;
import io.callbridge.transport.websocket.HttpRoute;
import java.util.Objects;

/**
 * The Guice module of HubSpot recordings: binds {@link HubSpotRecordings} (a singleton) and contributes its look-up
 * {@link HttpRoute}. Needs {@link io.callbridge.rest.hubspot.HubSpotAccessTokens} (from
 * {@link io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules}), the {@link io.callbridge.core.spi.TelephonyProvider} and
 * a {@link java.time.Clock} bound.
 */
public final class HubSpotRecordingModules {
    private HubSpotRecordingModules() {
    }

    public static Module recordings(HubSpotRecordingSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(HubSpotRecordingSettings.class).toInstance(settings);
                bind(HubSpotRecordings.class).in(Singleton.class);
                Provider<HubSpotRecordings> recordings = getProvider(HubSpotRecordings.class);
                Multibinder.newSetBinder(binder(), HttpRoute.class).addBinding()
                        .toProvider(() -> recordings.get().route());
            }
        };
    }
}
