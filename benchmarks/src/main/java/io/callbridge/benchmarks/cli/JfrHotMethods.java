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
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
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
