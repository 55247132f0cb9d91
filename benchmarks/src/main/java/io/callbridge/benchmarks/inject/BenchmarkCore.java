package io.callbridge.benchmarks.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Clock;

/**
 * Core exactly as {@link CoreModule} binds it (in-memory stores and router), with the benchmark's phone system,
 * clock and settings. For JMH, where the benchmark itself plays the phone system.
 */
public final class BenchmarkCore {
    private final Injector injector;

    private BenchmarkCore(Injector injector) {
        this.injector = injector;
    }

    public static BenchmarkCore start(TelephonyProvider phone, Clock clock, CoreSettings settings) {
        return new BenchmarkCore(Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(settings);
            }
        }));
    }

    public CallEngine engine() {
        return injector.getInstance(CallEngine.class);
    }

    public TelephonyEvents events() {
        return injector.getInstance(TelephonyEvents.class);
    }
}
