package io.callbridge.cluster.redis.internal;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis implementations against testkit's port contracts, on one plain real redis-server (the other topologies
 * are {@code TlsTest}, {@code SentinelTest} and {@code RedisClusterTest}); each test in a fresh prefix.
 */
class RedisPortsContractTest extends TopologyContracts {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    @Override
    protected RedisSettings settings(String prefix) {
        return RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix);
    }
}
