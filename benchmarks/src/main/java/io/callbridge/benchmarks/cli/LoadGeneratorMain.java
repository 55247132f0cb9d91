package io.callbridge.benchmarks.cli;

import io.callbridge.benchmarks.load.LoadOptions;
import io.callbridge.benchmarks.load.LoadReport;
import io.callbridge.benchmarks.load.LoadRun;
import io.callbridge.benchmarks.load.MachineLoad;
import io.callbridge.benchmarks.load.StorageComparison;
import io.callbridge.benchmarks.load.Sweep;

/**
 * The load generator: {@code java -cp ... io.callbridge.benchmarks.cli.LoadGeneratorMain [--short] [options]}
 * ({@code --help} lists them). Starts the server JVMs (and, for {@code --redis auto}, a redis-server) itself, prints
 * the markdown table with the machine's 1-minute load average, and writes {@code load-report.json} and
 * {@code load-report.md} to the output directory; with {@code --sweep}, one run per rate and {@code sweep.json},
 * {@code sweep.svg} and {@code sweep.png} next to them; with {@code --compare-storage}, three runs (in memory, Redis,
 * several nodes on Redis) and {@code compare-storage.json} and {@code .md}.
 */
public final class LoadGeneratorMain {
    private LoadGeneratorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (LoadOptions.wantsHelp(args)) {
            System.out.println(LoadOptions.usage());
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LoadOptions.usage());
            System.exit(2);
            return;
        }
        if (options.compareStorage()) {
            StorageComparison.Result compared = new StorageComparison(options).run();
            System.out.println(compared.toMarkdown());
            System.out.println("JSON: " + options.out().resolve(StorageComparison.JSON_FILE).toAbsolutePath());
            System.exit(compared.runs().stream().anyMatch(r -> r.report().callbridge().sessionsHeld() == 0) ? 1 : 0);
            return;
        }
        if (!options.sweep().isEmpty()) {
            Sweep.Result sweep = new Sweep(options).run();
            System.out.println(sweep.toMarkdown());
            System.out.println("1-minute load average at the end: " + MachineLoad.oneMinute());
            System.out.println("JSON: " + options.out().resolve(Sweep.JSON_FILE).toAbsolutePath());
            System.out.println("chart: " + options.out().resolve(Sweep.SVG_FILE).toAbsolutePath() + ", "
                    + options.out().resolve(Sweep.PNG_FILE).toAbsolutePath());
            System.exit(sweep.points().isEmpty() ? 1 : 0);
            return;
        }
        LoadReport report = new LoadRun(options).run();
        System.out.println(report.toMarkdown());
        System.out.println("JSON: " + options.out().resolve("load-report.json").toAbsolutePath());
        System.exit(report.callbridge().sessionsHeld() == 0 ? 1 : 0);
    }
}
