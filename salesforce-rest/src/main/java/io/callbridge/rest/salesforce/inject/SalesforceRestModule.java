package io.callbridge.rest.salesforce.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.internal.SalesforceRestExecutor;
import java.util.Objects;

/**
 * The Salesforce REST fallback for one org: binds {@code settings} and adds the org's executor to core's
 * {@code Set<ServerSideExecutor>}. Needs core's module (the {@code CallEngine}, the {@code CrmStateStore}, the
 * {@code Clock}) and the Salesforce adapter's module (its {@code SalesforceSettings}, whose Task fields REST sends).
 */
public final class SalesforceRestModule extends AbstractModule {
    private final SalesforceRestSettings settings;

    public SalesforceRestModule(SalesforceRestSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(SalesforceRestSettings.class).toInstance(settings);
        bind(SalesforceRestExecutor.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), ServerSideExecutor.class).addBinding().to(SalesforceRestExecutor.class);
    }
}
