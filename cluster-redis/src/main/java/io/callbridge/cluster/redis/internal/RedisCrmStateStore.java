package io.callbridge.cluster.redis.internal;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CrmStateStore} in Redis, shared by every node: each value is a hash
 * {@code {P}:crmstate:v:<namespace length>:<namespace>:<key>} with {@code ver} and {@code value}, written by one
 * script that compares the version, writes the next one and sets Redis's own expiry ({@code PEXPIRE}) together. The
 * expiry is Redis's clock, so it holds whichever node wrote the value and whether or not any node runs.
 */
final class RedisCrmStateStore implements CrmStateStore {
    private final RedisClusterCommands<String, String> redis;
    private final Scripts scripts;
    private final Keys keys;

    RedisCrmStateStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys) {
        this.redis = redis;
        this.scripts = scripts;
        this.keys = keys;
    }

    @Override
    public Optional<Versioned<String>> get(String namespace, String key) {
        List<KeyValue<String, String>> fields = redis.hmget(name(namespace, key), "ver", "value");
        if (!fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(fields.get(1).getValue(), Long.parseLong(fields.get(0).getValue())));
    }

    @Override
    public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
            Duration ttl) {
        String name = name(namespace, key);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative, was " + expectedVersion);
        }
        // Redis's expiry counts milliseconds: a positive ttl below one lasts one.
        long millis = Math.max(1, ttl.toMillis());
        Long version = scripts.crmStateCas.run(redis, ScriptOutputType.INTEGER, new String[] {name},
                Long.toString(expectedVersion), value, Long.toString(millis));
        return version == null || version < 0 ? Optional.empty() : Optional.of(version);
    }

    @Override
    public boolean remove(String namespace, String key, long expectedVersion) {
        Long removed = scripts.crmStateRemove.run(redis, ScriptOutputType.INTEGER,
                new String[] {name(namespace, key)}, Long.toString(expectedVersion));
        return removed != null && removed == 1;
    }

    private String name(String namespace, String key) {
        return keys.crmState(CrmStateStore.checkName("namespace", namespace), CrmStateStore.checkName("key", key));
    }
}
