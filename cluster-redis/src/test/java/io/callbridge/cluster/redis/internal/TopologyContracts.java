package io.callbridge.cluster.redis.internal;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.CoreSettings;
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
import io.callbridge.testkit.contract.AgentEventRouterContract;
import io.callbridge.testkit.contract.CrmStateStoreContract;
import io.callbridge.testkit.contract.DeliveryStoreContract;
import io.callbridge.testkit.contract.VersionedStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * testkit's port contracts against the Redis implementations on one topology (a plain server, TLS,
 * Sentinel, Cluster): a subclass says how a deployment under a prefix connects. Each test in a fresh prefix.
 */
abstract class TopologyContracts {
    private Backends backends;

    /** How a node of the deployment under {@code prefix} connects. */
    protected abstract RedisSettings settings(String prefix);

    protected final Backends backends() {
        if (backends == null) {
            backends = new Backends(this::settings);
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

    /** On Redis's own clock: the contract waits its short time to live out for real. */
    @Nested
    class CrmStates extends CrmStateStoreContract {
        @Override
        protected CrmStateStore createStore() {
            return fresh().crmStates();
        }
    }
}
