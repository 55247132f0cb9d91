package io.callbridge.rest.salesforce.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.testkit.LogCapture;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SalesforceRestModuleTest {
    private static final String NO_WRAP_UP_TIMEOUT = "CoreSettings.wrapUpTimeout is not set: a call that is never"
            + " wrapped up is never logged through REST";

    @Test
    void theExecutorJoinsCoresSetOfServerSideExecutors() throws Exception {
        SalesforceRestSettings settings = settings();
        Injector injector = injector(settings, null);

        assertThat(executors(injector)).extracting(ServerSideExecutor::crm).containsExactly("salesforce");
        assertThat(injector.getInstance(SalesforceRestSettings.class)).isSameAs(settings);
    }

    @Test
    void withCoresDefaultSettingsTheExecutorWarnsOnceThatCallsNeverWrappedUpAreNeverLogged() throws Exception {
        SalesforceRestSettings settings = settings();
        List<Set<ServerSideExecutor>> made = new ArrayList<>();
        List<String> lines = LogCapture.of(() -> {
            Injector injector = injector(settings, null);
            made.add(executors(injector));
            made.add(executors(injector));
        });

        assertThat(lines).filteredOn(l -> l.contains("WARN") && l.contains(NO_WRAP_UP_TIMEOUT)).hasSize(1);
        assertThat(made).allSatisfy(set -> assertThat(set).hasSize(1));
    }

    @Test
    void withAWrapUpTimeoutThereIsNoSuchWarning() throws Exception {
        SalesforceRestSettings settings = settings();
        List<String> lines = LogCapture.of(() -> executors(injector(settings,
                CoreSettings.DEFAULTS.withWrapUpTimeout(Duration.ofMinutes(2)))));

        assertThat(lines).noneMatch(l -> l.contains("wrapUpTimeout"));
    }

    private static Set<ServerSideExecutor> executors(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<ServerSideExecutor>>() {
        }));
    }

    private static Injector injector(SalesforceRestSettings settings, @Nullable CoreSettings core) {
        return Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(SalesforceSettings.class).toInstance(SalesforceSettings.DEFAULTS);
                if (core != null) {
                    OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(core);
                }
                // Core's own store may not be on this branch yet; any store will do to build the executor.
                OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding().toInstance(
                        new CrmStateStore() {
                            @Override
                            public Optional<Versioned<String>> get(String namespace, String key) {
                                return Optional.empty();
                            }

                            @Override
                            public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion,
                                    String value, Duration ttl) {
                                return Optional.empty();
                            }

                            @Override
                            public boolean remove(String namespace, String key, long expectedVersion) {
                                return false;
                            }
                        });
            }
        }, new SalesforceRestModule(settings));
    }

    private static SalesforceRestSettings settings() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator
                .generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return SalesforceRestSettings.of(URI.create("https://login.salesforce.com"), "3MVG.key",
                "integration@acme.example", pem);
    }
}
