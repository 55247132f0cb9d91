package io.callbridge.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --sweep}: one whole load run ({@link LoadRun}: fresh server JVMs, warm-up, window, then the echo) per call
 * rate, rising, and what p50 and p99 did against the offered load, for callbridge (phone event → invocation, one way)
 * and the raw echo (round trip) at the same frame rate. Writes {@value #JSON_FILE} and the chart, drawn by XChart, as
 * {@value #SVG_FILE} and {@value #PNG_FILE}; each rate's own reports go to {@code rate-<R>/}.
 */
public final class Sweep {
    public static final String JSON_FILE = "sweep.json";
    public static final String SVG_FILE = "sweep.svg";
    public static final String PNG_FILE = "sweep.png";
    /** p99 above this is "past the knee" (issue 15). */
    public static final long KNEE_MICROS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final LoadOptions options;

    public Sweep(LoadOptions options) {
        if (options.sweep().isEmpty()) {
            throw new IllegalArgumentException("no --sweep rates");
        }
        this.options = options;
    }

    /**
     * One rate's outcome.
     *
     * @param callsPerSecondOffered the rate the generator offered
     * @param callsPerSecondLogged what callbridge logged
     * @param framesPerSecond callbridge's frames/s, both directions
     * @param p50Micros callbridge phone event → invocation p50
     * @param p99Micros its p99
     * @param echoFramesPerSecond the echo's frames/s (0 without the echo)
     * @param echoP50Micros the echo's round-trip p50 (0 without it)
     * @param echoP99Micros its p99
     * @param errors callbridge's errors
     * @param serverCpuMicrosPerFrame callbridge's server CPU per frame
     * @param loadAverage1m the machine's 1-minute load average around the run, as the run's report gives it
     */
    public record Point(double callsPerSecondOffered, double callsPerSecondLogged, double framesPerSecond,
            long p50Micros, long p99Micros, double echoFramesPerSecond, long echoP50Micros, long echoP99Micros,
            long errors, double serverCpuMicrosPerFrame, String loadAverage1m) {

        static Point of(double offered, LoadReport report) {
            RunResult cb = report.callbridge();
            Percentiles p = cb.latencyMicros().getOrDefault(LoadReport.PHONE_TO_INVOKE, Percentiles.EMPTY);
            RunResult echo = report.echo();
            Percentiles e = echo == null ? Percentiles.EMPTY
                    : echo.latencyMicros().getOrDefault(LoadReport.ECHO_ROUND_TRIP, Percentiles.EMPTY);
            return new Point(offered, round(cb.callsPerSecond()), round(cb.framesPerSecond()), p.p50(), p.p99(),
                    echo == null ? 0 : round(echo.framesPerSecond()), e.p50(), e.p99(), cb.errorCount(),
                    round(cb.serverCpuMicrosPerFrame()), report.machine().getOrDefault("loadAverage1m", "?"));
        }
    }

    /**
     * The sweep's outcome.
     *
     * @param options the options every run shared (the rate aside)
     * @param points one per rate, in order
     * @param knee the first offered rate whose p99 passed {@link #KNEE_MICROS}, for {@code callbridge} and
     *     {@code echo}, or absent where none did
     */
    public record Result(Map<String, Object> options, List<Point> points, Map<String, Double> knee) {
        public Result {
            options = Map.copyOf(options);
            points = List.copyOf(points);
            knee = Map.copyOf(knee);
        }

        public String toJson() {
            return JSON.writeValueAsString(this);
        }

        public String toMarkdown() {
            StringBuilder b = new StringBuilder();
            b.append("| calls/s offered | logged | frames/s | p50 (µs) | p99 (µs) | echo frames/s | echo p50 (µs) |"
                    + " echo p99 (µs) | p99 / echo p99 | CPU/frame (µs) | errors | load avg 1 min |\n");
            b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (Point p : points) {
                b.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.0f | %d | %d | %.0f | %d | %d | %s | %.1f | %d |"
                        + " %s |%n", p.callsPerSecondOffered(), p.callsPerSecondLogged(), p.framesPerSecond(),
                        p.p50Micros(), p.p99Micros(), p.echoFramesPerSecond(), p.echoP50Micros(), p.echoP99Micros(),
                        p.echoP99Micros() == 0 ? "-" : String.format(Locale.ROOT, "%.2f×",
                                p.p99Micros() / (double) p.echoP99Micros()),
                        p.serverCpuMicrosPerFrame(), p.errors(), p.loadAverage1m()));
            }
            b.append("\nknee (first offered calls/s with p99 > ").append(KNEE_MICROS / 1000).append(" ms): callbridge ")
                    .append(kneeText("callbridge")).append(", echo ").append(kneeText("echo")).append('\n');
            return b.toString();
        }

        private String kneeText(String which) {
            Double k = knee.get(which);
            return k == null ? "not reached" : String.format(Locale.ROOT, "%.0f", k);
        }
    }

    /** Runs every rate, writes the JSON and the chart, and returns what they hold. */
    public Result run() throws Exception {
        Files.createDirectories(options.out());
        List<Point> points = new ArrayList<>();
        for (double rate : options.sweep()) {
            Path dir = options.out().resolve(String.format(Locale.ROOT, "rate-%.0f", rate));
            LOG.info("sweep: {} calls/s (1-minute load average {})", rate, MachineLoad.oneMinute());
            LoadReport report = new LoadRun(options.atRate(rate, dir)).run();
            points.add(Point.of(rate, report));
            // Written after every rate, so a sweep stopped half-way keeps what it measured.
            write(result(points), options.out());
        }
        return result(points);
    }

    Result result(List<Point> points) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rates", options.sweep());
        o.put("agents", options.agents());
        o.put("warmupSeconds", options.warmupSeconds());
        o.put("measureSeconds", options.measureSeconds());
        o.put("crm", options.crm().name().toLowerCase(Locale.ROOT));
        o.put("tls", options.tls());
        o.put("redis", options.redis() == null ? "none (in memory)" : LoadOptions.redactedUri(options.redis()));
        o.put("nodes", options.nodes());
        return of(o, points);
    }

    static Result of(Map<String, Object> options, List<Point> points) {
        Map<String, Double> knee = new LinkedHashMap<>();
        Double cb = firstAbove(points, true);
        Double echo = firstAbove(points, false);
        if (cb != null) {
            knee.put("callbridge", cb);
        }
        if (echo != null) {
            knee.put("echo", echo);
        }
        return new Result(options, points, knee);
    }

    private static @Nullable Double firstAbove(List<Point> points, boolean callbridge) {
        for (Point p : points) {
            long p99 = callbridge ? p.p99Micros() : p.echoP99Micros();
            if (p99 > KNEE_MICROS) {
                return p.callsPerSecondOffered();
            }
        }
        return null;
    }

    /** Writes {@value #JSON_FILE}, {@value #SVG_FILE} and {@value #PNG_FILE} into {@code dir}. */
    static void write(Result result, Path dir) throws IOException {
        Files.writeString(dir.resolve(JSON_FILE), result.toJson());
        XYChart chart = chart(result);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(SVG_FILE).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, dir.resolve(PNG_FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** p50 and p99 against frames/s, callbridge and the echo, latency on a log axis. */
    static XYChart chart(Result result) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(540)
                .title("Latency against offered load (" + result.options().getOrDefault("crm", "?") + ", "
                        + result.options().getOrDefault("agents", "?") + " agents)")
                .xAxisTitle("frames/s, both directions").yAxisTitle("latency (µs, log scale)").build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<Point> points = result.points();
        series(chart, "callbridge p50 (phone event → invocation)", points, true, false);
        series(chart, "callbridge p99", points, true, true);
        if (points.stream().anyMatch(p -> p.echoFramesPerSecond() > 0)) {
            series(chart, "raw echo p50 (round trip)", points, false, false);
            series(chart, "raw echo p99", points, false, true);
        }
        return chart;
    }

    private static void series(XYChart chart, String name, List<Point> points, boolean callbridge, boolean p99) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Point p : points) {
            double frames = callbridge ? p.framesPerSecond() : p.echoFramesPerSecond();
            long micros = callbridge ? (p99 ? p.p99Micros() : p.p50Micros()) : (p99 ? p.echoP99Micros() : p.echoP50Micros());
            if (frames > 0 && micros > 0) {
                x.add(frames);
                y.add((double) micros);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(p99 ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
