package io.callbridge.rest.hubspot.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotRestSettings;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotRestModuleTest {

    private static final class Store extends AbstractModule {
        @Override
        protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding()
                    .toInstance(new io.callbridge.rest.hubspot.TestCrmStateStore(Clock.systemUTC()));
        }
    }

    @Test
    void withoutTokensTheInjectorIsNotCreatedAndSaysWhatToInstall() {
        assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new Store(), new HubSpotRestModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("HubSpotAccessTokens").hasMessageContaining("auth modules");
    }

    @Test
    void bindsTheExecutorIntoTheServerSideExecutors() {
        Injector injector = Guice.createInjector(new CoreModule(), new Store(), new HubSpotRestModule(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(HubSpotAccessTokens.class).toInstance(new HubSpotAccessTokens() {
                            @Override
                            public String accessToken(long portalId) {
                                return "t";
                            }

                            @Override
                            public void refused(long portalId, String token) {
                            }
                        });
                    }
                });
        Set<ServerSideExecutor> executors = injector.getInstance(Key.get(new TypeLiteral<Set<ServerSideExecutor>>() { }));
        assertThat(executors).extracting(ServerSideExecutor::crm).containsExactly("hubspot");
        assertThat(injector.getInstance(HubSpotRestSettings.class)).isEqualTo(HubSpotRestSettings.DEFAULTS);
    }
}
