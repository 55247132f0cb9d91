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
import io.callbridge.core.CoreSettings;
import io.callbridge.core.model.Call;
import io.callbridge.core.spi.CallRecording;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.crmsim.rest.hubspot.HubSpotRecordingSimulator;
import io.callbridge.rest.hubspot.recording.HubSpotRecordingSettings;
import io.callbridge.rest.hubspot.recording.inject.HubSpotRecordingModules;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.LogCapture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    /** The tokens, clock and settings of {@code rig}, as a vendor binds them. */
    private static AbstractModule boundTo(Rig rig) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(HubSpotAccessTokens.class).toInstance(rig.tokens());
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(rig.clock);
                OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding()
                        .toInstance(rig.settings);
            }
        };
    }

    private static ServerSideExecutor executorOf(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<ServerSideExecutor>>() { })).iterator().next();
    }

    @Test
    void withoutAWrapUpTimeoutMakingTheExecutorWarnsOnceThatCallsNotWrappedUpAreNeverLogged() throws Exception {
        try (Rig rig = new Rig()) {
            List<String> log = LogCapture.of(() -> executorOf(Guice.createInjector(new CoreModule(), new Store(),
                    new HubSpotRestModule(), boundTo(rig))));
            assertThat(log).filteredOn(l -> LogCapture.at(l, "WARN") && l.contains("CoreSettings.wrapUpTimeout"))
                    .singleElement().satisfies(l -> assertThat(l).contains("never logged"));

            List<String> withTimeout = LogCapture.of(() -> executorOf(Guice.createInjector(new CoreModule(),
                    new Store(), new HubSpotRestModule(), boundTo(rig), new AbstractModule() {
                        @Override
                        protected void configure() {
                            OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding()
                                    .toInstance(CoreSettings.DEFAULTS.withWrapUpTimeout(Duration.ofMinutes(10)));
                        }
                    })));
            assertThat(withTimeout).noneMatch(l -> l.contains("wrapUpTimeout"));
        }
    }

    @Test
    void withRecordingsInstalledARecordedCallIsLoggedForTheAppAndHubSpotIsToldItsRecordingIsReady()
            throws InterruptedException {
        try (Rig rig = new Rig()) {
            // The account ids named without an app: the module takes the app of the recording endpoint.
            rig.settings = rig.settings.withExternalAccountIds(java.util.Map.of(Rig.PORTAL, "acme-eu-1"));
            long engagement = rig.hubspot.createEngagement(Rig.PORTAL, java.util.Map.of("hs_timestamp", "1"));
            HubSpotRecordingSettings recordingSettings = HubSpotRecordingSettings.of(42L, "app-client-secret",
                    "https://calls.acme.example/hubspot/recordings/%s").withApiBaseUrl(rig.baseUri());
            Injector injector = Guice.createInjector(new CoreModule(), new Store(), new HubSpotRestModule(),
                    HubSpotRecordingModules.recordings(recordingSettings), boundTo(rig), new AbstractModule() {
                        @Override
                        protected void configure() {
                            OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                                    .to(FakePhoneSystem.class);
                            bind(FakePhoneSystem.class).in(com.google.inject.Singleton.class);
                        }
                    });
            URI url = URI.create("https://media.pbx.example/rec/call-1.wav?sig=abc");
            Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null).toBuilder().recordingUrl(url).build();
            injector.getInstance(FakePhoneSystem.class).recordingAvailable(call.id(),
                    new CallRecording(url, "audio/wav", Duration.ofSeconds(90)));
            ServerSideExecutor executor = executorOf(injector);

            assertThat(executor.execute(Rig.owed(call), call)).isInstanceOf(ServerSideExecutor.Outcome.Done.class);

            assertThat(rig.recordings.ready()).containsExactly(
                    new HubSpotRecordingSimulator.Ready(Rig.PORTAL, engagement));
            // The app is the one whose recording endpoint is installed: HubSpot asks it for the recording.
            assertThat(rig.hubspot.call(engagement).orElseThrow().properties())
                    .containsEntry("hs_call_recording_url", url.toString())
                    .containsEntry("hs_call_app_id", "42")
                    .containsEntry("hs_call_external_account_id", "acme-eu-1")
                    .containsEntry("hs_call_source", "INTEGRATIONS_PLATFORM");

            // An unrecorded call is logged, and HubSpot is not told of a recording.
            long other = rig.hubspot.createEngagement(Rig.PORTAL, java.util.Map.of("hs_timestamp", "1"));
            Call unrecorded = rig.wrappedUp(Rig.PORTAL, other, null, null);
            assertThat(executor.execute(Rig.owed(unrecorded), unrecorded))
                    .isInstanceOf(ServerSideExecutor.Outcome.Done.class);
            assertThat(rig.recordings.ready()).hasSize(1);
            assertThat(rig.hubspot.call(other).orElseThrow().properties()).doesNotContainKey("hs_call_app_id");
        }
    }

    @Test
    void externalAccountIdsWithNoRecordingAppAnywhereAreRefusedNamingBothWaysToNameOne() {
        try (Rig rig = new Rig()) {
            rig.settings = rig.settings.withExternalAccountIds(java.util.Map.of(Rig.PORTAL, "acme-eu-1"));
            // They would be written on no call: a configuration error, not something to ignore.
            assertThatThrownBy(() -> executorOf(Guice.createInjector(new CoreModule(), new Store(),
                    new HubSpotRestModule(), boundTo(rig))))
                    .hasMessageContaining("externalAccountIds")
                    .hasMessageContaining("recordingAppId")
                    .hasMessageContaining("HubSpotRecordingModules");
        }
    }

    @Test
    void twoDifferentAppIdsForRecordingsAreRefusedNamingBoth() {
        try (Rig rig = new Rig()) {
            rig.settings = rig.settings.withRecordingApp(43L);
            assertThatThrownBy(() -> executorOf(Guice.createInjector(new CoreModule(), new Store(),
                    new HubSpotRestModule(), HubSpotRecordingModules.recordings(HubSpotRecordingSettings.of(42L,
                            "app-client-secret", "https://calls.acme.example/hubspot/recordings/%s")),
                    boundTo(rig))))
                    .hasMessageContaining("HubSpotRestSettings.recordingAppId")
                    .hasMessageContaining("HubSpotRecordingSettings.appId");
        }
    }
}
