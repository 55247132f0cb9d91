package io.callbridge.cluster.redis.internal;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.Service;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.UiTopicStore;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployment's connection to Redis and the port implementations on it: the three stores, the event router, the
 * store of owed side effects and the housekeeping lease. Not API (see the package); {@code RedisClusterModule} makes one per injector.
 *
 * <p>Two connections: one for every command (Lettuce multiplexes it; it is thread-safe) and one for pub/sub, which
 * a subscribed connection needs to itself. While Redis is unreachable, commands fail at once instead of queueing
 * (bounded memory), as core's {@code StoreUnavailableException} (see {@link Unavailability}), and Lettuce reconnects
 * every second at most.
 */
public final class RedisBackend implements Service, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);
    /**
     * How many of each agent's most recently closed calls the calls store lists, newest first: what a softphone's
     * snapshot reads besides the open calls (it shows five), with room for a page that shows more.
     */
    static final int RECENT_CALLS_KEPT = 20;

    private final RedisSettings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> commands;
    /** The command connection's own synchronous API (standalone or cluster), for the store's health check. */
    private final RedisClusterCommands<String, String> sync;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final RedisVersionedStore<CallId, Call> calls;
    private final RedisVersionedStore<AgentId, Agent> agents;
    private final RedisVersionedStore<WorkItemKey, WorkItem> workItems;
    private final RedisAgentEventRouter events;
    private final RedisDeliveryStore deliveries;
    private final RedisHousekeepingLease housekeepingLease;
    private final HealthCheck storeHealth = newStoreHealth();
    private final RedisSigningKeyStore signingKeys;
    private final RedisUiTopicStore uiTopics;
    private final RedisCrmStateStore crmStates;
    private boolean closed;

    private RedisBackend(RedisSettings settings, CoreSettings core, ClientResources resources,
            AbstractRedisClient client, StatefulConnection<String, String> commands,
            RedisClusterCommands<String, String> sync, StatefulRedisPubSubConnection<String, String> pubsub) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.sync = sync;
        this.pubsub = pubsub;
        Keys keys = new Keys(settings.keyPrefix());
        Scripts scripts = new Scripts();
        StoredJson json = new StoredJson();
        RedisClusterCommands<String, String> redis = Unavailability.guard(sync, settings.redactedUri());
        Unannounced unannounced = new Unannounced();
        this.events = new RedisAgentEventRouter(redis, pubsub, scripts, keys, json, core.eventsKeptPerAgent(),
                settings.commandTimeout(), unannounced, settings.retention(), settings.engineThreads());
        this.calls = new RedisVersionedStore<>(redis, scripts, keys, "call", json.calls, CallId::value, unannounced,
                events, RECENT_CALLS_KEPT);
        // An agent logged out and idle is forgotten after the retention (core reads a missing agent as logged out).
        this.agents = new RedisVersionedStore<>(redis, scripts, keys, "agent", json.agents, AgentId::toString,
                unannounced, events, agent -> !agent.loggedIn() && agent.activity() == Activity.IDLE
                        && agent.pendingPresence() == null, settings.retention());
        this.workItems = new RedisVersionedStore<>(redis, scripts, keys, "work", json.workItems,
                k -> k.agent() + "/" + k.id().value(), unannounced, events, 0);
        events.readStatesOf(calls, agents, workItems);
        this.deliveries = new RedisDeliveryStore(redis, scripts, keys);
        this.housekeepingLease = new RedisHousekeepingLease(redis, scripts, keys);
        this.signingKeys = new RedisSigningKeyStore(redis, scripts, keys);
        this.uiTopics = new RedisUiTopicStore(redis, pubsub, scripts, keys, settings.retention());
        this.crmStates = new RedisCrmStateStore(redis, scripts, keys);
    }

    /**
     * Connects to Redis and checks that it answers.
     *
     * @throws IllegalStateException naming the URI (password masked) when Redis is unreachable, refuses the password
     *     or does not answer in time; nothing is left running then
     */
    public static RedisBackend connect(RedisSettings settings, CoreSettings core) {
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.uri());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to Redis at " + settings.redactedUri() + ": "
                    + rootMessage(e), e);
        }
        uri.setTimeout(settings.commandTimeout());
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.commandTimeout()).keepAlive(true)
                .build();
        SslOptions ssl = settings.trustedCertificates() == null ? SslOptions.create()
                : SslOptions.builder().jdkSslProvider().trustManager(settings.trustedCertificates().toFile()).build();
        AbstractRedisClient client;
        StatefulConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> pubsub = null;
        if (settings.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uri);
            cluster.setOptions(ClusterClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .sslOptions(ssl)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    // Follows a failover or a resharding: on MOVED/ASK and lost connections, and every 10 s.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(10))
                            .build())
                    .build());
            client = cluster;
        } else {
            RedisClient standalone = RedisClient.create(resources, uri);
            standalone.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .sslOptions(ssl)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    .build());
            client = standalone;
        }
        try {
            RedisClusterCommands<String, String> sync;
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, String> connection = cluster.connect();
                commands = connection;
                sync = connection.sync();
                sync.ping();
                // Lettuce connects to each node lazily, and with REJECT_COMMANDS refuses a command whose node
                // connection is still being made: make the connection to the node of the deployment's hash slot now
                // (a harmless write there, retried until the connection is up or the timeout has passed).
                warmUp(sync, new Keys(settings.keyPrefix()).root() + "connect", settings.commandTimeout());
                pubsub = cluster.connectPubSub();
            } else {
                RedisClient standalone = (RedisClient) client;
                StatefulRedisConnection<String, String> connection = standalone.connect();
                commands = connection;
                sync = connection.sync();
                sync.ping();
                pubsub = standalone.connectPubSub();
            }
            RedisBackend backend = new RedisBackend(settings, core, resources, client, commands, sync, pubsub);
            LOG.info("callbridge state in Redis at {} under key prefix {}{}", settings.redactedUri(),
                    settings.keyPrefix(), settings.cluster() ? " (Redis Cluster)" : settings.sentinel()
                            ? " (through Sentinel)" : "");
            return backend;
        } catch (RuntimeException e) {
            closeQuietly(pubsub);
            closeQuietly(commands);
            shutdown(client, resources);
            throw new IllegalStateException("cannot connect to Redis at " + settings.redactedUri() + ": "
                    + rootMessage(e), e);
        }
    }

    private static void warmUp(RedisClusterCommands<String, String> sync, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                sync.del(key);
                return;
            } catch (RedisException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public VersionedStore<CallId, Call> calls() {
        return calls;
    }

    /**
     * Readiness's check of the state store: a PING on the commands connection, and the pub/sub connection open. The
     * detail names the (masked) URI and the failure's kind, never the password.
     */
    public HealthCheck storeHealth() {
        return storeHealth;
    }

    private HealthCheck newStoreHealth() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "store";
            }

            @Override
            public Status check() {
                try {
                    sync.ping();
                } catch (RuntimeException e) {
                    return Status.down("Redis at " + settings.redactedUri() + " did not answer PING ("
                            + e.getClass().getSimpleName() + ")");
                }
                if (!pubsub.isOpen()) {
                    return Status.down("the pub/sub connection to Redis at " + settings.redactedUri() + " is down");
                }
                return Status.up();
            }
        };
    }

    public VersionedStore<AgentId, Agent> agents() {
        return agents;
    }

    public VersionedStore<WorkItemKey, WorkItem> workItems() {
        return workItems;
    }

    public AgentEventRouter events() {
        return events;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public HousekeepingLease housekeepingLease() {
        return housekeepingLease;
    }

    /** The deployment's agent-token signing keys, shared by every node. */
    public SigningKeyStore signingKeys() {
        return signingKeys;
    }

    /** Adapters' softphone topics, shared by every node. */
    public UiTopicStore uiTopics() {
        return uiTopics;
    }

    /** CRM integrations' tokens and ledgers, shared by every node. */
    public CrmStateStore crmStates() {
        return crmStates;
    }

    /** Connected at construction already; nothing more to start. */
    @Override
    public void start() {
    }

    @Override
    public void stop() {
        close();
    }

    /** Stops following events and closes the connections. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        events.close();
        uiTopics.close();
        closeQuietly(pubsub);
        closeQuietly(commands);
        shutdown(client, resources);
        LOG.info("disconnected from Redis at {}", settings.redactedUri());
    }

    private static void closeQuietly(@Nullable AutoCloseable connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("closing a Redis connection failed", e);
        }
    }

    private static void shutdown(AbstractRedisClient client, ClientResources resources) {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && message.indexOf(root.getMessage()) < 0) {
                message.append(": ").append(root.getMessage());
            }
        }
        return message.toString();
    }
}
