package io.callbridge.cluster.redis.internal;

import io.callbridge.core.spi.HousekeepingLease;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;

/**
 * Core's {@link HousekeepingLease} in Redis: one string {@code {P}:housekeeping:lease} holding the holder's name, with
 * Redis's own expiry. Taking or renewing it and giving it up are each one script ({@code lease-acquire},
 * {@code lease-release}), so two nodes never both hold it.
 */
final class RedisHousekeepingLease implements HousekeepingLease {
    private final RedisClusterCommands<String, String> redis;
    private final Scripts scripts;
    private final String key;

    RedisHousekeepingLease(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys) {
        this.redis = redis;
        this.scripts = scripts;
        this.key = keys.housekeepingLease();
    }

    @Override
    public boolean acquire(String holder, Duration ttl) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least a millisecond");
        }
        Long held = scripts.leaseAcquire.run(redis, ScriptOutputType.INTEGER, new String[] {key}, holder,
                Long.toString(ttl.toMillis()));
        return held != null && held == 1;
    }

    @Override
    public void release(String holder) {
        scripts.leaseRelease.run(redis, ScriptOutputType.INTEGER, new String[] {key}, holder);
    }
}
