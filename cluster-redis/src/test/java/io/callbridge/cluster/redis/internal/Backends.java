package io.callbridge.cluster.redis.internal;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.testkit.redis.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backends ("nodes") a test makes on one redis-server, each under a key prefix of the test's own unless it asks for a
 * shared one; {@link #close()} disconnects them all.
 */
final class Backends implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final RedisServer server;
    private final List<RedisBackend> open = new ArrayList<>();

    Backends(RedisServer server) {
        this.server = server;
    }

    static String newPrefix() {
        return "test-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
    }

    /** A backend under a prefix no other backend uses: an empty deployment. */
    RedisBackend fresh(int eventsKept) {
        return node(newPrefix(), eventsKept);
    }

    /** A backend ("a node") of the deployment under {@code prefix}. */
    synchronized RedisBackend node(String prefix, int eventsKept) {
        RedisBackend backend = RedisBackend.connect(RedisSettings.of(server.uri()).withKeyPrefix(prefix),
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
