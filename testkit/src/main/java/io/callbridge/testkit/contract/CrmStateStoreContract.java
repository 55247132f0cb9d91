package io.callbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CrmStateStore} must do, as JUnit 5 tests: compare-and-set with version 0 meaning absent, versions
 * that only go up, one winner among concurrent writers, namespaces kept apart, expiry after the time to live (a write
 * replaces the earlier expiry), removal by version, and names checked as the port says.
 *
 * <p>Time: a store whose expiry follows an injected clock (core's in-memory one) overrides {@link #elapse} to move its
 * clock; a store on a server's clock (Redis) keeps the default, which waits the time out for real, so the expiry
 * tests use a {@link #shortTtl() short time to live}.
 *
 * <pre>{@code
 * class MyCrmStateStoreTest extends CrmStateStoreContract {
 *     @Override
 *     protected CrmStateStore createStore() {
 *         return new MyCrmStateStore(...);   // empty, new for each test
 *     }
 * }
 * }</pre>
 */
public abstract class CrmStateStoreContract {
    protected static final String TOKENS = "hubspot.tokens";
    protected static final String LEDGER = "hubspot.ledger";
    protected static final Duration LONG = Duration.ofHours(1);

    private CrmStateStore store;

    /** A new, empty store; called before each test. */
    protected abstract CrmStateStore createStore();

    /**
     * Lets {@code time} pass for the store's expiry: by default waits it out for real (for a store on a server's
     * clock), plus a margin; a store on an injected clock moves the clock instead.
     */
    protected void elapse(Duration time) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(time.plusMillis(50).toNanos());
    }

    /** The time to live of the expiry tests: short, since a real-time store waits it out. */
    protected Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    protected final CrmStateStore store() {
        return store;
    }

    @BeforeEach
    final void newStore() {
        store = createStore();
    }

    // ------------------------------------------------------------------ compare-and-set

    @Test
    void anAbsentValueIsEmptyAndVersionZeroCreatesIt() {
        assertThat(store.get(TOKENS, "portal-1")).isEmpty();
        String value = "{\"access\":\"tok-é ☎\",\"refresh\":\"r\\n\\\"x\\\"\"}";
        assertThat(store.compareAndSet(TOKENS, "portal-1", 0, value, LONG)).contains(1L);
        assertThat(store.get(TOKENS, "portal-1")).contains(new Versioned<>(value, 1));
    }

    @Test
    void creatingAValueThatExistsWritesNothing() {
        store.compareAndSet(TOKENS, "portal-1", 0, "first", LONG);
        assertThat(store.compareAndSet(TOKENS, "portal-1", 0, "second", LONG)).isEmpty();
        assertThat(store.get(TOKENS, "portal-1")).contains(new Versioned<>("first", 1));
    }

    @Test
    void theCurrentVersionReplacesTheValueAndAStaleOrFutureOneWritesNothing() {
        store.compareAndSet(TOKENS, "k", 0, "v1", LONG);
        assertThat(store.compareAndSet(TOKENS, "k", 1, "v2", LONG)).contains(2L);
        assertThat(store.compareAndSet(TOKENS, "k", 1, "stale", LONG)).isEmpty();
        assertThat(store.compareAndSet(TOKENS, "k", 3, "future", LONG)).isEmpty();
        assertThat(store.compareAndSet(TOKENS, "nope", 1, "unknown", LONG)).isEmpty();
        assertThat(store.get(TOKENS, "k")).contains(new Versioned<>("v2", 2));
        assertThat(store.get(TOKENS, "nope")).isEmpty();
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(store.compareAndSet(LEDGER, "call-1", 0, "", LONG)).contains(1L);
        assertThat(store.get(LEDGER, "call-1")).contains(new Versioned<>("", 1));
    }

    @Test
    void namespacesAndKeysAreKeptApart() {
        store.compareAndSet(TOKENS, "a", 0, "tokens/a", LONG);
        store.compareAndSet(LEDGER, "a", 0, "ledger/a", LONG);
        // Separators must not let one name run into the other.
        store.compareAndSet("x:y", "z", 0, "x:y + z", LONG);
        store.compareAndSet("x", "y:z", 0, "x + y:z", LONG);
        store.compareAndSet("{x}", "ключ a b", 0, "braces", LONG);

        assertThat(store.get(TOKENS, "a")).contains(new Versioned<>("tokens/a", 1));
        assertThat(store.get(LEDGER, "a")).contains(new Versioned<>("ledger/a", 1));
        assertThat(store.get("x:y", "z")).contains(new Versioned<>("x:y + z", 1));
        assertThat(store.get("x", "y:z")).contains(new Versioned<>("x + y:z", 1));
        assertThat(store.get("{x}", "ключ a b")).contains(new Versioned<>("braces", 1));
        assertThat(store.get(TOKENS, "b")).isEmpty();
    }

    @Test
    void concurrentWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        store.compareAndSet(TOKENS, "k", 0, "v1", LONG);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Long>>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String value = "writer-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.compareAndSet(TOKENS, "k", 1, value, LONG);
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Optional<Long>> f : results) {
                Optional<Long> r = f.get(30, TimeUnit.SECONDS);
                if (r.isPresent()) {
                    won++;
                    assertThat(r).contains(2L);
                }
            }
            assertThat(won).isOne();
            assertThat(store.get(TOKENS, "k")).hasValueSatisfying(v -> {
                assertThat(v.version()).isEqualTo(2);
                assertThat(v.value()).startsWith("writer-");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ expiry

    @Test
    void aValueIsGoneAfterItsTimeToLiveAsIfRemoved() throws Exception {
        store.compareAndSet(TOKENS, "k", 0, "v1", shortTtl());
        store.compareAndSet(TOKENS, "kept", 0, "v", LONG);
        assertThat(store.get(TOKENS, "k")).as("before its time").contains(new Versioned<>("v1", 1));

        elapse(shortTtl());

        assertThat(store.get(TOKENS, "k")).isEmpty();
        assertThat(store.compareAndSet(TOKENS, "k", 1, "stale", LONG)).as("gone, not version 1").isEmpty();
        assertThat(store.remove(TOKENS, "k", 1)).isFalse();
        assertThat(store.compareAndSet(TOKENS, "k", 0, "new", LONG)).as("absent again").contains(1L);
        assertThat(store.get(TOKENS, "kept")).contains(new Versioned<>("v", 1));
    }

    @Test
    void aWriteReplacesTheEarlierExpiry() throws Exception {
        store.compareAndSet(TOKENS, "longer", 0, "v1", shortTtl());
        store.compareAndSet(TOKENS, "longer", 1, "v2", LONG);
        store.compareAndSet(TOKENS, "shorter", 0, "v1", LONG);
        store.compareAndSet(TOKENS, "shorter", 1, "v2", shortTtl());

        elapse(shortTtl());

        assertThat(store.get(TOKENS, "longer")).contains(new Versioned<>("v2", 2));
        assertThat(store.get(TOKENS, "shorter")).isEmpty();
    }

    @Test
    void aFailedCompareKeepsTheExpiry() throws Exception {
        store.compareAndSet(TOKENS, "k", 0, "v1", shortTtl());
        assertThat(store.compareAndSet(TOKENS, "k", 7, "wrong version", LONG)).isEmpty();

        elapse(shortTtl());

        assertThat(store.get(TOKENS, "k")).isEmpty();
    }

    @Test
    void aTimeToLiveMustBePositive() {
        assertThatThrownBy(() -> store.compareAndSet(TOKENS, "k", 0, "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> store.compareAndSet(TOKENS, "k", 0, "v", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThat(store.get(TOKENS, "k")).isEmpty();
    }

    // ------------------------------------------------------------------ remove

    @Test
    void removeTakesTheCurrentVersionOnly() {
        store.compareAndSet(TOKENS, "k", 0, "v1", LONG);
        store.compareAndSet(TOKENS, "k", 1, "v2", LONG);
        assertThat(store.remove(TOKENS, "k", 1)).isFalse();
        assertThat(store.remove(TOKENS, "k", 0)).isFalse();
        assertThat(store.get(TOKENS, "k")).contains(new Versioned<>("v2", 2));
        assertThat(store.remove(TOKENS, "k", 2)).isTrue();
        assertThat(store.get(TOKENS, "k")).isEmpty();
        assertThat(store.remove(TOKENS, "k", 2)).as("already gone").isFalse();
        assertThat(store.remove(TOKENS, "nope", 0)).isFalse();
        assertThat(store.compareAndSet(TOKENS, "k", 0, "again", LONG)).as("created anew").contains(1L);
    }

    // ------------------------------------------------------------------ names

    @Test
    void namesAreCheckedAsThePortSays() {
        String longest = "n".repeat(CrmStateStore.MAX_NAME_LENGTH);
        assertThat(store.compareAndSet(longest, longest, 0, "v", LONG)).contains(1L);
        assertThat(store.get(longest, longest)).contains(new Versioned<>("v", 1));

        String tooLong = longest + "n";
        assertRefused("namespace", () -> store.get("", "k"));
        assertRefused("namespace", () -> store.get(tooLong, "k"));
        assertRefused("namespace", () -> store.compareAndSet("a\nb", "k", 0, "v", LONG));
        assertRefused("key", () -> store.get(TOKENS, ""));
        assertRefused("key", () -> store.compareAndSet(TOKENS, tooLong, 0, "v", LONG));
        assertRefused("key", () -> store.remove(TOKENS, "a\u0000b", 1));
        assertRefused("key", () -> store.remove(TOKENS, "tab\tkey", 1));
    }

    private static void assertRefused(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field);
    }
}
