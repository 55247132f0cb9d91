package io.callbridge.cluster.redis;

import static java.util.Map.entry;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsWithersTest {

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt() throws Exception {
        Withers.check(RedisSettings.of("redis://localhost:6379/0"), Map.ofEntries(
                entry("uri", "rediss://:secret@redis.internal:6380/1"),
                entry("keyPrefix", "acme-prod"),
                entry("commandTimeout", Duration.ofMillis(500))),
                Map.of(),
                Map.ofEntries(
                        entry("uri", "http://localhost"),
                        entry("keyPrefix", "has space"),
                        entry("commandTimeout", Duration.ofMinutes(2))));
    }
}
