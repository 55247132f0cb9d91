package io.callbridge.rest.hubspot.auth.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.auth.HubSpotOAuth;
import io.callbridge.rest.hubspot.auth.HubSpotOAuthSettings;
import io.callbridge.rest.hubspot.auth.HubSpotPrivateAppToken;
import io.callbridge.transport.websocket.HttpRoute;
import java.util.Objects;

/**
 * The Guice modules that bind {@link HubSpotAccessTokens}; install exactly one.
 *
 * <ul>
 *   <li>{@link #privateApp}: one portal's private app token.</li>
 *   <li>{@link #oauth}: a public app's OAuth; binds {@link HubSpotOAuth} (as a singleton) and contributes its install
 *       and callback {@link HttpRoute}s to the bridge server. Needs a {@link io.callbridge.core.spi.CrmStateStore}
 *       and a {@link java.time.Clock} bound (core binds a clock; the store comes from core's in-memory default or
 *       cluster-redis).</li>
 * </ul>
 */
public final class HubSpotAuthModules {
    private HubSpotAuthModules() {
    }

    /** A private app's token for {@code portalId}. */
    public static Module privateApp(String token, long portalId) {
        HubSpotPrivateAppToken tokens = new HubSpotPrivateAppToken(token, portalId);
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(HubSpotAccessTokens.class).toInstance(tokens);
            }

            @Override
            public String toString() {
                return "HubSpotAuthModules.privateApp[portal " + portalId + "]";
            }
        };
    }

    /** OAuth for a public app with these settings. */
    public static Module oauth(HubSpotOAuthSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(HubSpotOAuthSettings.class).toInstance(settings);
                bind(HubSpotOAuth.class).in(Singleton.class);
                bind(HubSpotAccessTokens.class).to(HubSpotOAuth.class);
                Provider<HubSpotOAuth> oauth = getProvider(HubSpotOAuth.class);
                Multibinder<HttpRoute> routes = Multibinder.newSetBinder(binder(), HttpRoute.class);
                routes.addBinding().toProvider(() -> oauth.get().installRoute());
                routes.addBinding().toProvider(() -> oauth.get().callbackRoute());
            }
        };
    }
}
