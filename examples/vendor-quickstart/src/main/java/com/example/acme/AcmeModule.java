package com.example.acme;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.Service;
import io.callbridge.core.spi.TelephonyProvider;
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
        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().to(AcmePhoneSystem.class);
        // Installed before the transport, so the PBX connection starts first and stops last.
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(AcmePhoneSystem.class);

        TransportSettings transport = TransportSettings.DEFAULTS
                .withHost(config.host())
                .withPort(config.port())
                // Only the softphone pages' own origin may open a bridge; never a CRM page itself.
                .withAllowedOrigins(Set.of(config.publicOrigin()))
                // Real agent tokens: the same key on every node. No demo mode.
                .withTokenKeys(TokenKey.of("acme-1", config.tokenSecret()), null);
        if (config.keystore() != null) {
            transport = transport.withTls(new TransportSettings.Tls(config.keystore(), config.keystorePassword()));
        }
        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(transport);
        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding()
                .toInstance(HubSpotSettings.DEFAULTS.withDispositions(HUBSPOT_OUTCOMES));
        OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(
                SalesforceSettings.DEFAULTS.withDispositions(SalesforceSettings.Dispositions.DEFAULTS
                        .with("connected", "Meaningful Connect")
                        .with("no-answer", "Call Back Later")));
    }
}
