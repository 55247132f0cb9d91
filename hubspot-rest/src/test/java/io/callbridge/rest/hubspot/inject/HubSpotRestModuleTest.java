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
import io.callbridge.rest.hubspot.Rig;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotRestModuleTest {

    private static final class Store extends AbstractModule {
        @Override
        protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding()
                    .toInstance(io.callbridge.core.spi.CrmStateStore.inMemory(Clock.systemUTC()));
        }
    }

    @Test
    void withoutTokensTheInjectorIsNotCreatedAndSaysWhatToInstall() {
        assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new Store(), new HubSpotRestModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("HubSpotAccessTokens").hasMessageContaining("HubSpotAuthModules.privateApp");
    }

    @Test
    void theBoundExecutorLogsACallThroughTheSimulatedHubSpot() throws InterruptedException {
        try (Rig rig = new Rig()) {
            long engagement = rig.hubspot.createEngagement(Rig.PORTAL, java.util.Map.of("hs_timestamp", "1"));
            Injector injector = Guice.createInjector(new CoreModule(), new Store(), new HubSpotRestModule(),
                    new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(HubSpotAccessTokens.class).toInstance(rig.tokens());
                            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding()
                                    .toInstance(rig.clock);
                            OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding()
                                    .toInstance(rig.settings);
                        }
                    });
            ServerSideExecutor executor = injector.getInstance(
                    Key.get(new TypeLiteral<Set<ServerSideExecutor>>() { })).iterator().next();
            io.callbridge.core.model.Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null);

            assertThat(executor.plan(Rig.owed(call), call, rig.clock.instant()))
                    .isEqualTo(new ServerSideExecutor.Plan.Run());
            assertThat(executor.callOf(Rig.owed(call))).isEqualTo(call.id().value());
            assertThat(executor.execute(Rig.owed(call), call)).isInstanceOf(ServerSideExecutor.Outcome.Done.class);
            assertThat(rig.hubspot.call(engagement).orElseThrow().properties()).containsKey("hs_call_status");
        }
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
