package io.callbridge.cluster.redis;

import static java.util.Map.entry;

import io.callbridge.testkit.SettingsWithers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSettingsWithersTest {

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("redis-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        SettingsWithers.check(RedisSettings.of("rediss://localhost:6379/0"), Map.ofEntries(
                entry("uri", "rediss://:secret@redis.internal:6380/1"),
                entry("keyPrefix", "acme-prod"),
                entry("commandTimeout", Duration.ofMillis(500)),
                entry("trustedCertificates", pem),
                entry("cluster", true),
                entry("retention", Duration.ofDays(1)),
                entry("engineThreads", 40)),
                Map.of(),
                Map.ofEntries(
                        entry("uri", "http://localhost"),
                        entry("keyPrefix", "has space"),
                        entry("commandTimeout", Duration.ofMinutes(2)),
                        entry("retention", Duration.ZERO),
                        entry("engineThreads", 0)));
    }
}
