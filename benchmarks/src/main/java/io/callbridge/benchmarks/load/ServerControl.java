package io.callbridge.benchmarks.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server JVM's side of the control channel: one command per line on its standard input, answers on its standard
 * output (logs go to standard error). Commands: {@code HEAP} (collects garbage first), {@code CPU}, {@code GC}
 * (collections so far, see {@link GcPauses}), {@code QUIT}, and
 * whatever the server adds. End of input means the generator is gone: the server stops too.
 */
public final class ServerControl {
    private static final Logger LOG = LoggerFactory.getLogger(ServerControl.class);

    private final BufferedReader in;
    private final PrintStream out;
    private final Map<String, Command> extra;
    private final GcPauses.Watch gc = GcPauses.Watch.install();

    /** A command the server adds: the rest of its line (empty if none) and where to answer. */
    @FunctionalInterface
    public interface Command {
        /** Writes the answer; returns whether the server should go on. */
        boolean run(String argument, PrintStream out) throws IOException;
    }

    /**
     * @param extra more commands by their first word; each writes its answer and returns whether the server should go
     *     on
     */
    public ServerControl(BufferedReader in, PrintStream out, Map<String, Command> extra) {
        this.in = in;
        this.out = out;
        this.extra = Map.copyOf(extra);
    }

    /** Answers commands until QUIT or the end of input. */
    public void serve() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            int space = command.indexOf(' ');
            String word = space < 0 ? command : command.substring(0, space);
            String argument = space < 0 ? "" : command.substring(space + 1).strip();
            if (command.equals("QUIT")) {
                out.println("BYE");
                out.flush();
                return;
            } else if (command.equals("HEAP")) {
                out.println("HEAP " + heapAfterGc());
            } else if (command.equals("GC")) {
                out.println(gc.ask().line());
            } else if (command.equals("CPU")) {
                out.println("CPU " + processCpuNanos());
            } else if (extra.containsKey(word)) {
                if (!extra.get(word).run(argument, out)) {
                    out.flush();
                    return;
                }
            } else {
                out.println("ERR unknown command " + command);
            }
            out.flush();
        }
        LOG.info("control input closed; stopping");
    }

    /** Heap in use after full collections, in bytes. Several rounds, so objects freed by finalization go too. */
    public static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** CPU time this process used so far, all threads, in nanoseconds. */
    public static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
