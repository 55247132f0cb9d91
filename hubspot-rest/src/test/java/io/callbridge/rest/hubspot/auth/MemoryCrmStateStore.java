package io.callbridge.rest.hubspot.auth;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CRM state store for these tests until core's in-memory one lands (helper "outbox"): versioned values with expiry,
 * every method atomic. Counts compare-and-sets so a test can see the store was the one place of agreement.
 */
public final class MemoryCrmStateStore implements CrmStateStore {
    private record Entry(String value, long version, Instant expiresAt) { }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private long writes;

    public MemoryCrmStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Versioned<String>> get(String namespace, String key) {
        Entry entry = live(namespace + "\u0000" + key);
        return entry == null ? Optional.empty() : Optional.of(new Versioned<>(entry.value(), entry.version()));
    }

    @Override
    public synchronized Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
            Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        String k = namespace + "\u0000" + key;
        Entry entry = live(k);
        long version = entry == null ? 0 : entry.version();
        if (version != expectedVersion) {
            return Optional.empty();
        }
        long next = version + 1;
        entries.put(k, new Entry(value, next, clock.instant().plus(ttl)));
        writes++;
        return Optional.of(next);
    }

    @Override
    public synchronized boolean remove(String namespace, String key, long expectedVersion) {
        String k = namespace + "\u0000" + key;
        Entry entry = live(k);
        if (entry == null || entry.version() != expectedVersion) {
            return false;
        }
        entries.remove(k);
        return true;
    }

    public synchronized long writes() {
        return writes;
    }

    private Entry live(String k) {
        Entry entry = entries.get(k);
        if (entry != null && !entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(k);
            return null;
        }
        return entry;
    }
}
