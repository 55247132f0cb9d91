package io.callbridge.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How busy the machine is: the 1-minute load average, printed with every run (the machine is shared). */
public final class MachineLoad {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    /** The first field of {@code /proc/loadavg}, or {@code ?} where there is none. */
    public static String oneMinute() {
        try {
            return parse(Files.readString(LOADAVG));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String parse(String loadavg) {
        String[] fields = loadavg.strip().split("\\s+");
        if (fields.length == 0 || !fields[0].matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("not /proc/loadavg: " + loadavg);
        }
        return fields[0];
    }
}
