// tag::file[]
package com.acme.phone;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Your phone system and your settings; installed with the callbridge modules (see AcmeServer). */
public final class AcmeModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(AcmePhoneSystem.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().to(AcmePhoneSystem.class);

        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(
                TransportSettings.DEFAULTS
                        .withPort(8443)
                        .withTls(new TransportSettings.Tls(Path.of("/etc/acme/softphone.p12"),
                                Secrets.get("ACME_KEYSTORE_PASSWORD")))
                        // The origin your softphone pages are served from: the CRMs load them in iframes and the
                        // bridge script connects back from that origin. Nothing else may open a bridge.
                        .withAllowedOrigins(Set.of("https://softphone.acme.example"))
                        // Required outside demo mode. Every node must verify the tokens every other node issued:
                        // the same key (32+ random bytes) on all of them. To rotate, make the new key current and
                        // keep the old one as previous until the tokens it signed have expired.
                        .withTokenKeys(TokenKey.of("2026-12",
                                Secrets.get("ACME_TOKEN_SECRET").getBytes(StandardCharsets.UTF_8)), null));

        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(
                HubSpotSettings.DEFAULTS.withDispositions(Map.of("connected", "<your portal's call outcome id>")));
        OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(
                SalesforceSettings.DEFAULTS.withDispositions(SalesforceSettings.Dispositions.DEFAULTS
                        .with("connected", "Meaningful Connect").with("left-voicemail", "Left Voicemail")));
    }
}
// end::file[]
