package io.callbridge.rest.salesforce.inject;

import com.google.inject.AbstractModule;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SalesforceRestModuleTest {

    @Test
    void theExecutorJoinsCoresSetOfServerSideExecutors() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator
                .generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        SalesforceRestSettings settings = SalesforceRestSettings.of(URI.create("https://login.salesforce.com"),
                "3MVG.key", "integration@acme.example", pem);

        Injector injector = Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(SalesforceSettings.class).toInstance(SalesforceSettings.DEFAULTS);
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

        Set<ServerSideExecutor> executors = injector.getInstance(Key.get(new TypeLiteral<Set<ServerSideExecutor>>() {
        }));
        assertThat(executors).extracting(ServerSideExecutor::crm).containsExactly("salesforce");
        assertThat(injector.getInstance(SalesforceRestSettings.class)).isSameAs(settings);
    }
}
