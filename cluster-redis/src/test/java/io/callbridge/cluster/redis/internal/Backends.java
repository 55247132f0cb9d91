package io.callbridge.cluster.redis.internal;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.testkit.redis.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backends ("nodes") a test makes on one redis-server, each under a key prefix of the test's own unless it asks for a
 * shared one; {@link #close()} disconnects them all.
 */
final class Backends implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final Function<String, RedisSettings> settings;
    private final List<RedisBackend> open = new ArrayList<>();

    Backends(RedisServer server) {
        this(prefix -> RedisSettings.of(server.uri()).withKeyPrefix(prefix));
    }

    /** Backends of another topology (TLS, Sentinel, Cluster): the settings of a deployment under a prefix. */
    Backends(Function<String, RedisSettings> settings) {
        this.settings = settings;
    }

    static String newPrefix() {
        return "test-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
    }

    /** A backend ("a node") of the deployment under {@code prefix} with these settings' retention. */
    synchronized RedisBackend node(String prefix, int eventsKept, java.time.Duration retention) {
        RedisBackend backend = RedisBackend.connect(settings.apply(prefix).withRetention(retention),
                CoreSettings.DEFAULTS.withEventsKeptPerAgent(eventsKept));
        open.add(backend);
        return backend;
    }

    /** A backend under a prefix no other backend uses: an empty deployment. */
    RedisBackend fresh(int eventsKept) {
        return node(newPrefix(), eventsKept);
    }

    /** A backend ("a node") of the deployment under {@code prefix}. */
    synchronized RedisBackend node(String prefix, int eventsKept) {
        RedisBackend backend = RedisBackend.connect(settings.apply(prefix),
                CoreSettings.DEFAULTS.withEventsKeptPerAgent(eventsKept));
        open.add(backend);
        return backend;
    }

    @Override
    public synchronized void close() {
        open.forEach(RedisBackend::close);
        open.clear();
    }
}
