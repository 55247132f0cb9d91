package io.callbridge.benchmarks.load;

import java.time.Instant;

/**
 * Time stamps that two JVMs on one machine can compare: the system's wall clock in microseconds. (Each JVM's
 * {@code System.nanoTime()} has its own origin, so it only serves for intervals within one process.)
 */
public final class Clocks {
    private Clocks() {
    }

    public static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
