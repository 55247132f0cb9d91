package io.callbridge.rest.hubspot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's requests per HubSpot portal in any rolling ten seconds, kept under a budget. A sliding log rather than a
 * token bucket: HubSpot counts a rolling window, and a bucket of the same size would let twice the budget through in
 * ten seconds (a full bucket, then its refill). Each node throttles itself; across nodes give each its share.
 * Thread-safe.
 */
final class PortalThrottle {
    static final Duration WINDOW = Duration.ofSeconds(10);
    private final int budget;
    private final Map<Long, Deque<Instant>> sent = new ConcurrentHashMap<>();

    PortalThrottle(int budget) {
        this.budget = budget;
    }

    /** Takes one request's place at {@code now}; empty if taken, else the instant when one is free. */
    Optional<Instant> tryAcquire(long portalId, Instant now) {
        Deque<Instant> log = sent.computeIfAbsent(portalId, p -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(WINDOW))) {
                log.removeFirst();
            }
            if (log.size() >= budget) {
                return Optional.of(log.peekFirst().plus(WINDOW).plusMillis(1));
            }
            log.addLast(now);
            return Optional.empty();
        }
    }
}
