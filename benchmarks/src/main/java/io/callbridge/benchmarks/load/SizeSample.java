package io.callbridge.benchmarks.load;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniform sample (reservoir sampling) of the sizes of the frames the project's run carried in both directions, so
 * the echo baseline can send frames of the same size distribution.
 */
public final class SizeSample {
    private final int[] reservoir;
    private long seen;

    public SizeSample(int capacity) {
        this.reservoir = new int[capacity];
    }

    public synchronized void add(int size) {
        seen++;
        if (seen <= reservoir.length) {
            reservoir[(int) (seen - 1)] = size;
        } else {
            long slot = ThreadLocalRandom.current().nextLong(seen);
            if (slot < reservoir.length) {
                reservoir[(int) slot] = size;
            }
        }
    }

    /** The sampled sizes, or {@code fallback} alone when nothing was seen. */
    public synchronized int[] sizes(int fallback) {
        int n = (int) Math.min(seen, reservoir.length);
        return n == 0 ? new int[] {fallback} : Arrays.copyOf(reservoir, n);
    }

    public synchronized double mean() {
        int n = (int) Math.min(seen, reservoir.length);
        if (n == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += reservoir[i];
        }
        return (double) sum / n;
    }
}
