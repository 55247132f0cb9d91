package io.callbridge.cluster.redis.internal;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import io.callbridge.testkit.contract.AgentEventRouterContract;
import io.callbridge.testkit.contract.DeliveryStoreContract;
import io.callbridge.testkit.contract.VersionedStoreContract;
import io.callbridge.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis implementations against testkit's port contracts, on a real redis-server; each test in a fresh prefix. */
class RedisPortsContractTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private Backends backends;

    private Backends backends() {
        if (backends == null) {
            backends = new Backends(redis.server());
        }
        return backends;
    }

    @AfterEach
    void disconnect() {
        if (backends != null) {
            backends.close();
            backends = null;
        }
    }

    private RedisBackend fresh() {
        return backends().fresh(CoreSettings.DEFAULTS.eventsKeptPerAgent());
    }

    @Nested
    class Calls extends VersionedStoreContract.OfCalls {
        @Override
        protected VersionedStore<CallId, Call> createStore() {
            return fresh().calls();
        }
    }

    @Nested
    class Agents extends VersionedStoreContract.OfAgents {
        @Override
        protected VersionedStore<AgentId, Agent> createStore() {
            return fresh().agents();
        }
    }

    @Nested
    class WorkItems extends VersionedStoreContract.OfWorkItems {
        @Override
        protected VersionedStore<WorkItemKey, WorkItem> createStore() {
            return fresh().workItems();
        }
    }

    @Nested
    class Router extends AgentEventRouterContract {
        @Override
        protected AgentEventRouter createRouter(int eventsKept) {
            return backends().fresh(eventsKept).events();
        }
    }

    @Nested
    class Deliveries extends DeliveryStoreContract {
        @Override
        protected DeliveryStore createStore() {
            return fresh().deliveries();
        }
    }
}
