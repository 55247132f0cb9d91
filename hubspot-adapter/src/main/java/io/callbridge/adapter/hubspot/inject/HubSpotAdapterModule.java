package io.callbridge.adapter.hubspot.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.internal.HubSpotCrmBridge;
import io.callbridge.core.bridge.CrmBridge;

/**
 * Contributes HubSpot to the transport's CRMs (key {@code hubspot}) and binds {@link HubSpotSettings} with a default a
 * vendor replaces through {@code OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding()}.
 * Needs core's module. No I/O here; the adapter runs on core's {@code BridgeScheduler}.
 */
public final class HubSpotAdapterModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setDefault()
                .toInstance(HubSpotSettings.DEFAULTS);
        bind(HubSpotCrmBridge.class).in(Singleton.class);
        MapBinder.newMapBinder(binder(), String.class, CrmBridge.class).addBinding("hubspot")
                .to(HubSpotCrmBridge.class);
    }
}
