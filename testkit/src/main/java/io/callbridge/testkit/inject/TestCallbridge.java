package io.callbridge.testkit.inject;

import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.MutableClock;
import io.callbridge.testkit.SequentialIds;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.IdGenerator;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Clock;

/**
 * Core wired with Guice exactly as in production, but with the {@link FakePhoneSystem}, a {@link MutableClock} and
 * {@link SequentialIds}. Extra modules (an adapter's) are installed alongside.
 */
public final class TestCallbridge {
    private final Injector injector;

    private TestCallbridge(Injector injector) {
        this.injector = injector;
    }

    public static TestCallbridge start(CoreSettings settings, Module... extra) {
        MutableClock clock = MutableClock.atDefaultStart();
        Module fakes = new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                bind(FakePhoneSystem.class).in(com.google.inject.Singleton.class);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .to(FakePhoneSystem.class);
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
                bind(MutableClock.class).toInstance(clock);
                OptionalBinder.newOptionalBinder(binder(), IdGenerator.class).setBinding()
                        .toInstance(new SequentialIds());
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(settings);
            }
        };
        return new TestCallbridge(Guice.createInjector(Modules.combine(Modules.combine(extra), new CoreModule(),
                fakes)));
    }

    public static TestCallbridge start(Module... extra) {
        return start(CoreSettings.DEFAULTS, extra);
    }

    public CallEngine engine() {
        return injector.getInstance(CallEngine.class);
    }

    public FakePhoneSystem phone() {
        return injector.getInstance(FakePhoneSystem.class);
    }

    public MutableClock clock() {
        return injector.getInstance(MutableClock.class);
    }

    public Injector injector() {
        return injector;
    }
}
