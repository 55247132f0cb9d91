package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StorageComparisonTest {

    private static RunResult run(String name, double callsPerSecond, double cpuPerFrame, long p99) {
        return new RunResult(name, 200, 200, 1, callsPerSecond, 850, 425, 425, 400,
                Map.of(LoadReport.PHONE_TO_INVOKE, new Percentiles(100, 300, 900, p99, p99 * 2, p99 * 3, 400),
                        LoadReport.DIAL_TO_ACK, new Percentiles(100, 900, 2_000, 4_000, 5_000, 6_000, 1_000)),
                Map.of(), 1, 2, 3, 4, 5, 0.5, cpuPerFrame, 0.2, GcPauses.NONE);
    }

    private static final RunResult ECHO = new RunResult("raw-echo", 200, 200, 1, 0, 850, 425, 425, 350,
            Map.of(LoadReport.ECHO_ROUND_TRIP, new Percentiles(100, 250, 600, 1_200, 2_000, 3_000, 300)), Map.of(), 1,
            2, 3, 4, 0, 0.2, 200, 0.2, GcPauses.NONE);

    @Test
    void theThreeSetUpsStandSideBySide() {
        RedisUse redis1 = RedisUse.of("redis-server", 1, new RedisCommands(Map.of("evalsha", 2_500L)), 500, 10, 0);
        RedisUse redis2 = RedisUse.of("redis-server", 2, new RedisCommands(Map.of("evalsha", 2_000L)), 400, 10, 900);
        StorageComparison.Result r = new StorageComparison.Result(List.of(
                new StorageComparison.Run("1 node, in memory", LoadReport.of(Map.of("loadAverage1m", "3.1 before"),
                        Map.of(), run("callbridge", 50, 500, 20_000), ECHO)),
                new StorageComparison.Run("1 node, Redis", LoadReport.of(Map.of(), Map.of(),
                        run("callbridge", 47, 1_500, 90_000), null, redis1)),
                new StorageComparison.Run("2 nodes, Redis", LoadReport.of(Map.of(), Map.of(),
                        run("callbridge x2", 40, 2_000, 900_000), null, redis2))));
        String md = r.toMarkdown();
        assertThat(md).startsWith("| metric | 1 node, in memory | 1 node, Redis | 2 nodes, Redis |\n|---|---:|---:|---:|\n");
        assertThat(md).contains("| phone event → invocation p50 / p99 / p99.9 (µs) | 300 / 20000 / 40000 | 300 / 90000"
                + " / 180000 | 300 / 900000 / 1800000 |");
        assertThat(md).contains("| Redis commands per call | - | 5.0 | 5.0 |");
        assertThat(md).contains("| 1-minute load average | 3.1 before | ? | ? |");
        assertThat(md).contains("raw echo at 850 frames/s: round trip p50 / p99 / p99.9 250 / 1200 / 2000 µs");
        assertThat(md).contains("one node on Redis / in memory 0.94×, 2 nodes, Redis / one node on Redis 0.85×");
        assertThat(JsonMapper.builder().build().readTree(r.toJson()).path("runs").size()).isEqualTo(3);
    }
}
