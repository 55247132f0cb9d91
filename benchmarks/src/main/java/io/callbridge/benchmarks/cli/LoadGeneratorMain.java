package io.callbridge.benchmarks.cli;

import io.callbridge.benchmarks.load.LoadOptions;
import io.callbridge.benchmarks.load.LoadReport;
import io.callbridge.benchmarks.load.LoadRun;

/**
 * The load generator: {@code java -cp ... io.callbridge.benchmarks.cli.LoadGeneratorMain [--short] [options]}. Starts
 * the server JVMs itself, prints the markdown table, and writes {@code load-report.json} and {@code load-report.md}
 * to the output directory ({@link LoadOptions#usage()}).
 */
public final class LoadGeneratorMain {
    private LoadGeneratorMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.usage());
            System.exit(2);
            return;
        }
        LoadReport report = new LoadRun(options).run();
        System.out.println(report.toMarkdown());
        System.out.println("JSON: " + options.out().resolve("load-report.json").toAbsolutePath());
        System.exit(report.callbridge().sessionsHeld() == 0 ? 1 : 0);
    }
}
