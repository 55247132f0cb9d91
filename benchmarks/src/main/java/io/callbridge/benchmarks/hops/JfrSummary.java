package io.callbridge.benchmarks.hops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the window says, by layer: thread parks (every one: the recording's threshold is 0) by
 * thread group, and, when the recording profiled, execution samples and allocation samples by the package of the top
 * frame and by the callbridge code nearest the top of the stack.
 */
final class JfrSummary {
    final Map<String, Long> parksByGroup = new TreeMap<>();
    final Map<String, Long> samplesBySelf = new TreeMap<>();
    final Map<String, Long> samplesByCallbridge = new TreeMap<>();
    final Map<String, Long> samplesByServerThread = new TreeMap<>();
    final Map<String, Long> allocationBySelf = new TreeMap<>();
    final Map<String, Long> allocationByCallbridge = new TreeMap<>();
    final Map<String, Long> allocationByCallbridgeMethod = new TreeMap<>();
    final Map<String, Long> topServerMethods = new TreeMap<>();
    long samples;

    static JfrSummary read(Path file) throws IOException {
        JfrSummary s = new JfrSummary();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            String group = threadGroup(e);
            switch (type) {
                case "jdk.ThreadPark" -> s.parksByGroup.merge(group, 1L, Long::sum);
                case "jdk.ExecutionSample" -> {
                    if (!ThreadAllocations.serverSide(group)) {
                        continue;
                    }
                    s.samples++;
                    s.samplesByServerThread.merge(group, 1L, Long::sum);
                    s.samplesBySelf.merge(self(e.getStackTrace()), 1L, Long::sum);
                    s.samplesByCallbridge.merge(nearestCallbridge(e.getStackTrace(), false), 1L, Long::sum);
                    s.topServerMethods.merge(topMethod(e.getStackTrace()), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    if (!ThreadAllocations.serverSide(group)) {
                        continue;
                    }
                    long weight = e.getLong("weight");
                    s.allocationBySelf.merge(self(e.getStackTrace()), weight, Long::sum);
                    s.allocationByCallbridge.merge(nearestCallbridge(e.getStackTrace(), false), weight, Long::sum);
                    s.allocationByCallbridgeMethod.merge(nearestCallbridge(e.getStackTrace(), true), weight,
                            Long::sum);
                }
                default -> { }
            }
        }
        return s;
    }

    private static String threadGroup(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (t == null && e.hasField("sampledThread")) {
            t = e.getValue("sampledThread");
        }
        if (t == null || t.getJavaName() == null) {
            return "(vm)";
        }
        return ThreadAllocations.group(t.getJavaName());
    }

    /** The layer of the top frame: JDK, Jetty, Jackson, a callbridge module, or another library. */
    static String self(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        return layer(stack.getFrames().get(0).getMethod().getType().getName());
    }

    /** The callbridge class (or class.method) nearest the top of the stack, or the top frame's layer if none. */
    static String nearestCallbridge(RecordedStackTrace stack, boolean withMethod) {
        if (stack == null) {
            return "(no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("io.callbridge.")) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                int dollar = simple.indexOf("$$Lambda");
                if (dollar >= 0) {
                    simple = simple.substring(0, dollar);
                }
                return layer(cls) + " " + simple + (withMethod ? "." + f.getMethod().getName() : "");
            }
        }
        return frames.isEmpty() ? "(no stack)" : "(no callbridge frame) " + layer(frames.get(0).getMethod().getType()
                .getName());
    }

    private static String topMethod(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        RecordedFrame f = stack.getFrames().get(0);
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static String layer(String className) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("io.callbridge.core.", "core");
        prefixes.put("io.callbridge.transport.", "transport");
        prefixes.put("io.callbridge.adapter.hubspot.", "hubspot-adapter");
        prefixes.put("io.callbridge.adapter.salesforce.", "salesforce-adapter");
        prefixes.put("io.callbridge.benchmarks.", "benchmark");
        prefixes.put("io.callbridge.", "callbridge (other)");
        prefixes.put("org.eclipse.jetty.", "Jetty");
        prefixes.put("tools.jackson.", "Jackson");
        prefixes.put("com.fasterxml.jackson.", "Jackson");
        prefixes.put("org.slf4j.", "SLF4J");
        prefixes.put("com.google.i18n.", "libphonenumber");
        prefixes.put("java.", "JDK");
        prefixes.put("javax.", "JDK");
        prefixes.put("jdk.", "JDK");
        prefixes.put("sun.", "JDK");
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (className.startsWith(p.getKey())) {
                return p.getValue();
            }
        }
        return "other";
    }
}
