package io.callbridge.operations;

import static io.callbridge.operations.Setting.bool;
import static io.callbridge.operations.Setting.duration;
import static io.callbridge.operations.Setting.require;
import static io.callbridge.operations.Setting.text;

import io.callbridge.cluster.redis.RedisSettings;
import java.nio.file.Path;
import java.util.List;

/** The keys of {@link RedisSettings}: none set means no Redis (state in memory). */
final class RedisKeys {
    private RedisKeys() {
    }

    static List<Setting<RedisSettings>> settings() {
        return List.of(
                Setting.<RedisSettings>secret("redis.uri", "URI", "(none: state in memory)",
                        "keep state in Redis at this URI, e.g. redis://:PASSWORD@redis.internal:6379 or rediss://...",
                        (s, t) -> RedisSettings.of(text(t))),
                Setting.<RedisSettings>of("redis.key-prefix", "text", "callbridge",
                        "prefix of every key, so deployments can share a Redis",
                        (s, t) -> require(s, "redis.uri").withKeyPrefix(text(t))),
                Setting.<RedisSettings>of("redis.command-timeout", "duration", "2s",
                        "how long a Redis command may take", (s, t) -> require(s, "redis.uri")
                                .withCommandTimeout(duration(t))),
                Setting.<RedisSettings>of("redis.trusted-certificates", "PEM file", "(the JDK's trust store)",
                        "CA certificates to trust for rediss:// URIs", (s, t) -> require(s, "redis.uri")
                                .withTrustedCertificates(Path.of(text(t)))),
                Setting.<RedisSettings>of("redis.cluster", "boolean", "false",
                        "whether the URI names a Redis Cluster", (s, t) -> require(s, "redis.uri")
                                .withCluster(bool(t))),
                Setting.<RedisSettings>of("redis.retention", "duration", "7d",
                        "how long Redis keeps an idle agent's events and data", (s, t) -> require(s, "redis.uri")
                                .withRetention(duration(t))));
    }
}
