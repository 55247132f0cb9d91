package io.callbridge.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core's default {@link CrmStateStore}: this JVM's memory, so tokens and ledgers end with the process. Expiry is read
 * from the clock it was made with (an expired value is gone at the next look, and removed then). Here rather than in
 * {@code core.internal} so that {@link CrmStateStore#inMemory(Clock)} can make one without a package cycle.
 */
final class InMemoryCrmStateStore implements CrmStateStore {
    private final Clock clock;
    private final ConcurrentHashMap<Name, Entry> values = new ConcurrentHashMap<>();

    InMemoryCrmStateStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Versioned<String>> get(String namespace, String key) {
        Name name = Name.of(namespace, key);
        Instant now = clock.instant();
        Entry entry = values.computeIfPresent(name, (n, e) -> e.expiredAt(now) ? null : e);
        return entry == null ? Optional.empty() : Optional.of(new Versioned<>(entry.value, entry.version));
    }

    @Override
    public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
            Duration ttl) {
        Name name = Name.of(namespace, key);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative, was " + expectedVersion);
        }
        Instant now = clock.instant();
        long[] written = {-1};
        values.compute(name, (n, current) -> {
            Entry live = current == null || current.expiredAt(now) ? null : current;
            long version = live == null ? 0 : live.version;
            if (version != expectedVersion) {
                return live;
            }
            written[0] = version + 1;
            return new Entry(value, version + 1, now.plus(ttl));
        });
        return written[0] < 0 ? Optional.empty() : Optional.of(written[0]);
    }

    @Override
    public boolean remove(String namespace, String key, long expectedVersion) {
        Name name = Name.of(namespace, key);
        Instant now = clock.instant();
        boolean[] removed = {false};
        values.computeIfPresent(name, (n, current) -> {
            if (current.expiredAt(now)) {
                return null;
            }
            if (current.version != expectedVersion) {
                return current;
            }
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    private record Name(String namespace, String key) {
        static Name of(String namespace, String key) {
            CrmStateStore.checkName("namespace", namespace);
            CrmStateStore.checkName("key", key);
            return new Name(namespace, key);
        }
    }

    private record Entry(String value, long version, Instant expires) {
        boolean expiredAt(Instant now) {
            return !expires.isAfter(now);
        }
    }
}
