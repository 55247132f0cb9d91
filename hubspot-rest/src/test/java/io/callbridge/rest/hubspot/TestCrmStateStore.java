package io.callbridge.rest.hubspot;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A small in-memory CrmStateStore for these tests (core's own in-memory one comes with the outbox work). */
public class TestCrmStateStore implements CrmStateStore {
    private record Entry(String value, long version, Instant expiresAt) { }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private long versions;

    public TestCrmStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Versioned<String>> get(String namespace, String key) {
        Entry e = live(namespace + "\n" + key);
        return e == null ? Optional.empty() : Optional.of(new Versioned<>(e.value(), e.version()));
    }

    @Override
    public synchronized Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
            Duration ttl) {
        String k = namespace + "\n" + key;
        Entry e = live(k);
        long current = e == null ? 0 : e.version();
        if (current != expectedVersion) {
            return Optional.empty();
        }
        long version = ++versions;
        entries.put(k, new Entry(value, version, clock.instant().plus(ttl)));
        return Optional.of(version);
    }

    @Override
    public synchronized boolean remove(String namespace, String key, long expectedVersion) {
        String k = namespace + "\n" + key;
        Entry e = live(k);
        if (e == null || e.version() != expectedVersion) {
            return false;
        }
        entries.remove(k);
        return true;
    }

    private Entry live(String k) {
        Entry e = entries.get(k);
        if (e != null && !e.expiresAt().isAfter(clock.instant())) {
            entries.remove(k);
            return null;
        }
        return e;
    }
}
