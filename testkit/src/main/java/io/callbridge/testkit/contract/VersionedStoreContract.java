package io.callbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VersionedStore} must do, as JUnit 5 tests: compare-and-set, the open index written with it,
 * removal, the searches by owner. A store implementation (core's in-memory one, cluster-redis, a vendor's own) extends
 * one of {@link OfCalls}, {@link OfAgents}, {@link OfWorkItems} (or this class for other value types) and supplies
 * {@link #createStore()}:
 *
 * <pre>{@code
 * class MyCallStoreTest extends VersionedStoreContract.OfCalls {
 *     @Override
 *     protected VersionedStore<CallId, Call> createStore() {
 *         return new MyCallStore(...);   // empty, new for each test
 *     }
 * }
 * }</pre>
 *
 * A store that relies on the SPI's defaults for the open flag (every value counts as open) returns false from
 * {@link #listsOnlyOpenValues()}.
 *
 * @param <K> the key
 * @param <V> the value
 */
public abstract class VersionedStoreContract<K, V> {
    protected static final AgentId ANN = AgentId.of("acme", "ann");
    protected static final AgentId BOB = AgentId.of("acme", "bob");
    /** Same agent name as {@link #ANN}, another tenant: a different owner. */
    protected static final AgentId ANN_OF_GLOBEX = AgentId.of("globex", "ann");

    private VersionedStore<K, V> store;

    /** A new, empty store; called before each test. */
    protected abstract VersionedStore<K, V> createStore();

    /** Key number {@code n}; distinct for distinct {@code n}. */
    protected abstract K key(int n);

    /** A value stored under {@code key} for {@code owner}; distinct for distinct {@code revision}. */
    protected abstract V value(K key, AgentId owner, int revision);

    /**
     * Whether {@link VersionedStore#findOpenByOwner} leaves out values last written closed. The SPI allows it to list
     * them (its default does); an efficient store does not, and this contract then checks that it does not.
     */
    protected boolean listsOnlyOpenValues() {
        return true;
    }

    /** Rounds per writer of the concurrent compare-and-set test. */
    protected int concurrentRounds() {
        return 200;
    }

    protected final VersionedStore<K, V> store() {
        return store;
    }

    @BeforeEach
    final void newStore() {
        store = createStore();
    }

    // ------------------------------------------------------------------ compare-and-set

    @Test
    void anAbsentKeyHasNoValue() {
        assertThat(store.get(key(1))).isEmpty();
    }

    @Test
    void creatingWithExpectedVersionZeroStoresVersionOne() {
        V v = value(key(1), ANN, 1);
        assertThat(store.compareAndSet(key(1), 0, ANN, v)).contains(1L);
        assertThat(store.get(key(1))).contains(new Versioned<>(v, 1));
    }

    @Test
    void creatingAKeyThatExistsWritesNothing() {
        V first = value(key(1), ANN, 1);
        store.compareAndSet(key(1), 0, ANN, first);
        assertThat(store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 2))).isEmpty();
        assertThat(store.get(key(1))).contains(new Versioned<>(first, 1));
    }

    @Test
    void eachWriteWithTheCurrentVersionIncreasesItByOne() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1));
        assertThat(store.compareAndSet(k, 1, ANN, value(k, ANN, 2))).contains(2L);
        assertThat(store.compareAndSet(k, 2, ANN, value(k, ANN, 3), false)).contains(3L);
        assertThat(store.compareAndSet(k, 3, ANN, value(k, ANN, 4), true)).contains(4L);
        assertThat(store.get(k)).contains(new Versioned<>(value(k, ANN, 4), 4));
    }

    @Test
    void aStaleOrFutureVersionWritesNothing() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1));
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2));
        assertThat(store.compareAndSet(k, 1, ANN, value(k, ANN, 3))).as("stale").isEmpty();
        assertThat(store.compareAndSet(k, 3, ANN, value(k, ANN, 3))).as("from the future").isEmpty();
        assertThat(store.compareAndSet(k, 1, ANN, value(k, ANN, 3), false)).as("stale, closing").isEmpty();
        assertThat(store.get(k)).contains(new Versioned<>(value(k, ANN, 2), 2));
    }

    @Test
    void anUpdateOfAnAbsentKeyCreatesNothing() {
        assertThat(store.compareAndSet(key(1), 1, ANN, value(key(1), ANN, 1))).isEmpty();
        assertThat(store.get(key(1))).isEmpty();
        assertThat(store.findByOwner(ANN)).isEmpty();
        assertThat(store.findOpenByOwner(ANN)).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    // ------------------------------------------------------------------ the open index

    @Test
    void aValueWrittenWithoutAFlagCountsAsOpen() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1));
        assertThat(store.findOpenByOwner(ANN)).containsExactly(new Versioned<>(value(key(1), ANN, 1), 1));
    }

    @Test
    void valuesWrittenOpenAreFoundByTheirOwner() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1), true);
        store.compareAndSet(key(2), 0, ANN, value(key(2), ANN, 1), true);
        store.compareAndSet(key(3), 0, BOB, value(key(3), BOB, 1), true);
        assertThat(store.findOpenByOwner(ANN)).containsExactlyInAnyOrder(
                new Versioned<>(value(key(1), ANN, 1), 1), new Versioned<>(value(key(2), ANN, 1), 1));
        assertThat(store.findOpenByOwner(BOB)).containsExactly(new Versioned<>(value(key(3), BOB, 1), 1));
        assertThat(store.findOpenByOwner(ANN_OF_GLOBEX)).isEmpty();
    }

    @Test
    void aValueWrittenClosedIsNoLongerListedAsOpen() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), true);
        store.compareAndSet(key(2), 0, ANN, value(key(2), ANN, 1), true);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), false);
        List<Versioned<V>> open = store.findOpenByOwner(ANN);
        assertThat(open).contains(new Versioned<>(value(key(2), ANN, 1), 1));
        assertThat(store.findByOwner(ANN)).as("the open search lists only the owner's values").containsAll(open);
        if (listsOnlyOpenValues()) {
            assertThat(open).containsExactly(new Versioned<>(value(key(2), ANN, 1), 1));
        }
        assertThat(store.findByOwner(ANN)).as("a closed value still belongs to its owner").containsExactlyInAnyOrder(
                new Versioned<>(value(k, ANN, 2), 2), new Versioned<>(value(key(2), ANN, 1), 1));
    }

    @Test
    void aValueCreatedClosedIsNotListedAsOpen() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1), false);
        if (listsOnlyOpenValues()) {
            assertThat(store.findOpenByOwner(ANN)).isEmpty();
        }
        assertThat(store.findByOwner(ANN)).containsExactly(new Versioned<>(value(key(1), ANN, 1), 1));
    }

    @Test
    void aClosedValueCanBeOpenedAgain() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), false);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), true);
        assertThat(store.findOpenByOwner(ANN)).containsExactly(new Versioned<>(value(k, ANN, 2), 2));
    }

    @Test
    void aFailedWriteChangesNeitherTheValueNorItsFlag() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), true);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), true);
        assertThat(store.compareAndSet(k, 1, ANN, value(k, ANN, 3), false)).isEmpty();
        assertThat(store.findOpenByOwner(ANN)).containsExactly(new Versioned<>(value(k, ANN, 2), 2));

        K closed = key(2);
        store.compareAndSet(closed, 0, ANN, value(closed, ANN, 1), false);
        assertThat(store.compareAndSet(closed, 0, ANN, value(closed, ANN, 2), true)).isEmpty();
        if (listsOnlyOpenValues()) {
            assertThat(store.findOpenByOwner(ANN)).containsExactly(new Versioned<>(value(k, ANN, 2), 2));
        }
    }

    @Test
    void theOpenSearchReturnsEachValueAsItIsNow() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), true);
        store.findOpenByOwner(ANN);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), true);
        store.compareAndSet(k, 2, ANN, value(k, ANN, 3), true);
        assertThat(store.findOpenByOwner(ANN)).containsExactly(new Versioned<>(value(k, ANN, 3), 3));
    }

    // ------------------------------------------------------------------ searches

    @Test
    void anOwnerWithoutValuesHasNone() {
        store.compareAndSet(key(1), 0, BOB, value(key(1), BOB, 1));
        assertThat(store.findByOwner(ANN)).isEmpty();
        assertThat(store.findOpenByOwner(ANN)).isEmpty();
    }

    @Test
    void findByOwnerListsEveryValueOfThatOwnerOnly() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1), true);
        store.compareAndSet(key(2), 0, ANN, value(key(2), ANN, 1), false);
        store.compareAndSet(key(2), 1, ANN, value(key(2), ANN, 2), false);
        store.compareAndSet(key(3), 0, BOB, value(key(3), BOB, 1), true);
        store.compareAndSet(key(4), 0, ANN_OF_GLOBEX, value(key(4), ANN_OF_GLOBEX, 1), true);

        assertThat(store.findByOwner(ANN)).containsExactlyInAnyOrder(
                new Versioned<>(value(key(1), ANN, 1), 1), new Versioned<>(value(key(2), ANN, 2), 2));
        assertThat(store.findByOwner(BOB)).containsExactly(new Versioned<>(value(key(3), BOB, 1), 1));
        assertThat(store.findByOwner(ANN_OF_GLOBEX))
                .containsExactly(new Versioned<>(value(key(4), ANN_OF_GLOBEX, 1), 1));
    }

    @Test
    void allListsEveryValue() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1), true);
        store.compareAndSet(key(2), 0, BOB, value(key(2), BOB, 1), false);
        store.compareAndSet(key(2), 1, BOB, value(key(2), BOB, 2), false);
        assertThat(store.all()).containsExactlyInAnyOrder(
                new Versioned<>(value(key(1), ANN, 1), 1), new Versioned<>(value(key(2), BOB, 2), 2));
    }

    @Test
    void allOpenListsTheOpenValuesOfEveryOwnerAsTheyAreNow() {
        store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, 1), true);
        store.compareAndSet(key(2), 0, BOB, value(key(2), BOB, 1), true);
        store.compareAndSet(key(2), 1, BOB, value(key(2), BOB, 2), true);
        store.compareAndSet(key(3), 0, ANN, value(key(3), ANN, 1), false);
        store.compareAndSet(key(4), 0, BOB, value(key(4), BOB, 1), true);
        store.compareAndSet(key(4), 1, BOB, value(key(4), BOB, 2), false);
        store.compareAndSet(key(5), 0, ANN, value(key(5), ANN, 1), false);
        store.compareAndSet(key(5), 1, ANN, value(key(5), ANN, 2), true);
        store.compareAndSet(key(6), 0, ANN_OF_GLOBEX, value(key(6), ANN_OF_GLOBEX, 1), true);
        assertThat(store.remove(key(6), 1)).isTrue();
        assertThat(store.compareAndSet(key(1), 7, ANN, value(key(1), ANN, 9), false)).as("a failed write").isEmpty();

        List<Versioned<V>> open = List.copyOf(store.allOpen());
        List<Versioned<V>> expected = List.of(new Versioned<>(value(key(1), ANN, 1), 1),
                new Versioned<>(value(key(2), BOB, 2), 2), new Versioned<>(value(key(5), ANN, 2), 2));
        assertThat(open).containsAll(expected);
        assertThat(store.all()).as("only values the store holds").containsAll(open);
        if (listsOnlyOpenValues()) {
            assertThat(open).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void allOpenFindsTheFewOpenValuesAmongManyClosedOnes() {
        for (int i = 1; i <= 150; i++) {
            AgentId owner = i % 2 == 0 ? ANN : BOB;
            store.compareAndSet(key(i), 0, owner, value(key(i), owner, i), i % 10 == 0);
        }
        List<Versioned<V>> expected = new ArrayList<>();
        for (int i = 10; i <= 150; i += 10) {
            expected.add(new Versioned<>(value(key(i), ANN, i), 1));
        }
        assertThat(store.allOpen()).containsAll(expected);
        if (listsOnlyOpenValues()) {
            assertThat(store.allOpen()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void manyValuesOfOneOwnerAreAllFound() {
        for (int i = 1; i <= 150; i++) {
            store.compareAndSet(key(i), 0, ANN, value(key(i), ANN, i), i % 10 == 0);
        }
        assertThat(store.findByOwner(ANN)).hasSize(150);
        assertThat(store.all()).hasSize(150);
        List<Versioned<V>> open = store.findOpenByOwner(ANN);
        assertThat(open).hasSizeGreaterThanOrEqualTo(15);
        if (listsOnlyOpenValues()) {
            List<Versioned<V>> expected = new ArrayList<>();
            for (int i = 10; i <= 150; i += 10) {
                expected.add(new Versioned<>(value(key(i), ANN, i), 1));
            }
            assertThat(open).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    // ------------------------------------------------------------------ removal

    @Test
    void removingWithTheCurrentVersionTakesTheValueOutOfEverySearch() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), true);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), true);
        store.compareAndSet(key(2), 0, ANN, value(key(2), ANN, 1), true);

        assertThat(store.remove(k, 2)).isTrue();

        assertThat(store.get(k)).isEmpty();
        Versioned<V> other = new Versioned<>(value(key(2), ANN, 1), 1);
        assertThat(store.findByOwner(ANN)).containsExactly(other);
        assertThat(store.findOpenByOwner(ANN)).containsExactly(other);
        assertThat(store.all()).containsExactly(other);
    }

    @Test
    void removingWithAStaleVersionKeepsTheValue() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), true);
        store.compareAndSet(k, 1, ANN, value(k, ANN, 2), true);
        assertThat(store.remove(k, 1)).isFalse();
        assertThat(store.remove(k, 3)).isFalse();
        Versioned<V> kept = new Versioned<>(value(k, ANN, 2), 2);
        assertThat(store.get(k)).contains(kept);
        assertThat(store.findByOwner(ANN)).containsExactly(kept);
        assertThat(store.findOpenByOwner(ANN)).containsExactly(kept);
    }

    @Test
    void removingAnAbsentKeyDoesNothing() {
        assertThat(store.remove(key(1), 1)).isFalse();
        assertThat(store.remove(key(1), 0)).isFalse();
        assertThat(store.get(key(1))).isEmpty();
    }

    @Test
    void aRemovedKeyCanBeCreatedAgain() {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 1), false);
        assertThat(store.remove(k, 1)).isTrue();
        Optional<Long> again = store.compareAndSet(k, 0, ANN, value(k, ANN, 7), true);
        assertThat(again).isPresent();
        Versioned<V> current = new Versioned<>(value(k, ANN, 7), again.orElseThrow());
        assertThat(store.get(k)).contains(current);
        assertThat(store.findByOwner(ANN)).containsExactly(current);
        assertThat(store.findOpenByOwner(ANN)).containsExactly(current);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentCreatorsOfOneKeyHaveExactlyOneWinner() throws Exception {
        int writers = 8;
        List<Optional<Long>> results = race(writers, i -> store.compareAndSet(key(1), 0, ANN, value(key(1), ANN, i)));
        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        int winner = -1;
        for (int i = 0; i < writers; i++) {
            if (results.get(i).isPresent()) {
                winner = i;
            }
        }
        assertThat(store.get(key(1))).contains(new Versioned<>(value(key(1), ANN, winner), 1));
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        K k = key(1);
        store.compareAndSet(k, 0, ANN, value(k, ANN, 0));
        int writers = 4;
        int rounds = concurrentRounds();
        Map<Long, V> written = new ConcurrentHashMap<>();
        race(writers, w -> {
            for (int r = 0; r < rounds; r++) {
                while (true) {
                    Versioned<V> current = store.get(k).orElseThrow();
                    V next = value(k, ANN, 1 + w * rounds + r);
                    Optional<Long> version = store.compareAndSet(k, current.version(), ANN, next, r % 2 == 0);
                    if (version.isPresent()) {
                        assertThat(version.orElseThrow()).isEqualTo(current.version() + 1);
                        assertThat(written.putIfAbsent(version.orElseThrow(), next))
                                .as("two writers were given version %s", version.orElseThrow()).isNull();
                        break;
                    }
                }
            }
            return null;
        });
        long expected = 1L + writers * rounds;
        Versioned<V> last = store.get(k).orElseThrow();
        assertThat(last.version()).as("every successful write counted once").isEqualTo(expected);
        assertThat(written).hasSize(writers * rounds);
        assertThat(last.value()).isEqualTo(written.get(expected));
    }

    private static <T> List<T> race(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.run(n);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return Collections.unmodifiableList(results);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(int thread) throws Exception;
    }

    // ------------------------------------------------------------------ the core stores

    /** The contract for a store of calls ({@code CoreModule.CALL_STORE}), with calls that fill every field. */
    public abstract static class OfCalls extends VersionedStoreContract<CallId, Call> {
        @Override
        protected CallId key(int n) {
            return CallId.of("call-" + n);
        }

        @Override
        protected Call value(CallId key, AgentId owner, int revision) {
            return Samples.call(key, owner, revision);
        }
    }

    /** The contract for a store of agents ({@code CoreModule.AGENT_STORE}). */
    public abstract static class OfAgents extends VersionedStoreContract<AgentId, Agent> {
        @Override
        protected AgentId key(int n) {
            return AgentId.of("acme", "agent-" + n);
        }

        @Override
        protected Agent value(AgentId key, AgentId owner, int revision) {
            return Samples.agent(key, revision);
        }
    }

    /** The contract for a store of work items ({@code CoreModule.WORK_STORE}). */
    public abstract static class OfWorkItems extends VersionedStoreContract<WorkItemKey, WorkItem> {
        @Override
        protected WorkItemKey key(int n) {
            // Work item ids are the CRM's: any printable text, separators included.
            return new WorkItemKey(AgentId.of("acme", "ann"), WorkItemId.of("0Z/" + n + ":step " + n));
        }

        @Override
        protected WorkItem value(WorkItemKey key, AgentId owner, int revision) {
            return Samples.workItem(key.id(), key.agent(), revision);
        }
    }
}
