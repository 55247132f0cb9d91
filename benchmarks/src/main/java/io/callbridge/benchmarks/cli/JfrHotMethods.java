package io.callbridge.benchmarks.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording's {@code jdk.ExecutionSample} events and prints where the samples are: the methods most
 * often on top of the stack (self) and most often anywhere in it (inclusive), optionally only counting samples whose
 * stack passes through a method whose name contains a filter. The same data as
 * {@code jfr print --events jdk.ExecutionSample}, summed.
 *
 * <p>It also sums the samples by <em>layer</em> (the package of the method on top of the stack: JDK, Jetty, Jackson, core,
 * transport, an adapter, the load server) and by <em>thread</em> (the thread's name without its number), and, from the
 * {@code jdk.ThreadCPULoad} events, the CPU each thread group used (GC and JIT threads included, which execution
 * samples never see).
 *
 * <p>Usage: {@code JfrHotMethods FILE.jfr [TOP [STACK_FILTER]]}
 */
public final class JfrHotMethods {
    private JfrHotMethods() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrHotMethods FILE.jfr [TOP [STACK_FILTER]]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String filter = args.length > 2 ? args[2] : null;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, double[]> threadCpu = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (e.getEventType().getName().equals("jdk.ThreadCPULoad") && e.getThread("eventThread") != null) {
                String thread = e.getThread("eventThread").getJavaName();
                if (thread == null) {
                    thread = e.getThread("eventThread").getOSName();
                }
                double[] sum = threadCpu.computeIfAbsent(thread == null ? "?" : thread, k -> new double[2]);
                sum[0] += e.getFloat("user") + e.getFloat("system");
                sum[1]++;
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (filter != null && frames.stream().noneMatch(f -> name(f).contains(filter))) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            layers.merge(layer(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
            if (e.getThread("sampledThread") != null) {
                threads.merge(threadGroup(e.getThread("sampledThread").getJavaName()), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    inclusive.merge(name(f), 1, Integer::sum);
                }
            }
        }
        System.out.println(samples + " execution samples" + (filter == null ? "" : " through '" + filter + "'"));
        print("self", self, samples, top);
        print("inclusive", inclusive, samples, top);
        print("self by layer (package of the top frame)", layers, samples, top);
        print("samples by thread", threads, samples, top);
        Map<String, Double> groupCpu = new HashMap<>();
        threadCpu.forEach((thread, sum) -> groupCpu.merge(threadGroup(thread), sum[0] / sum[1], Double::sum));
        double total = groupCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.println("\nCPU by thread group (jdk.ThreadCPULoad, mean share of the machine; all groups: "
                + String.format(java.util.Locale.ROOT, "%.3f", total) + "):");
        groupCpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf(java.util.Locale.ROOT, "%6.1f%%  %.3f  %s%n",
                        100.0 * en.getValue() / Math.max(1e-9, total), en.getValue(), en.getKey()));
    }

    /** Which part of the server a class is: the package prefixes the server is made of. */
    static String layer(String className) {
        String[][] prefixes = {
            {"io.callbridge.core.", "callbridge core"},
            {"io.callbridge.transport.", "callbridge transport"},
            {"io.callbridge.adapter.hubspot.", "HubSpot adapter"},
            {"io.callbridge.adapter.salesforce.", "Salesforce adapter"},
            {"io.callbridge.cluster.", "cluster-redis"},
            {"io.callbridge.benchmarks.", "load server (phone system, stamps)"},
            {"org.eclipse.jetty.", "Jetty"},
            {"tools.jackson.", "Jackson"},
            {"io.lettuce.", "Lettuce"},
            {"io.netty.", "Netty"},
            {"com.google.i18n.phonenumbers.", "libphonenumber"},
            {"org.slf4j.", "SLF4J"},
            {"java.", "JDK"},
            {"javax.", "JDK"},
            {"jdk.", "JDK"},
            {"sun.", "JDK"},
        };
        for (String[] p : prefixes) {
            if (className.startsWith(p[0])) {
                return p[1];
            }
        }
        return "other";
    }

    /** A thread's name without its number ({@code callbridge-http-12} → {@code callbridge-http}). */
    static String threadGroup(@org.jspecify.annotations.Nullable String name) {
        if (name == null) {
            return "?";
        }
        return name.replaceAll("[-# ]?[0-9]+$", "").replaceAll("[-# ]?[0-9]+-", "-");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples),
                        en.getKey()));
    }
}
