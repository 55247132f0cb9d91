package io.callbridge.testkit.redis;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Redis topology of several processes ({@link RedisSentinelGroup}, {@link RedisClusterGroup}) around every
 * test of a class; register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisTopologyExtension<RedisSentinelGroup> sentinel = RedisTopologyExtension.sentinel(2);
 * }</pre>
 *
 * (A single server, with or without TLS, is {@link RedisServerExtension}.)
 */
public final class RedisTopologyExtension<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<T> start;
    private @Nullable T topology;

    private RedisTopologyExtension(Supplier<T> start) {
        this.start = start;
    }

    /** A master, a replica and {@code sentinels} sentinels. */
    public static RedisTopologyExtension<RedisSentinelGroup> sentinel(int sentinels) {
        return new RedisTopologyExtension<>(() -> RedisSentinelGroup.start(sentinels));
    }

    /** A Redis Cluster of {@code masters} masters. */
    public static RedisTopologyExtension<RedisClusterGroup> cluster(int masters) {
        return new RedisTopologyExtension<>(() -> RedisClusterGroup.start(masters));
    }

    public synchronized T get() {
        return Objects.requireNonNull(topology, "register this extension with @RegisterExtension on a static field");
    }

    @Override
    public synchronized void beforeAll(@Nullable ExtensionContext context) {
        topology = start.get();
    }

    @Override
    public synchronized void afterAll(@Nullable ExtensionContext context) throws Exception {
        if (topology != null) {
            topology.close();
            topology = null;
        }
    }
}
