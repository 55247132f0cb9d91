package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.testkit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCommandsTest {
    private static final String INFO = "# Commandstats\r\n"
            + "cmdstat_evalsha:calls=120,usec=900,usec_per_call=7.50,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_hmget:calls=300,usec=300,usec_per_call=1.00,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_info:calls=2,usec=50,usec_per_call=25.00,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_config|get:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0\r\n";

    @Test
    void readsCommandstatsAndSubtracts() {
        RedisCommands later = RedisCommands.parse(INFO);
        assertThat(later.calls()).containsEntry("evalsha", 120L).containsEntry("hmget", 300L)
                .containsEntry("config|get", 1L);
        RedisCommands earlier = new RedisCommands(Map.of("evalsha", 20L, "hmget", 300L, "info", 1L));
        RedisCommands window = later.minus(earlier);
        assertThat(window.calls()).containsOnlyKeys("evalsha", "info", "config|get").containsEntry("evalsha", 100L);
        assertThat(window.total()).isEqualTo(102);
    }

    @Test
    void perCallLeavesOutTheGeneratorsOwnInfoAndSortsLargestFirst() {
        RedisCommands window = new RedisCommands(Map.of("evalsha", 100L, "hmget", 300L, "info", 1L));
        RedisUse use = RedisUse.of("redis://host", 2, window, 50, 10, 7);
        assertThat(use.commands()).isEqualTo(400);
        assertThat(use.commandsPerCall()).isEqualTo(8.0);
        assertThat(use.commandsPerSecond()).isEqualTo(40.0);
        assertThat(use.perCallByCommand().keySet()).containsExactly("hmget", "evalsha");
        assertThat(use.perCallByCommand()).containsEntry("hmget", 6.0).containsEntry("evalsha", 2.0);
        assertThat(use.phoneReportsForwarded()).isEqualTo(7);
    }

    @Test
    void countsWhatARealRedisRanBetweenTwoReadings() {
        try (RedisServer redis = RedisServer.builder().start(); RedisStats stats = RedisStats.connect(redis.uri())) {
            RedisCommands before = stats.commands();
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                for (int i = 0; i < 5; i++) {
                    c.sync().set("k" + i, "v");
                }
                c.sync().get("k1");
            } finally {
                client.shutdown();
            }
            RedisCommands window = stats.commands().minus(before);
            assertThat(window.calls()).containsEntry("set", 5L).containsEntry("get", 1L);
            // The first reading's own INFO is counted in the window; RedisUse leaves it out.
            assertThat(RedisUse.of("r", 1, window, 1, 1, 0).perCallByCommand()).doesNotContainKey("info");
        }
    }
}
