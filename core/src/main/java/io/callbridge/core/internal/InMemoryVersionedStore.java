package io.callbridge.core.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The single-node default store: a concurrent map with an index by owner. */
public final class InMemoryVersionedStore<K, V> implements VersionedStore<K, V> {
    private record Entry<V>(Versioned<V> versioned, AgentId owner) { }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AgentId, Set<K>> byOwner = new ConcurrentHashMap<>();

    @Inject
    public InMemoryVersionedStore() {
    }

    @Override
    public Optional<Versioned<V>> get(K key) {
        Entry<V> e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.versioned());
    }

    @Override
    public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value) {
        // Index a new key before it becomes visible, so findByOwner never misses a stored value; a failed insert
        // leaves a stale index entry only while the key is absent, which findByOwner skips and remove() clears.
        if (expectedVersion == 0) {
            byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(key);
        }
        long[] written = {0};
        entries.compute(key, (k, current) -> {
            long version = current == null ? 0 : current.versioned().version();
            if (version != expectedVersion) {
                return current;
            }
            written[0] = version + 1;
            return new Entry<>(new Versioned<>(value, version + 1), owner);
        });
        if (written[0] == 0) {
            if (expectedVersion == 0 && !entries.containsKey(key)) {
                Set<K> keys = byOwner.get(owner);
                if (keys != null) {
                    keys.remove(key);
                }
            }
            return Optional.empty();
        }
        return Optional.of(written[0]);
    }

    @Override
    public boolean remove(K key, long expectedVersion) {
        AtomicReference<Entry<V>> removed = new AtomicReference<>();
        entries.computeIfPresent(key, (k, current) -> {
            if (current.versioned().version() != expectedVersion) {
                return current;
            }
            removed.set(current);
            return null;
        });
        if (removed.get() == null) {
            return false;
        }
        Set<K> keys = byOwner.get(removed.get().owner());
        if (keys != null) {
            keys.remove(key);
        }
        return true;
    }

    @Override
    public List<Versioned<V>> findByOwner(AgentId owner) {
        Set<K> keys = byOwner.get(owner);
        if (keys == null) {
            return List.of();
        }
        List<Versioned<V>> found = new ArrayList<>(keys.size());
        for (K key : keys) {
            Entry<V> e = entries.get(key);
            if (e != null) {
                found.add(e.versioned());
            }
        }
        return found;
    }

    @Override
    public Collection<Versioned<V>> all() {
        List<Versioned<V>> all = new ArrayList<>(entries.size());
        entries.values().forEach(e -> all.add(e.versioned()));
        return all;
    }
}
