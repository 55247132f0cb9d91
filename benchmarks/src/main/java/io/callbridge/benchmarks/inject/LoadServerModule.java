package io.callbridge.benchmarks.inject;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.benchmarks.load.TimedPhoneSystem;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TransportSettings;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the load server adds to the production modules (core, WebSocket transport, HubSpot and Salesforce adapters,
 * and Redis when the run asks for it): the timed phone system, agent tokens with the secret the generator shares, the
 * disposition code the bridges save mapped for both CRMs, and the transport on loopback with a free port (with TLS when
 * the run asks for it). Every other setting is the default a vendor would start from.
 */
public final class LoadServerModule extends AbstractModule {
    /** The disposition code the generator's bridges send with their wrap-up. */
    public static final String DISPOSITION = "connected";
    private final TimedPhoneSystem phone;
    private final AgentTokens tokens;
    private final TransportSettings transport;

    public LoadServerModule(TimedPhoneSystem phone, AgentTokens tokens) {
        this(phone, tokens, (TransportSettings.Tls) null);
    }

    /** @param tls the keystore to serve wss:// from, or null for ws:// */
    public LoadServerModule(TimedPhoneSystem phone, AgentTokens tokens, TransportSettings.@Nullable Tls tls) {
        this(phone, tokens, TransportSettings.localEphemeral().withTls(tls));
    }

    /** The same with {@code transport} (e.g. loopback, a free port, another rate limit) instead of the defaults. */
    public static LoadServerModule withTransport(TimedPhoneSystem phone, AgentTokens tokens,
            TransportSettings transport) {
        return new LoadServerModule(phone, tokens, transport);
    }

    private LoadServerModule(TimedPhoneSystem phone, AgentTokens tokens, TransportSettings transport) {
        this.phone = Objects.requireNonNull(phone, "phone");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
        OptionalBinder.newOptionalBinder(binder(), AgentTokens.class).setBinding().toInstance(tokens);
        // The disposition the generator's bridges save at wrap-up, mapped as a vendor would map its own codes.
        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(
                HubSpotSettings.DEFAULTS.withDispositions(Map.of(DISPOSITION, "f240bbac-87c9-4f6e-bf70-924b57d47db7")));
        OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(
                SalesforceSettings.DEFAULTS.withDispositions(
                        SalesforceSettings.Dispositions.DEFAULTS.with(DISPOSITION, "Meaningful Connect")));
        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                .toInstance(transport);
    }
}
