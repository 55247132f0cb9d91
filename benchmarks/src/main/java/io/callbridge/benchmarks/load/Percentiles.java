package io.callbridge.benchmarks.load;

import java.util.Arrays;

/**
 * Summary of a latency sample by the nearest-rank method: the p-th percentile is the smallest value such that at least
 * p% of the sample is at or below it. Exact (the whole sample is sorted), which is affordable for the few hundred
 * thousand values a run records.
 *
 * @param count values in the sample
 * @param p50 median, in the sample's unit (microseconds throughout the generator)
 * @param max the largest value; 0 for an empty sample, as are the others
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max, double mean) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

    /** Sorts a copy of the first {@code n} values of {@code values}. */
    public static Percentiles of(long[] values, int n) {
        if (n < 0 || n > values.length) {
            throw new IllegalArgumentException("n must be within 0.." + values.length + " but was " + n);
        }
        if (n == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Percentiles(n, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), rank(sorted, 99.9),
                sorted[n - 1], sum / n);
    }

    public static Percentiles of(long... values) {
        return of(values, values.length);
    }

    /** The nearest-rank percentile of a sorted, non-empty array. */
    static long rank(long[] sorted, double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100] but was " + percentile);
        }
        // Math.ceil of a product that is mathematically an integer may land one above it; the epsilon keeps it there.
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
