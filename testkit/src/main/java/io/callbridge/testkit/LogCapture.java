package io.callbridge.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the code under test logged while a piece of code ran, for the log-privacy tests. slf4j-simple, the tests'
 * binding, writes each message to whatever {@code System.err} is at that moment; it is captured (and still printed,
 * so a failing run can be read). Lines look like {@code [main] WARN io.callbridge.rest.hubspot.HubSpotRestExecutor -
 * …}. Not thread-safe against another capture in the same JVM: tests that capture must not run concurrently.
 */
public final class LogCapture {
    /** The start of a message: the thread in brackets and the level. */
    private static final Pattern MESSAGE = Pattern.compile("\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) ");
    private static final String SIMPLE_LOGGER = "org.slf4j.simple.SimpleLogger";

    private LogCapture() {
    }

    /** Code that logs. */
    public interface Flow {
        void run() throws Exception;
    }

    /**
     * The messages logged while {@code flow} ran, each with its stack trace if it has one, at the levels slf4j-simple
     * is configured for ({@code simplelogger.properties} on the test class path; INFO and above without one).
     */
    public static List<String> of(Flow flow) throws Exception {
        return atDebug(List.of(), flow);
    }

    /**
     * The messages logged while {@code flow} ran, with the loggers of {@code classes} at DEBUG meanwhile. slf4j-simple
     * has no API to change a logger's level after it was made, hence its field (read by reflection, so that testkit
     * does not bind slf4j-simple for its users); another binding fails the test, naming it.
     */
    public static List<String> atDebug(List<Class<?>> classes, Flow flow) throws Exception {
        Map<Logger, Integer> before = new LinkedHashMap<>();
        Field level = null;
        int debug = 0;
        for (Class<?> c : classes) {
            Logger logger = LoggerFactory.getLogger(c);
            if (!logger.getClass().getName().equals(SIMPLE_LOGGER)) {
                throw new AssertionError("the tests' SLF4J binding is not slf4j-simple: " + logger.getClass());
            }
            if (level == null) {
                level = logger.getClass().getDeclaredField("currentLogLevel");
                level.setAccessible(true);
                Field debugLevel = logger.getClass().getDeclaredField("LOG_LEVEL_DEBUG");
                debugLevel.setAccessible(true);
                debug = debugLevel.getInt(null);
            }
            before.put(logger, level.getInt(logger));
            level.setInt(logger, Math.min(debug, level.getInt(logger)));
        }
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            flow.run();
        } finally {
            System.setErr(original);
            for (Map.Entry<Logger, Integer> e : before.entrySet()) {
                level.setInt(e.getKey(), e.getValue());
            }
        }
        String text;
        synchronized (tee) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        // One entry per message: a stack trace's lines belong to the message before them.
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isEmpty()) {
                continue;
            }
            if (entries.isEmpty() || MESSAGE.matcher(line).lookingAt()) {
                entries.add(line);
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
            }
        }
        return entries;
    }

    /** Everything {@code flow} logged, as one text. */
    public static String text(Flow flow) throws Exception {
        return String.join("\n", of(flow));
    }

    /** Whether {@code entry} is a message at {@code level} (e.g. {@code WARN}). */
    public static boolean at(String entry, String level) {
        Matcher m = MESSAGE.matcher(entry);
        return m.lookingAt() && m.group(1).equals(level);
    }
}
