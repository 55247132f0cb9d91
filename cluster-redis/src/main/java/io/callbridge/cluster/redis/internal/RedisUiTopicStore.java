package io.callbridge.cluster.redis.internal;

import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.UiTopicStore;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link UiTopicStore} in Redis: an agent's topics in a CRM are one hash {@code {P}:topics:v:<crm>:<agent>}
 * (topic → JSON), written by the {@code topics-put} script, which also publishes the topic's name on
 * {@code {P}:topics:live:<crm>:<agent>}. A node subscribes to that channel while one of its streams listens, and
 * calls the listeners (on a thread of its own) on every announcement, once the subscription is confirmed, and after
 * each reconnect of the pub/sub connection (announcements may have been lost meanwhile). The hash expires after the
 * retention.
 */
final class RedisUiTopicStore implements UiTopicStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisUiTopicStore.class);

    private final RedisClusterCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Scripts scripts;
    private final String root;
    private final String retentionMillis;
    private final ExecutorService dispatch;
    private final Object lock = new Object();
    /** Listeners per channel; guarded by lock (the lists are read without it). */
    private final Map<String, List<Runnable>> byChannel = new ConcurrentHashMap<>();
    /** The SUBSCRIBE of each channel in byChannel; guarded by lock. */
    private final Map<String, CompletableFuture<?>> subscriptions = new HashMap<>();
    private volatile boolean closed;

    private final RedisPubSubAdapter<String, String> announcements = new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
            tell(byChannel.get(channel));
        }
    };

    private final RedisConnectionStateListener reconnects = new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            byChannel.values().forEach(RedisUiTopicStore.this::tell);
        }
    };

    RedisUiTopicStore(RedisClusterCommands<String, String> redis, StatefulRedisPubSubConnection<String, String> pubsub,
            Scripts scripts, Keys keys, Duration retention) {
        this.redis = redis;
        this.pubsub = pubsub;
        this.scripts = scripts;
        this.root = keys.root() + "topics:";
        this.retentionMillis = Long.toString(retention.toMillis());
        this.dispatch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "callbridge-redis-topics");
            t.setDaemon(true);
            return t;
        });
        pubsub.addListener(announcements);
        pubsub.addListener(reconnects);
    }

    private String hash(AgentId agent, String crm) {
        return root + "v:" + crm + ":" + agent;
    }

    private String channel(AgentId agent, String crm) {
        return root + "live:" + crm + ":" + agent;
    }

    @Override
    public void put(AgentId agent, String crm, String topic, @Nullable String json) {
        scripts.topicsPut.run(redis, ScriptOutputType.INTEGER, new String[] {hash(agent, crm)}, topic,
                json == null ? "0" : "1", json == null ? "" : json, channel(agent, crm), retentionMillis);
    }

    @Override
    public Map<String, String> topics(AgentId agent, String crm) {
        return new HashMap<>(redis.hgetall(hash(agent, crm)));
    }

    @Override
    public Subscription listen(AgentId agent, String crm, Runnable onChange) {
        String channel = channel(agent, crm);
        CompletableFuture<?> subscribed;
        synchronized (lock) {
            List<Runnable> listeners = byChannel.get(channel);
            if (listeners == null) {
                listeners = new CopyOnWriteArrayList<>();
                byChannel.put(channel, listeners);
                // Sent under the lock, so a SUBSCRIBE and an UNSUBSCRIBE of one channel reach Redis in this order.
                subscriptions.put(channel, pubsub.async().subscribe(channel).toCompletableFuture());
            }
            listeners.add(onChange);
            subscribed = subscriptions.get(channel);
        }
        // A change made before the subscription took effect was not announced to this node: tell the new listener
        // once it has (or once it failed; the next reconnect tells it again).
        subscribed.whenComplete((ok, failed) -> {
            if (failed != null) {
                LOG.debug("subscribing to {} failed; the next reconnect tells the listeners", channel, failed);
            }
            tell(List.of(onChange));
        });
        return () -> {
            synchronized (lock) {
                List<Runnable> listeners = byChannel.get(channel);
                if (listeners != null && listeners.remove(onChange) && listeners.isEmpty()) {
                    byChannel.remove(channel);
                    subscriptions.remove(channel);
                    if (!closed) {
                        pubsub.async().unsubscribe(channel);
                    }
                }
            }
        };
    }

    private void tell(@Nullable List<Runnable> listeners) {
        if (listeners == null || listeners.isEmpty() || closed) {
            return;
        }
        try {
            dispatch.execute(() -> {
                for (Runnable listener : listeners) {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        LOG.warn("a UI topic listener failed", e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("not telling UI topic listeners: closing");
        }
    }

    @Override
    public void close() {
        closed = true;
        pubsub.removeListener(announcements);
        pubsub.removeListener(reconnects);
        dispatch.shutdownNow();
    }
}
