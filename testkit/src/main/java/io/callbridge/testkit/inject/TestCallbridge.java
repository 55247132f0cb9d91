package io.callbridge.testkit.inject;

import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.ManualScheduler;
import io.callbridge.testkit.MutableClock;
import io.callbridge.testkit.SequentialIds;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Core wired with Guice exactly as in production, but with the {@link FakePhoneSystem} (or your own
 * {@link TelephonyProvider}), a {@link MutableClock} and {@link SequentialIds}. Extra modules (an adapter's) are
 * installed alongside; {@link Builder#override} replaces any binding, as {@code Modules.override} does.
 *
 * <pre>{@code
 * TestCallbridge cb = TestCallbridge.builder()
 *         .provider(new AcmePhoneSystem(...))          // instead of the FakePhoneSystem
 *         .install(new HubSpotAdapterModule())
 *         .override(new AcmeTestModule())              // e.g. your own CoreSettings, Clock or store
 *         .start();
 * }</pre>
 */
public final class TestCallbridge {
    private final Injector injector;
    private final @Nullable String provider;

    private TestCallbridge(Injector injector, @Nullable String provider) {
        this.injector = injector;
        this.provider = provider;
    }

    /** A configuration; {@link Builder#start()} wires it. */
    public static Builder builder() {
        return new Builder();
    }

    /** What to wire; every method returns this builder. */
    public static final class Builder {
        private CoreSettings settings = CoreSettings.DEFAULTS;
        private boolean manualScheduler;
        private @Nullable TelephonyProvider providerInstance;
        private @Nullable Class<? extends TelephonyProvider> providerClass;
        private final List<Module> installed = new ArrayList<>();
        private final List<Module> overrides = new ArrayList<>();

        private Builder() {
        }

        public Builder settings(CoreSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Adapters run on a {@link ManualScheduler} on the test clock (see {@link #startWithManualScheduler}). */
        public Builder manualScheduler() {
            this.manualScheduler = true;
            return this;
        }

        /** Your phone system instead of the {@link FakePhoneSystem}; {@link TestCallbridge#phone()} then refuses. */
        public Builder provider(TelephonyProvider provider) {
            this.providerInstance = Objects.requireNonNull(provider, "provider");
            this.providerClass = null;
            return this;
        }

        /**
         * Your phone system, made by Guice (bound as a singleton; the launcher's explicit bindings apply, so it needs an
         * {@code @Inject} constructor whose parameters are bound).
         */
        public Builder provider(Class<? extends TelephonyProvider> provider) {
            this.providerClass = Objects.requireNonNull(provider, "provider");
            this.providerInstance = null;
            return this;
        }

        /** Modules installed alongside core (an adapter's, your own). */
        public Builder install(Module... modules) {
            installed.addAll(List.of(modules));
            return this;
        }

        /** Modules whose bindings replace those of core, the fakes and the installed modules. */
        public Builder override(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        public TestCallbridge start() {
            return TestCallbridge.start(this);
        }
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
        Builder builder = builder().settings(settings).install(extra);
        if (manualScheduler) {
            builder.manualScheduler();
        }
        return builder.start();
    }

    private static TestCallbridge start(Builder b) {
        CoreSettings settings = b.settings;
        boolean manualScheduler = b.manualScheduler;
        TelephonyProvider providerInstance = b.providerInstance;
        Class<? extends TelephonyProvider> providerClass = b.providerClass;
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
                OptionalBinder<TelephonyProvider> provider = OptionalBinder.newOptionalBinder(binder(),
                        TelephonyProvider.class);
                if (providerInstance != null) {
                    provider.setBinding().toInstance(providerInstance);
                } else if (providerClass != null) {
                    bind(providerClass).in(com.google.inject.Singleton.class);
                    provider.setBinding().to(providerClass);
                } else {
                    bind(FakePhoneSystem.class).in(com.google.inject.Singleton.class);
                    provider.setBinding().to(FakePhoneSystem.class);
                }
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
                bind(MutableClock.class).toInstance(clock);
                OptionalBinder.newOptionalBinder(binder(), IdGenerator.class).setBinding()
                        .toInstance(new SequentialIds());
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(settings);
            }
        };
        Module wired = Modules.combine(Modules.combine(b.installed), new CoreModule(), fakes);
        if (!b.overrides.isEmpty()) {
            wired = Modules.override(wired).with(b.overrides);
        }
        String provider = providerInstance != null ? providerInstance.getClass().getName()
                : providerClass != null ? providerClass.getName() : null;
        return new TestCallbridge(Guice.createInjector(wired), provider);
    }

    public CallEngine engine() {
        return injector.getInstance(CallEngine.class);
    }

    /** The fake phone system; refused when the builder was given {@link Builder#provider your own}. */
    public FakePhoneSystem phone() {
        if (provider != null) {
            throw new IllegalStateException("no FakePhoneSystem: this TestCallbridge runs " + provider
                    + "; use provider() or injector()");
        }
        return injector.getInstance(FakePhoneSystem.class);
    }

    /** The phone system core talks to: the {@link FakePhoneSystem} or your own. */
    public TelephonyProvider provider() {
        try {
            return injector.getInstance(TelephonyProvider.class);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("no TelephonyProvider bound", e);
        }
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
