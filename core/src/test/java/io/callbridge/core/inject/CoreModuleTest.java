package io.callbridge.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.EngineThreads;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.internal.CallReconciler;
import io.callbridge.core.internal.ExecutorBridgeScheduler;
import io.callbridge.core.internal.Housekeeper;
import io.callbridge.core.internal.InMemoryVersionedStore;
import io.callbridge.core.internal.RecordingTelephonyProvider;
import io.callbridge.core.internal.ServerSideDeliveryService;
import io.callbridge.core.internal.UnconfiguredTelephonyProvider;
import io.callbridge.core.machine.ProviderRequest;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreModuleTest {
    private static final AgentId ALICE = AgentId.of("acme", "alice");

    private static Injector injector(com.google.inject.Module... overrides) {
        return Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                install(new CoreModule());
                for (com.google.inject.Module m : overrides) {
                    install(m);
                }
            }
        });
    }

    @Test
    void buildsWithExplicitBindingsOnlyAndSharesOneEngine() {
        Injector injector = injector();
        CallEngine engine = injector.getInstance(CallEngine.class);
        assertThat(injector.getInstance(CallEngine.class)).isSameAs(engine);
        assertThat(injector.getInstance(TelephonyEvents.class)).isSameAs(engine);
        assertThat(injector.getInstance(AgentEventRouter.class)).isSameAs(injector.getInstance(AgentEventRouter.class));
        assertThat(injector.getInstance(Key.get(CoreModule.CALL_STORE)))
                .isSameAs(injector.getInstance(Key.get(CoreModule.CALL_STORE)))
                .isInstanceOf(InMemoryVersionedStore.class);
        assertThat(injector.getInstance(TelephonyProvider.class)).isInstanceOf(UnconfiguredTelephonyProvider.class);
        assertThat(injector.getInstance(DeliveryStore.class)).as("one store of owed side effects per injector")
                .isSameAs(injector.getInstance(DeliveryStore.class));
        assertThat(injector.getInstance(CoreSettings.class)).isEqualTo(CoreSettings.DEFAULTS);
        assertThat(injector.getInstance(PhoneNumberParser.class).defaultRegion()).isEqualTo("US");
        Set<Service> services = injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() { }));
        assertThat(services).as("in start order").containsExactly(injector.getInstance(Housekeeper.class),
                injector.getInstance(ExecutorBridgeScheduler.class), injector.getInstance(CallReconciler.class),
                injector.getInstance(ServerSideDeliveryService.class));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<ServerSideExecutor>>() { })))
                .as("declared empty, so it always resolves").isEmpty();
        assertThat(injector.getInstance(ServerSideSettings.class)).isEqualTo(ServerSideSettings.DEFAULTS);
        assertThat(injector.getInstance(CrmStateStore.class)).as("one per injector")
                .isSameAs(injector.getInstance(CrmStateStore.class));
        assertThat(injector.getInstance(BridgeScheduler.class)).isSameAs(
                injector.getInstance(ExecutorBridgeScheduler.class));
        assertThat(injector.getInstance(EngineThreads.class)).isEqualTo(EngineThreads.perCore());
    }

    @Test
    void withoutAPhoneSystemADialFailsVisibly() {
        CallEngine engine = injector().getInstance(CallEngine.class);
        engine.execute(new AgentCommand.LogIn(ALICE));
        PhoneNumberParser phones = new PhoneNumberParser("US");
        CommandResult r = engine.execute(Dial.to(ALICE, phones.parse("+14155551212")));
        Call call = engine.call(r.createdCall().orElseThrow().id()).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.endStatus()).isEqualTo(EndStatus.FAILED);
    }

    @Test
    void optionalBinderOverridesTakeEffect() {
        RecordingTelephonyProvider phone = new RecordingTelephonyProvider();
        Instant fixed = Instant.parse("2025-06-01T12:00:00Z");
        CoreSettings settings = CoreSettings.DEFAULTS.withDefaultRegion("GB").withEventsKeptPerAgent(7);
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding().toInstance(phone);
                OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding()
                        .toInstance(Clock.fixed(fixed, ZoneOffset.UTC));
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(settings);
                OptionalBinder.newOptionalBinder(binder(), EngineThreads.class).setBinding()
                        .toInstance(new EngineThreads(9));
            }
        });
        assertThat(injector.getInstance(EngineThreads.class)).isEqualTo(new EngineThreads(9));
        assertThat(injector.getInstance(TelephonyProvider.class)).isSameAs(phone);
        assertThat(injector.getInstance(CoreSettings.class)).isSameAs(settings);
        PhoneNumberParser parser = injector.getInstance(PhoneNumberParser.class);
        assertThat(parser.defaultRegion()).isEqualTo("GB");

        CallEngine engine = injector.getInstance(CallEngine.class);
        engine.execute(new AgentCommand.LogIn(ALICE));
        CommandResult r = engine.execute(Dial.to(ALICE, parser.parse("020 7946 0958")));
        Call call = r.createdCall().orElseThrow();
        assertThat(call.createdAt()).isEqualTo(fixed);
        assertThat(engine.call(call.id()).orElseThrow().state()).isEqualTo(CallState.QUEUED);
        assertThat(phone.requests()).containsExactly(
                new ProviderRequest.PlaceCall(call.id(), ALICE, null, call.to()));
        assertThat(call.to().e164()).isEqualTo("+442079460958");
        assertThat(((CommandResult.Accepted) r).events()).allMatch(e -> e.occurredAt().equals(fixed));
    }
}
