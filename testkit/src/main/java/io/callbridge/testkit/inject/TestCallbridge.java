package io.callbridge.testkit.inject;

import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.ManualScheduler;
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

    /** Core with the fakes; adapters run on core's real threaded {@link BridgeScheduler}. */
    public static TestCallbridge start(CoreSettings settings, Module... extra) {
        return start(settings, false, extra);
    }

    public static TestCallbridge start(Module... extra) {
        return start(CoreSettings.DEFAULTS, extra);
    }

    /**
     * Core with the fakes, and adapters run on a {@link ManualScheduler} on the test clock: nothing happens until the
     * test calls {@code scheduler().settle()} or {@code scheduler().advance(...)}.
     */
    public static TestCallbridge startWithManualScheduler(CoreSettings settings, Module... extra) {
        return start(settings, true, extra);
    }

    private static TestCallbridge start(CoreSettings settings, boolean manualScheduler, Module... extra) {
        MutableClock clock = MutableClock.atDefaultStart();
        Module fakes = new AbstractModule() {
            @Override
            protected void configure() {
                if (manualScheduler) {
                    ManualScheduler scheduler = new ManualScheduler(clock);
                    bind(ManualScheduler.class).toInstance(scheduler);
                    OptionalBinder.newOptionalBinder(binder(), BridgeScheduler.class).setBinding()
                            .toInstance(scheduler);
                }
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

    public CallEngine engine() {
        return injector.getInstance(CallEngine.class);
    }

    public FakePhoneSystem phone() {
        return injector.getInstance(FakePhoneSystem.class);
    }

    /** The manual scheduler; only for {@link #startWithManualScheduler}. */
    public ManualScheduler scheduler() {
        return injector.getInstance(ManualScheduler.class);
    }

    public MutableClock clock() {
        return injector.getInstance(MutableClock.class);
    }

    public Injector injector() {
        return injector;
    }
}
