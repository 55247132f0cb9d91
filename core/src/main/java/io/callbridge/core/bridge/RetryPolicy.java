package io.callbridge.core.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Delivery} retries an owed side effect that a frame ran but that did not succeed for a reason that may pass
 * (a timeout, a CRM server error): exponential backoff, the n-th retry waiting {@code initialBackoff × 2^(n-1)} and
 * never more than {@code maxBackoff}; after {@code maxAttempts} attempts in all the failure is final and the agent is
 * told. Waiting for a frame to exist at all (the agent closed every CRM tab) is not an attempt: it costs nothing and
 * never gives up.
 *
 * @param initialBackoff the wait before the first retry; positive
 * @param maxBackoff the longest wait between two attempts; at least {@code initialBackoff}
 * @param maxAttempts attempts in all, the first one included; at least 1
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    /** 2 s, doubling up to 2 min, 8 attempts: about four minutes of a CRM that answers but fails. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(2), 8);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive but was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be at least initialBackoff ("
                    + initialBackoff + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry, i.e. after the first failed attempt). */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1 but was " + retry);
        }
        Duration d = initialBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    public RetryPolicy withInitialBackoff(Duration value) {
        return new RetryPolicy(value, maxBackoff.compareTo(value) < 0 ? value : maxBackoff, maxAttempts);
    }

    public RetryPolicy withMaxBackoff(Duration value) {
        return new RetryPolicy(initialBackoff, value, maxAttempts);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(initialBackoff, maxBackoff, value);
    }
}
