package io.callbridge.benchmarks.load;

import java.util.Arrays;

/**
 * Collects latency values from many threads, up to a cap (values beyond it are counted, not kept, so a long run cannot
 * exhaust the generator's heap). Appends are synchronized: at the generator's rates (thousands per second) an
 * uncontended monitor costs far less than the work around it.
 */
public final class LatencyRecorder {
    private final int cap;
    private long[] values = new long[1024];
    private int size;
    private long dropped;

    public LatencyRecorder(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive");
        }
        this.cap = cap;
    }

    public synchronized void record(long value) {
        if (size == cap) {
            dropped++;
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(cap, values.length * 2));
        }
        values[size++] = value;
    }

    public synchronized void clear() {
        size = 0;
        dropped = 0;
    }

    public synchronized Percentiles summary() {
        return Percentiles.of(values, size);
    }

    public synchronized long dropped() {
        return dropped;
    }
}
