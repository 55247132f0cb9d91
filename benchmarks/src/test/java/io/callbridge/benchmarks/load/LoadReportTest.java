package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoadReportTest {
    private static final long MIB = 1024 * 1024;

    private static RunResult project(int sessions, long heapIdle, long perSession, double framesPerSecond) {
        return new RunResult("callbridge", sessions, sessions, 1.5, 200, framesPerSecond, framesPerSecond / 2,
                framesPerSecond / 2, 400,
                Map.of(LoadReport.PHONE_TO_INVOKE, new Percentiles(10, 1_000, 2_000, 3_000, 4_000, 5_000, 1_100),
                        LoadReport.DIAL_TO_ACK, new Percentiles(10, 2_000, 3_000, 6_000, 7_000, 8_000, 2_100)),
                Map.of(), heapIdle, heapIdle + perSession * sessions, heapIdle + perSession * sessions, perSession,
                2_000, 0.8, 120, 0.5, new GcPauses(4, 60, 25));
    }

    private static RunResult echo(int sessions, double framesPerSecond) {
        return new RunResult("raw-echo", sessions, sessions, 0.5, 0, framesPerSecond, framesPerSecond / 2,
                framesPerSecond / 2, 400,
                Map.of(LoadReport.ECHO_ROUND_TRIP, new Percentiles(10, 500, 1_000, 2_000, 2_500, 3_000, 600)),
                Map.of("send failed", 1L), 10 * MIB, 10 * MIB + 5_000L * sessions, 10 * MIB, 5_000, 0, 0.2, 40, 0.4,
                GcPauses.NONE);
    }

    @Test
    void ratiosAreProjectOverEcho() {
        LoadReport report = LoadReport.of(Map.of(), Map.of(), project(1000, 20 * MIB, 40_000, 5_000),
                echo(1000, 5_000));
        assertThat(report.ratios()).containsEntry("p50 phoneEventToInvoke / echo", 2.0)
                .containsEntry("p99 phoneEventToInvoke / echo", 1.5)
                .containsEntry("p99 dialToAck / echo", 3.0)
                .containsEntry("heap per session / echo", 8.0)
                .containsEntry("server CPU per frame / echo", 3.0);
    }

    @Test
    void targetsSayWhetherTheyWereMetAndHow() {
        LoadReport met = LoadReport.of(Map.of(), Map.of(), project(1000, 20 * MIB, 40_000, 5_000), echo(1000, 5_000));
        assertThat(met.targets().get("10,000 sessions in <= 1 GiB heap")).startsWith("met (projected from 1000");
        assertThat(met.targets().get("p99 <= 2x raw echo at 5,000 msg/s")).startsWith("met (1.50x at 5000");

        LoadReport missed = LoadReport.of(Map.of(), Map.of(), project(10_000, 20 * MIB, 120_000, 1_000),
                echo(10_000, 1_000));
        assertThat(missed.targets().get("10,000 sessions in <= 1 GiB heap")).startsWith("missed (measured 10000");
        assertThat(missed.targets().get("p99 <= 2x raw echo at 5,000 msg/s"))
                .startsWith("not judged: below the 5,000 frames/s");
    }

    @Test
    void jsonCarriesEveryPartAndMarkdownIsATable() throws Exception {
        LoadReport report = LoadReport.of(Map.of("cores", "2"), Map.of("agents", 1000),
                project(1000, 20 * MIB, 40_000, 5_000), echo(1000, 5_000));
        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.path("machine").path("cores").asString()).isEqualTo("2");
        assertThat(json.path("callbridge").path("latencyMicros").path(LoadReport.PHONE_TO_INVOKE).path("p99").asLong())
                .isEqualTo(3_000);
        assertThat(json.path("echo").path("errors").path("send failed").asLong()).isEqualTo(1);
        assertThat(json.path("ratios").path("p99 phoneEventToInvoke / echo").asDouble()).isEqualTo(1.5);
        assertThat(json.path("targets").size()).isEqualTo(2);

        String md = report.toMarkdown();
        assertThat(md).startsWith("| metric | callbridge | raw Jetty echo | ratio |\n|---|---:|---:|---:|\n");
        assertThat(md).contains("| phone event → invocation p99 / echo RTT p99 (µs) | 3000 | 2000 | 1.50× |");
        assertThat(md).contains("echo errors: {send failed=1}");
        assertThat(md).contains("| heap kept per logged call, until core's callRetention (bytes) | 2000 |  |  |");
        assertThat(md).contains("| server GC in the window: collections / total ms / longest ms | 4 / 60 / 25 | 0 / 0 / 0 |");
    }

    @Test
    void theHeapTargetJudgesTheLargerOfLoggedInAndAfterTheLoad() {
        RunResult idle = project(10_000, 20 * MIB, 50_000, 5_000);
        RunResult busy = new RunResult(idle.server(), idle.sessionsRequested(), idle.sessionsHeld(),
                idle.connectSeconds(), idle.callsPerSecond(), idle.framesPerSecond(), idle.framesOutPerSecond(),
                idle.framesInPerSecond(), idle.meanFrameBytes(), idle.latencyMicros(), idle.errors(),
                idle.heapIdleBytes(), idle.heapWithSessionsBytes(), 1100 * MIB, idle.heapPerSessionBytes(),
                idle.heapPerCallKeptBytes(), idle.serverCpuCores(), idle.serverCpuMicrosPerFrame(), idle.generatorCpuCores(), idle.serverGc());
        assertThat(LoadReport.targets(idle, Map.of()).get("10,000 sessions in <= 1 GiB heap")).startsWith("met");
        assertThat(LoadReport.targets(busy, Map.of()).get("10,000 sessions in <= 1 GiB heap"))
                .startsWith("missed (measured 10000 sessions: 1100 MiB after GC");
    }

    @Test
    void theIdleCostPerSessionIsShownAndJudgedOnlyWithTenThousandSessions() {
        LoadReport none = LoadReport.of(Map.of(), Map.of(), project(1000, 20 * MIB, 40_000, 5_000), echo(1000, 5_000));
        assertThat(none.ratios()).doesNotContainKey("server CPU per idle session / echo");
        assertThat(none.toMarkdown()).doesNotContain("idle session");

        LoadReport few = LoadReport.of(Map.of(), Map.of(), idle(project(1000, 20 * MIB, 40_000, 5_000), 3.0),
                idle(echo(1000, 5_000), 1.0));
        assertThat(few.ratios()).containsEntry("server CPU per idle session / echo", 3.0);
        assertThat(few.targets().get("server CPU per idle session <= 2x raw echo (10,000 sessions)"))
                .startsWith("not judged: fewer than the 10,000 sessions");
        assertThat(few.toMarkdown())
                .contains("| server CPU per idle session (µs per second, --idle-seconds) | 3.000 | 1.000 | 3.00× |");

        LoadReport many = LoadReport.of(Map.of(), Map.of(), idle(project(10_000, 20 * MIB, 40_000, 5_000), 1.5),
                idle(echo(10_000, 5_000), 1.0));
        assertThat(many.targets().get("server CPU per idle session <= 2x raw echo (10,000 sessions)"))
                .isEqualTo("met (1.50x with 10000 idle sessions)");
    }

    private static RunResult idle(RunResult r, double micros) {
        return new RunResult(r.server(), r.sessionsRequested(), r.sessionsHeld(), r.connectSeconds(),
                r.callsPerSecond(), r.framesPerSecond(), r.framesOutPerSecond(), r.framesInPerSecond(),
                r.meanFrameBytes(), r.latencyMicros(), r.errors(), r.heapIdleBytes(), r.heapWithSessionsBytes(),
                r.heapAfterLoadBytes(), r.heapPerSessionBytes(), r.heapPerCallKeptBytes(), r.serverCpuCores(),
                r.serverCpuMicrosPerFrame(), r.generatorCpuCores(), r.serverGc(), micros);
    }

    @Test
    void withoutEchoThereAreNoRatios() {
        LoadReport report = LoadReport.of(Map.of(), Map.of(), project(10, MIB, 1_000, 100), null);
        assertThat(report.ratios()).isEmpty();
        assertThat(report.toMarkdown()).startsWith("| metric | callbridge |\n|---|---:|\n");
        assertThat(report.targets()).containsOnlyKeys("10,000 sessions in <= 1 GiB heap");
    }
}
