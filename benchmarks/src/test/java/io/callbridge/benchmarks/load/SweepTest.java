package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SweepTest {
    private static Sweep.Point point(double rate, long p50, long p99, long echoP50, long echoP99) {
        return new Sweep.Point(rate, rate, rate * 17, p50, p99, rate * 17, echoP50, echoP99, 0, 120.5, "1.00");
    }

    private static final List<Sweep.Point> POINTS = List.of(point(50, 300, 2_000, 250, 900),
            point(100, 320, 9_000, 260, 1_500), point(200, 900, 25_000, 300, 12_000), point(300, 5_000, 90_000, 400,
                    30_000));

    @Test
    void theKneeIsTheFirstRateWhoseP99PassesTenMilliseconds() {
        Sweep.Result r = Sweep.of(Map.of("crm", "hubspot"), POINTS);
        assertThat(r.knee()).containsEntry("callbridge", 200.0).containsEntry("echo", 200.0);
        Sweep.Result never = Sweep.of(Map.of(), POINTS.subList(0, 2));
        assertThat(never.knee()).isEmpty();
        assertThat(never.toMarkdown()).contains("callbridge not reached, echo not reached");
    }

    @Test
    void writesTheJsonAndTheChartAsSvgAndPng(@TempDir Path dir) throws Exception {
        Sweep.Result r = Sweep.of(Map.of("crm", "mixed", "agents", 200), POINTS);
        Sweep.write(r, dir);
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(dir.resolve(Sweep.JSON_FILE)));
        assertThat(json.path("points").size()).isEqualTo(4);
        assertThat(json.path("points").get(2).path("p99Micros").asLong()).isEqualTo(25_000);
        assertThat(json.path("knee").path("callbridge").asDouble()).isEqualTo(200.0);
        String svg = Files.readString(dir.resolve(Sweep.SVG_FILE), StandardCharsets.UTF_8);
        // XChart draws its text as outlines, so the SVG holds shapes, not the series names.
        assertThat(svg).contains("<svg").contains("<path");
        byte[] png = Files.readAllBytes(dir.resolve(Sweep.PNG_FILE));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void theChartHasCallbridgeAndEchoSeriesOnALogAxis() {
        var chart = Sweep.chart(Sweep.of(Map.of(), POINTS));
        assertThat(chart.getSeriesMap()).containsOnlyKeys("callbridge p50 (phone event → invocation)",
                "callbridge p99", "raw echo p50 (round trip)", "raw echo p99");
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        List<Sweep.Point> noEcho = List.of(point(50, 300, 2_000, 0, 0), point(100, 320, 9_000, 0, 0))
                .stream().map(p -> new Sweep.Point(p.callsPerSecondOffered(), p.callsPerSecondLogged(),
                        p.framesPerSecond(), p.p50Micros(), p.p99Micros(), 0, 0, 0, 0, 1, "?")).toList();
        assertThat(Sweep.chart(Sweep.of(Map.of(), noEcho)).getSeriesMap()).containsOnlyKeys(
                "callbridge p50 (phone event → invocation)", "callbridge p99");
    }

    @Test
    void theTableShowsEveryRateWithItsRatio() {
        String md = Sweep.of(Map.of(), POINTS).toMarkdown();
        assertThat(md).contains("| 200 | 200.0 | 3400 | 900 | 25000 | 3400 | 300 | 12000 | 2.08× | 120.5 | 0 | 1.00 |");
        assertThat(md).contains("knee (first offered calls/s with p99 > 10 ms): callbridge 200, echo 200");
    }
}
