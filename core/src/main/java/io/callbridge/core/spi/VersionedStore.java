package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where core keeps one kind of state (calls, agents, work items), with optimistic concurrency: every write names the
 * version it replaces and fails if another writer got there first. This is what lets several server nodes share a
 * store (e.g. Redis with WATCH/MULTI or a Lua CAS script) without locks across nodes.
 *
 * @param <K> the key
 * @param <V> the value; each belongs to one agent, which the store indexes
 */
public interface VersionedStore<K, V> {

    Optional<Versioned<V>> get(K key);

    /**
     * Stores {@code value} if the current version is {@code expectedVersion} (0: if absent).
     *
     * @return the new version, or empty if the expectation did not hold and nothing was written
     */
    Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value);

    /** Removes the value if its version is still {@code expectedVersion}; returns whether it did. */
    boolean remove(K key, long expectedVersion);

    /** The values that belong to {@code owner}, in no particular order. */
    List<Versioned<V>> findByOwner(AgentId owner);

    /** Every value, for housekeeping; implementations may return a weakly consistent view. */
    Collection<Versioned<V>> all();
}
