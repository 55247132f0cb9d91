package io.callbridge.core.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The single-node default store: a concurrent map with two indexes by owner, one of every key and one of the keys
 * whose value was last written open. The open index is exact, so {@link #findOpenByOwner} costs in proportion to the
 * owner's open values. {@link #findByOwner} lists keys in the order they were first stored: the SPI promises no order,
 * but for calls that is nearly creation order, which the engine's sort of a snapshot then gets through in linear time.
 */
public final class InMemoryVersionedStore<K, V> implements VersionedStore<K, V> {
    private record Entry<V>(Versioned<V> versioned, AgentId owner) { }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AgentId, OwnerKeys<K>> byOwner = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AgentId, Set<K>> openByOwner = new ConcurrentHashMap<>();

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
        return compareAndSet(key, expectedVersion, owner, value, true);
    }

    @Override
    public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value, boolean open) {
        long[] written = {0};
        entries.compute(key, (k, current) -> {
            long version = current == null ? 0 : current.versioned().version();
            if (version != expectedVersion) {
                return current;
            }
            // The indexes change under the key's lock, before the value is visible: they follow one key's writes and
            // removals in the order these happen, and once a write has returned, a search by owner finds it.
            if (current == null) {
                byOwner.computeIfAbsent(owner, o -> new OwnerKeys<>()).add(k);
            }
            if (open) {
                index(openByOwner, owner, k);
            } else {
                unindex(openByOwner, owner, k);
            }
            written[0] = version + 1;
            return new Entry<>(new Versioned<>(value, version + 1), owner);
        });
        return written[0] == 0 ? Optional.empty() : Optional.of(written[0]);
    }

    @Override
    public boolean remove(K key, long expectedVersion) {
        boolean[] removed = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.versioned().version() != expectedVersion) {
                return current;
            }
            // Under the key's lock, so this removal cannot unindex a later write of the same key.
            OwnerKeys<K> keys = byOwner.get(current.owner());
            if (keys != null) {
                keys.remove(k);
            }
            unindex(openByOwner, current.owner(), k);
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    @Override
    public List<Versioned<V>> findByOwner(AgentId owner) {
        OwnerKeys<K> keys = byOwner.get(owner);
        return keys == null ? List.of() : lookUp(keys.inOrder());
    }

    @Override
    public List<Versioned<V>> findOpenByOwner(AgentId owner) {
        return lookUp(openByOwner.get(owner));
    }

    @Override
    public Collection<Versioned<V>> all() {
        List<Versioned<V>> all = new ArrayList<>(entries.size());
        entries.values().forEach(e -> all.add(e.versioned()));
        return all;
    }

    /** Every owner's open values, from the exact index: costs in proportion to the open values. */
    @Override
    public Collection<Versioned<V>> allOpen() {
        List<Versioned<V>> open = new ArrayList<>();
        for (Set<K> keys : openByOwner.values()) {
            open.addAll(lookUp(keys));
        }
        return open;
    }

    /** The keys the index of every value holds for {@code owner}; for tests. */
    Set<K> indexedKeys(AgentId owner) {
        OwnerKeys<K> keys = byOwner.get(owner);
        return keys == null ? Set.of() : Set.copyOf(keys.inOrder());
    }

    /** The keys the index of open values holds for {@code owner}; for tests. */
    Set<K> indexedOpenKeys(AgentId owner) {
        return Set.copyOf(openByOwner.getOrDefault(owner, Set.of()));
    }

    private List<Versioned<V>> lookUp(@Nullable Collection<K> keys) {
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

    private static <K> void index(ConcurrentHashMap<AgentId, Set<K>> index, AgentId owner, K key) {
        index.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(key);
    }

    private static <K> void unindex(ConcurrentHashMap<AgentId, Set<K>> index, AgentId owner, K key) {
        Set<K> keys = index.get(owner);
        if (keys != null) {
            keys.remove(key);
        }
    }

    /**
     * One owner's keys in the order they were first stored, behind the set's own lock. Writers take it inside a key's
     * compute, readers alone, and it guards nothing else, so it cannot deadlock; it is held only to add, remove or copy.
     */
    private static final class OwnerKeys<K> {
        private final LinkedHashSet<K> keys = new LinkedHashSet<>();

        synchronized void add(K key) {
            keys.add(key);
        }

        synchronized void remove(K key) {
            keys.remove(key);
        }

        /** A copy in one array: a snapshot of 500 calls copies every key, so not twice (as new ArrayList would). */
        @SuppressWarnings("unchecked")
        synchronized List<K> inOrder() {
            return Arrays.asList((K[]) keys.toArray());
        }
    }
}
