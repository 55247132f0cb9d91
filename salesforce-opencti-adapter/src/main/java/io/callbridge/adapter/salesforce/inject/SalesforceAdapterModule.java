package io.callbridge.adapter.salesforce.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.internal.SalesforceCrmBridge;
import io.callbridge.core.bridge.CrmBridge;

/**
 * Contributes Salesforce to the CRMs the transport hosts. Install next to core's module; replace the settings with
 * {@code OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(...)}.
 * No I/O here: the flow runs on core's {@code BridgeScheduler}, whose threads start on first use.
 */
public final class SalesforceAdapterModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setDefault()
                .toInstance(SalesforceSettings.DEFAULTS);
        bind(SalesforceCrmBridge.class).in(Singleton.class);
        MapBinder.newMapBinder(binder(), String.class, CrmBridge.class).addBinding(SalesforceCrmBridge.CRM)
                .to(SalesforceCrmBridge.class);
    }
}
