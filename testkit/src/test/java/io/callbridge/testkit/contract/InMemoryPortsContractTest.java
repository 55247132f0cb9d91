package io.callbridge.testkit.contract;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import io.callbridge.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * Core's in-memory defaults against the port contracts, obtained as a vendor would: through {@link CoreModule}'s
 * bindings (and {@link DeliveryStore#inMemory()}), never through {@code core.internal}.
 */
class InMemoryPortsContractTest {

    private static Injector core(CoreSettings settings) {
        return Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), CoreSettings.class).setBinding().toInstance(settings);
            }
        });
    }

    @Nested
    class Calls extends VersionedStoreContract.OfCalls {
        @Override
        protected VersionedStore<CallId, Call> createStore() {
            return core(CoreSettings.DEFAULTS).getInstance(Key.get(CoreModule.CALL_STORE));
        }
    }

    @Nested
    class Agents extends VersionedStoreContract.OfAgents {
        @Override
        protected VersionedStore<AgentId, Agent> createStore() {
            return core(CoreSettings.DEFAULTS).getInstance(Key.get(CoreModule.AGENT_STORE));
        }
    }

    @Nested
    class WorkItems extends VersionedStoreContract.OfWorkItems {
        @Override
        protected VersionedStore<WorkItemKey, WorkItem> createStore() {
            return core(CoreSettings.DEFAULTS).getInstance(Key.get(CoreModule.WORK_STORE));
        }
    }

    @Nested
    class Router extends AgentEventRouterContract {
        @Override
        protected AgentEventRouter createRouter(int eventsKept) {
            return core(CoreSettings.DEFAULTS.withEventsKeptPerAgent(eventsKept)).getInstance(AgentEventRouter.class);
        }
    }

    @Nested
    class CrmStates extends CrmStateStoreContract {
        private final MutableClock clock = MutableClock.atDefaultStart();

        @Override
        protected CrmStateStore createStore() {
            return Guice.createInjector(new CoreModule(), binder -> OptionalBinder.newOptionalBinder(binder,
                    Clock.class).setBinding().toInstance(clock)).getInstance(CrmStateStore.class);
        }

        @Override
        protected void elapse(Duration time) {
            clock.advance(time);
        }
    }

    @Nested
    class Deliveries extends DeliveryStoreContract {
        @Override
        protected DeliveryStore createStore() {
            return DeliveryStore.inMemory();
        }
    }
}
