package io.callbridge.core.spi;

import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where core keeps one kind of state (calls, agents, work items), with optimistic concurrency: every write names the
 * version it replaces and fails if another writer got there first. This is what lets several server nodes share a
 * store (e.g. Redis with WATCH/MULTI or a Lua CAS script) without locks across nodes.
 *
 * <p><b>Open values.</b> Core keeps finished values for a while (a wrapped-up call for
 * {@code CoreSettings.callRetention}), so an agent may own hundreds of values of which only a few still matter to the
 * next input: the calls that are not wrapped up decide the agent's activity, and only pending work items can be
 * matched to a dial. Core therefore says, with every write, whether the value is still <em>open</em>, and asks for an
 * agent's open values with {@link #findOpenByOwner}, so that each input costs the same however many finished values
 * are kept. The flag belongs in the store, next to the value, rather than in an index inside one node's engine,
 * because on several nodes every node's writes must be seen by every node's reads. A store that can keep a secondary
 * index (e.g. a Redis set per owner, changed in the same transaction or script as the compare-and-set) implements
 * {@link #compareAndSet(Object, long, AgentId, Object, boolean)} and {@link #findOpenByOwner}; one that does not keeps
 * working unchanged through their defaults, which treat every value as open.
 *
 * @param <K> the key
 * @param <V> the value; each belongs to one agent, which the store indexes
 */
public interface VersionedStore<K, V> {

    Optional<Versioned<V>> get(K key);

    /**
     * Stores {@code value} if the current version is {@code expectedVersion} (0: if absent). A value written this way
     * counts as open (see {@link #findOpenByOwner}).
     *
     * @param owner the agent the value belongs to; every version of a key has the same owner
     * @return the new version, or empty if the expectation did not hold and nothing was written
     */
    Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value);

    /**
     * Like {@link #compareAndSet(Object, long, AgentId, Object)}, and records whether the value is open. The flag
     * must change atomically with the value: once this returns a version, {@link #findOpenByOwner} lists the value if
     * {@code open}, and need not list it if not; a write that fails changes neither. The default ignores the flag,
     * so every value counts as open.
     *
     * @param open whether the value still matters to the owner's next inputs (for calls: not wrapped up; for work
     *     items: pending); the writer decides, the store only remembers it
     */
    default Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value, boolean open) {
        return compareAndSet(key, expectedVersion, owner, value);
    }

    /**
     * {@link #compareAndSet(Object, long, AgentId, Object, boolean)}, then, if it wrote, {@code router}'s
     * {@link AgentEventRouter#publish publish} of {@code events} for {@code owner}: what core does after every write it
     * makes. The default does exactly those two calls. A store that shares a backend with the router may do both in one
     * atomic step (one round trip, and never a write without its events); it must then behave as if the two calls were
     * made one right after the other, and fall back to them for any other router.
     *
     * @return the events as published (empty when there were none), or empty if the expectation did not hold: nothing
     *     was written and nothing published
     */
    default Optional<List<SequencedEvent>> compareAndSetAndPublish(K key, long expectedVersion, AgentId owner, V value,
            boolean open, AgentEventRouter router, Instant occurredAt, List<CoreEvent> events) {
        if (compareAndSet(key, expectedVersion, owner, value, open).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(router.publish(owner, occurredAt, events));
    }

    /**
     * Removes the value if its version is still {@code expectedVersion}, from both searches by owner too; returns
     * whether it did.
     */
    boolean remove(K key, long expectedVersion);

    /** The values that belong to {@code owner}, in no particular order. */
    List<Versioned<V>> findByOwner(AgentId owner);

    /**
     * The open values of {@code owner}, in no particular order, each as it is when read: at least every value whose
     * current version was written open before this search began. It may list more of the owner's values, so callers
     * check each value and must not conclude anything from a value being listed; the default lists all of them
     * ({@link #findByOwner}). An efficient implementation costs in proportion to the owner's open values, not to all
     * the values it keeps.
     */
    default List<Versioned<V>> findOpenByOwner(AgentId owner) {
        return findByOwner(owner);
    }

    /** Every value, for housekeeping; implementations may return a weakly consistent view. */
    Collection<Versioned<V>> all();

    /**
     * The open values of every owner, for the part of housekeeping that cannot wait (work items that expire, calls whose
     * wrap-up times out): at least every value whose current version was written open before this search began, each
     * as it is when read. Like {@link #findOpenByOwner} it may list more, so callers check each value; the default lists
     * all of them ({@link #all}). An efficient implementation costs in proportion to the open values, not to all the
     * values it keeps (a wrapped-up call is kept for {@code CoreSettings.callRetention}), so housekeeping can run every
     * few seconds however many calls an hour brings.
     */
    default Collection<Versioned<V>> allOpen() {
        return all();
    }
}
