package io.callbridge.rest.salesforce.internal;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A small CrmStateStore for the tests, until core's in-memory one is on this branch. Not a mock: it keeps values. */
class InMemoryCrmState implements CrmStateStore {
    private record Entry(String value, long version, Instant expires) { }

    private final Clock clock;
    private final Map<String, Entry> values = new HashMap<>();

    InMemoryCrmState(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Versioned<String>> get(String namespace, String key) {
        Entry e = live(namespace, key);
        return e == null ? Optional.empty() : Optional.of(new Versioned<>(e.value(), e.version()));
    }

    @Override
    public synchronized Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
            Duration ttl) {
        Entry e = live(namespace, key);
        long current = e == null ? 0 : e.version();
        if (current != expectedVersion) {
            return Optional.empty();
        }
        long next = current + 1;
        values.put(namespace + "\u0000" + key, new Entry(value, next, clock.instant().plus(ttl)));
        return Optional.of(next);
    }

    @Override
    public synchronized boolean remove(String namespace, String key, long expectedVersion) {
        Entry e = live(namespace, key);
        if (e == null || e.version() != expectedVersion) {
            return false;
        }
        values.remove(namespace + "\u0000" + key);
        return true;
    }

    private Entry live(String namespace, String key) {
        Entry e = values.get(namespace + "\u0000" + key);
        return e == null || !e.expires().isAfter(clock.instant()) ? null : e;
    }
}
