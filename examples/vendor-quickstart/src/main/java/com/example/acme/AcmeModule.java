package com.example.acme;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.Service;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.transport.websocket.HttpRoute;
import io.callbridge.transport.websocket.PageConfig;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import java.util.Map;
import java.util.Set;

/** Acme's part of the wiring: its phone system, its transport settings (TLS, origin, token key), its outcomes. */
public final class AcmeModule extends AbstractModule {
    /** HubSpot: the softphone's outcomes mapped to the call outcome ids of Acme's portal. */
    public static final Map<String, String> HUBSPOT_OUTCOMES = Map.of(
            "connected", "acme-outcome-connected",
            "no-answer", "acme-outcome-no-answer");

    private final AcmeConfig config;

    public AcmeModule(AcmeConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(AcmeConfig.class).toInstance(config);
        bind(AcmePhoneSystem.class).in(Singleton.class);
        bind(AcmeSignIn.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().to(AcmePhoneSystem.class);
        // Installed before the transport, so the PBX connection starts first and stops last.
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(AcmePhoneSystem.class);

        TransportSettings transport = TransportSettings.DEFAULTS
                .withHost(config.host())
                .withPort(config.port())
                // Only the softphone pages' own origin may open a bridge; never a CRM page itself.
                .withAllowedOrigins(Set.of(config.publicOrigin()))
                // Real agent tokens: the same key on every node. No demo mode.
                .withTokenKeys(TokenKey.of("acme-1", config.tokenSecret()), null)
                // What Acme's copies of the template pages (static/acme/hubspot.html, salesforce.html) read from
                // /static/callbridge-config.json: where the bridge is, and Acme's sign-in (AcmeSignIn).
                .withPageConfig(PageConfig.NONE
                        .withBridgeUrl(config.publicOrigin().replaceFirst("^http", "ws") + "/bridge/v1")
                        .withSignInUrl(AcmeSignIn.SIGN_IN_PATH)
                        .withTokenUrl(AcmeSignIn.TOKEN_PATH));
        if (config.keystore() != null) {
            transport = transport.withTls(new TransportSettings.Tls(config.keystore(), config.keystorePassword()));
        }
        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(transport);
        // Acme's own HTTP endpoints on the bridge server's port: the sign-in pop-up and the token endpoint.
        // tag::routes[]
        Multibinder<HttpRoute> routes = Multibinder.newSetBinder(binder(), HttpRoute.class);
        Provider<AcmeSignIn> signIn = getProvider(AcmeSignIn.class);
        routes.addBinding().toInstance(HttpRoute.of(AcmeSignIn.SIGN_IN_PATH, request -> signIn.get().signIn(request)));
        routes.addBinding().toInstance(HttpRoute.of(AcmeSignIn.TOKEN_PATH, request -> signIn.get().token(request)));
        // end::routes[]
        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding()
                .toInstance(HubSpotSettings.DEFAULTS.withDispositions(HUBSPOT_OUTCOMES));
        OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(
                SalesforceSettings.DEFAULTS.withDispositions(SalesforceSettings.Dispositions.DEFAULTS
                        .with("connected", "Meaningful Connect")
                        .with("no-answer", "Call Back Later")));
    }
}
