package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.spi.Versioned;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory store's compare-and-set and its two indexes by owner: every key, and the keys last written open. */
class InMemoryVersionedStoreTest {

    /** A value that says how it was last written, so a test can tell what the open index ought to hold. */
    private record Item(String name, boolean open) { }

    private final InMemoryVersionedStore<String, Item> store = new InMemoryVersionedStore<>();

    private long write(String key, long expected, boolean open) {
        return store.compareAndSet(key, expected, ALICE, new Item(key, open), open).orElseThrow();
    }

    private static Set<String> names(List<Versioned<Item>> found) {
        Set<String> names = new HashSet<>();
        found.forEach(v -> names.add(v.value().name()));
        return names;
    }

    @Test
    void findOpenByOwnerListsTheValuesLastWrittenOpenAndFindByOwnerListsAll() {
        write("open", 0, true);
        write("closed", 0, false);
        long v = write("closedLater", 0, true);
        write("closedLater", v, false);
        v = write("reopened", 0, false);
        write("reopened", v, true);

        assertThat(names(store.findOpenByOwner(ALICE))).containsExactlyInAnyOrder("open", "reopened");
        assertThat(names(store.findByOwner(ALICE))).containsExactlyInAnyOrder("open", "closed", "closedLater",
                "reopened");
        assertThat(store.indexedOpenKeys(ALICE)).containsExactlyInAnyOrder("open", "reopened");
    }

    @Test
    void findOpenByOwnerGivesTheCurrentVersionOfEachValue() {
        long v = write("a", 0, true);
        v = write("a", v, true);
        v = write("a", v, true);

        assertThat(store.findOpenByOwner(ALICE)).containsExactly(new Versioned<>(new Item("a", true), 3));
        assertThat(v).isEqualTo(3);
    }

    @Test
    void aValueWrittenWithoutTheFlagCountsAsOpen() {
        assertThat(store.compareAndSet("plain", 0, ALICE, new Item("plain", false))).contains(1L);

        assertThat(names(store.findOpenByOwner(ALICE))).containsExactly("plain");
    }

    @Test
    void aFailedWriteChangesNeitherTheValueNorTheIndexes() {
        long v = write("a", 0, true);

        assertThat(store.compareAndSet("a", v + 1, ALICE, new Item("a", false), false)).isEmpty();
        assertThat(store.compareAndSet("a", 0, ALICE, new Item("a", false), false)).isEmpty();
        assertThat(store.compareAndSet("b", 3, ALICE, new Item("b", true), true)).isEmpty();

        assertThat(store.get("a")).contains(new Versioned<>(new Item("a", true), 1));
        assertThat(store.get("b")).isEmpty();
        assertThat(store.indexedOpenKeys(ALICE)).containsExactly("a");
        assertThat(store.indexedKeys(ALICE)).containsExactly("a");
    }

    @Test
    void removingAValueTakesItOutOfBothIndexesButNotWithAStaleVersion() {
        long open = write("open", 0, true);
        long closed = write("closed", 0, false);

        assertThat(store.remove("open", open + 1)).isFalse();
        assertThat(store.indexedOpenKeys(ALICE)).containsExactly("open");
        assertThat(store.remove("open", open)).isTrue();
        assertThat(store.remove("closed", closed)).isTrue();

        assertThat(store.indexedKeys(ALICE)).isEmpty();
        assertThat(store.indexedOpenKeys(ALICE)).isEmpty();
        assertThat(store.findOpenByOwner(ALICE)).isEmpty();
        assertThat(store.findByOwner(ALICE)).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void findByOwnerListsKeysInTheOrderTheyWereFirstStored() {
        long c = write("c", 0, true);
        write("a", 0, false);
        long b = write("b", 0, true);
        write("c", c, false);
        store.remove("b", b);
        write("b", 0, true);

        assertThat(store.findByOwner(ALICE)).extracting(v -> v.value().name()).containsExactly("c", "a", "b");
    }

    @Test
    void eachOwnerSeesOnlyItsOwnOpenValues() {
        write("alice's", 0, true);
        store.compareAndSet("bob's", 0, BOB, new Item("bob's", true), true);

        assertThat(names(store.findOpenByOwner(ALICE))).containsExactly("alice's");
        assertThat(names(store.findOpenByOwner(BOB))).containsExactly("bob's");
        assertThat(store.findOpenByOwner(io.callbridge.core.model.AgentId.of("acme", "carol"))).isEmpty();
    }

    /**
     * Threads race to rewrite, close, reopen and remove the same keys; whatever order the writes land in, the open
     * index ends up holding exactly the keys whose stored value was written open.
     */
    @Test
    void racingWritersAndRemoversLeaveTheOpenIndexExactlyInStepWithTheValues() throws Exception {
        int threads = 8;
        int keys = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                InMemoryVersionedStore<String, Item> racing = new InMemoryVersionedStore<>();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(round * 100L + t);
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 2_000; i++) {
                            String key = "k" + random.nextInt(keys);
                            Optional<Versioned<Item>> current = racing.get(key);
                            long version = current.map(Versioned::version).orElse(0L);
                            if (current.isPresent() && random.nextInt(5) == 0) {
                                racing.remove(key, version);
                            } else {
                                boolean open = random.nextBoolean();
                                racing.compareAndSet(key, version, ALICE, new Item(key, open), open);
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(1, TimeUnit.MINUTES);
                }
                Set<String> open = new HashSet<>();
                Set<String> stored = new HashSet<>();
                racing.all().forEach(v -> {
                    stored.add(v.value().name());
                    if (v.value().open()) {
                        open.add(v.value().name());
                    }
                });
                assertThat(racing.indexedOpenKeys(ALICE)).as("round %d", round).isEqualTo(open);
                assertThat(racing.indexedKeys(ALICE)).as("round %d", round).isEqualTo(stored);
                assertThat(names(racing.findOpenByOwner(ALICE))).as("round %d", round).isEqualTo(open);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }
}
