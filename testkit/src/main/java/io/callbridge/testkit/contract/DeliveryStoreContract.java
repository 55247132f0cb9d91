package io.callbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import java.time.Duration;
import java.time.Instant;
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
 * What every {@link DeliveryStore} must do, as JUnit 5 tests: the first claim creates the entry, a claim is a lease
 * that refuses other claimants until it lapses, a renewal under the current fence extends it (and one under a lost claim
 * is refused), each claim raises the fence and a stale fence changes nothing, failed
 * attempts are counted, release and finish, a finished key starts again as new, the pending entries of an agent, and
 * the outbox: a parked entry starts unclaimed and is claimed like any other, {@code owedBy} lists a CRM's entries.
 *
 * <pre>{@code
 * class MyDeliveryStoreTest extends DeliveryStoreContract {
 *     @Override
 *     protected DeliveryStore createStore() {
 *         return new MyDeliveryStore(...);   // empty, new for each test
 *     }
 * }
 * }</pre>
 */
public abstract class DeliveryStoreContract {
    protected static final AgentId ANN = AgentId.of("acme", "ann");
    protected static final AgentId BOB = AgentId.of("acme", "bob");
    protected static final AgentId ANN_OF_GLOBEX = AgentId.of("globex", "ann");
    /** Nanoseconds included: a lease must end exactly when it says. */
    protected static final Instant NOW = Instant.parse("2026-01-01T09:00:00.123456789Z");
    protected static final Instant UNTIL = NOW.plusSeconds(10);

    private DeliveryStore store;

    /** A new, empty store; called before each test. */
    protected abstract DeliveryStore createStore();

    protected final DeliveryStore store() {
        return store;
    }

    @BeforeEach
    final void newStore() {
        store = createStore();
    }

    /** An owed side effect whose arguments hold what a careless encoding would damage. */
    protected static OwedDelivery owed(String key, AgentId agent) {
        return OwedDelivery.of(key, agent, "salesforce", "saveLog",
                "{\"value\":{\"Subject\":\"Call — Zoë \\\"Z\\\" O'Brien ☎\",\"Description\":\"line 1\\nline 2\"}}");
    }

    // ------------------------------------------------------------------ claims

    @Test
    void theFirstClaimCreatesTheEntry() {
        OwedDelivery owed = owed("hs:call-1:completed", ANN);
        OwedDelivery claimed = store.claim(owed, "node-a/frame-1", NOW, UNTIL).orElseThrow();

        assertThat(claimed.key()).isEqualTo(owed.key());
        assertThat(claimed.agent()).isEqualTo(ANN);
        assertThat(claimed.crm()).isEqualTo("salesforce");
        assertThat(claimed.method()).isEqualTo("saveLog");
        assertThat(claimed.argsJson()).isEqualTo(owed.argsJson());
        assertThat(claimed.attempts()).isZero();
        assertThat(claimed.claimant()).isEqualTo("node-a/frame-1");
        assertThat(claimed.claimedUntil()).isEqualTo(UNTIL);
        assertThat(claimed.fence()).isPositive();
        assertThat(store.get(owed.key())).contains(claimed);
    }

    @Test
    void anotherClaimantIsRefusedWhileTheClaimLasts() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.claim(owed("k", ANN), "b", NOW.plusSeconds(5), NOW.plusSeconds(15))).isEmpty();
        assertThat(store.claim(owed("k", ANN), "b", UNTIL.minusNanos(1), UNTIL.plusSeconds(10))).as("1 ns before")
                .isEmpty();
        assertThat(store.get("k")).contains(claimed);
    }

    @Test
    void theClaimantMayClaimAgainWithAHigherFence() {
        OwedDelivery first = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        OwedDelivery again = store.claim(owed("k", ANN), "a", NOW.plusSeconds(1), UNTIL.plusSeconds(1)).orElseThrow();
        assertThat(again.fence()).isGreaterThan(first.fence());
        assertThat(again.claimedUntil()).isEqualTo(UNTIL.plusSeconds(1));
        assertThat(store.get("k")).contains(again);
    }

    @Test
    void aLapsedClaimIsTakenOverFromTheMomentItEnds() {
        OwedDelivery first = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        OwedDelivery taken = store.claim(owed("k", ANN), "b", UNTIL, UNTIL.plusSeconds(10)).orElseThrow();
        assertThat(taken.claimant()).isEqualTo("b");
        assertThat(taken.claimedUntil()).isEqualTo(UNTIL.plusSeconds(10));
        assertThat(taken.fence()).isGreaterThan(first.fence());
        assertThat(store.get("k")).contains(taken);
    }

    @Test
    void takingOverKeepsTheEntryNotTheNewOffer() {
        store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        store.attemptFailed("k", store.get("k").orElseThrow().fence());
        OwedDelivery different = OwedDelivery.of("k", ANN, "hubspot", "other", "{}");
        OwedDelivery taken = store.claim(different, "b", NOW, UNTIL).orElseThrow();
        assertThat(taken.crm()).isEqualTo("salesforce");
        assertThat(taken.method()).isEqualTo("saveLog");
        assertThat(taken.argsJson()).isEqualTo(owed("k", ANN).argsJson());
        assertThat(taken.attempts()).isEqualTo(1);
    }

    @Test
    void everyClaimRaisesTheFence() {
        long last = 0;
        Instant at = NOW;
        for (int i = 0; i < 5; i++) {
            OwedDelivery c = store.claim(owed("k", ANN), "claimant-" + i, at, at.plusSeconds(1)).orElseThrow();
            assertThat(c.fence()).isGreaterThan(last);
            last = c.fence();
            at = at.plusSeconds(1);
        }
    }

    @Test
    void concurrentClaimsOfOneKeyHaveExactlyOneWinner() throws Exception {
        int claimants = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<OwedDelivery>>> results = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                String claimant = "node-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.claim(owed("k", ANN), claimant, NOW, UNTIL);
                }));
            }
            go.countDown();
            List<OwedDelivery> won = new ArrayList<>();
            for (Future<Optional<OwedDelivery>> f : results) {
                f.get(30, TimeUnit.SECONDS).ifPresent(won::add);
            }
            assertThat(won).hasSize(1);
            assertThat(store.get("k")).contains(won.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ renewal

    @Test
    void aRenewalExtendsTheClaimAndKeepsItsFence() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        Instant later = UNTIL.plusSeconds(5).plusNanos(7);
        assertThat(store.renew("k", claimed.fence(), later)).isTrue();

        OwedDelivery renewed = store.get("k").orElseThrow();
        assertThat(renewed.claimedUntil()).isEqualTo(later);
        assertThat(renewed.claimant()).isEqualTo("a");
        assertThat(renewed.fence()).isEqualTo(claimed.fence());
        assertThat(renewed.attempts()).isZero();
        assertThat(store.claim(owed("k", ANN), "b", UNTIL, UNTIL.plusSeconds(10))).as("the old end has passed")
                .isEmpty();
        assertThat(store.claim(owed("k", ANN), "b", later.minusNanos(1), later.plusSeconds(10))).isEmpty();
        assertThat(store.claim(owed("k", ANN), "b", later, later.plusSeconds(10))).as("the renewed end")
                .isPresent();
    }

    @Test
    void aRenewalUnderALostClaimIsRefusedAndChangesNothing() {
        OwedDelivery paused = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        OwedDelivery current = store.claim(owed("k", ANN), "b", UNTIL, UNTIL.plusSeconds(10)).orElseThrow();

        assertThat(store.renew("k", paused.fence(), UNTIL.plusSeconds(60))).isFalse();
        assertThat(store.get("k")).contains(current);
    }

    @Test
    void aLapsedClaimNobodyTookIsStillTheFencesToRenew() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.renew("k", claimed.fence(), UNTIL.plusSeconds(30))).isTrue();
        assertThat(store.get("k").orElseThrow().claimedUntil()).isEqualTo(UNTIL.plusSeconds(30));
    }

    @Test
    void aClaimLetGoOrFinishedOrUnknownIsNotRenewed() {
        OwedDelivery released = store.claim(owed("r", ANN), "a", NOW, UNTIL).orElseThrow();
        store.release("r", released.fence());
        assertThat(store.renew("r", released.fence(), UNTIL)).isFalse();
        assertThat(store.get("r").orElseThrow().claimant()).isNull();
        assertThat(store.get("r").orElseThrow().claimedUntil()).isNull();

        OwedDelivery failed = store.claim(owed("f", ANN), "a", NOW, UNTIL).orElseThrow();
        store.attemptFailed("f", failed.fence());
        assertThat(store.renew("f", failed.fence(), UNTIL)).isFalse();
        assertThat(store.get("f").orElseThrow().claimant()).isNull();

        OwedDelivery finished = store.claim(owed("x", ANN), "a", NOW, UNTIL).orElseThrow();
        store.finish("x", finished.fence());
        assertThat(store.renew("x", finished.fence(), UNTIL)).isFalse();
        assertThat(store.get("x")).isEmpty();
        assertThat(store.renew("nope", 1, UNTIL)).isFalse();
        assertThat(store.get("nope")).isEmpty();
    }

    // ------------------------------------------------------------------ attempts, release, finish

    @Test
    void aFailedAttemptIsCountedAndLetsTheClaimGo() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.attemptFailed("k", claimed.fence())).contains(1);

        OwedDelivery after = store.get("k").orElseThrow();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.claimant()).isNull();
        assertThat(after.claimedUntil()).isNull();

        OwedDelivery next = store.claim(owed("k", ANN), "b", NOW.plusSeconds(1), UNTIL).orElseThrow();
        assertThat(next.attempts()).as("another claimant, before the old lease would have ended").isEqualTo(1);
        assertThat(store.attemptFailed("k", next.fence())).contains(2);
    }

    @Test
    void aReleaseLetsTheClaimGoWithoutCountingAnAttempt() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.release("k", claimed.fence())).isTrue();
        OwedDelivery after = store.get("k").orElseThrow();
        assertThat(after.attempts()).isZero();
        assertThat(after.claimant()).isNull();
        assertThat(after.claimedUntil()).isNull();
        assertThat(store.claim(owed("k", ANN), "b", NOW, UNTIL)).isPresent();
    }

    @Test
    void finishRemovesTheEntry() {
        OwedDelivery claimed = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.finish("k", claimed.fence())).isTrue();
        assertThat(store.get("k")).isEmpty();
        assertThat(store.pending(ANN)).isEmpty();
    }

    @Test
    void aStaleFenceChangesNothing() {
        OwedDelivery paused = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        OwedDelivery current = store.claim(owed("k", ANN), "b", UNTIL, UNTIL.plusSeconds(10)).orElseThrow();

        assertThat(store.attemptFailed("k", paused.fence())).isEmpty();
        assertThat(store.release("k", paused.fence())).isFalse();
        assertThat(store.finish("k", paused.fence())).isFalse();
        assertThat(store.get("k")).contains(current);
    }

    @Test
    void anUnknownKeyChangesNothing() {
        assertThat(store.attemptFailed("nope", 1)).isEmpty();
        assertThat(store.release("nope", 1)).isFalse();
        assertThat(store.finish("nope", 1)).isFalse();
        assertThat(store.get("nope")).isEmpty();
    }

    @Test
    void aFinishedKeyIsClaimedAgainAsNewAndItsOldFenceStaysStale() {
        OwedDelivery first = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        store.attemptFailed("k", first.fence());
        OwedDelivery second = store.claim(owed("k", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.finish("k", second.fence())).isTrue();

        OwedDelivery again = store.claim(owed("k", BOB), "c", NOW, UNTIL).orElseThrow();
        assertThat(again.attempts()).isZero();
        assertThat(again.agent()).isEqualTo(BOB);
        assertThat(again.fence()).isGreaterThan(second.fence());
        assertThat(store.release("k", first.fence())).isFalse();
        assertThat(store.finish("k", second.fence())).isFalse();
        assertThat(store.get("k")).contains(again);
        assertThat(store.pending(ANN)).isEmpty();
        assertThat(store.pending(BOB)).containsExactly(again);
    }

    // ------------------------------------------------------------------ pending

    @Test
    void pendingListsTheAgentsEntriesOnly() {
        OwedDelivery a = store.claim(owed("a", ANN), "x", NOW, UNTIL).orElseThrow();
        OwedDelivery b = store.claim(owed("b", ANN), "x", NOW, UNTIL).orElseThrow();
        store.release("b", b.fence());
        OwedDelivery c = store.claim(owed("c", BOB), "x", NOW, UNTIL).orElseThrow();
        OwedDelivery d = store.claim(owed("d", ANN_OF_GLOBEX), "x", NOW, UNTIL).orElseThrow();

        assertThat(store.pending(ANN)).containsExactlyInAnyOrder(a, store.get("b").orElseThrow());
        assertThat(store.pending(BOB)).containsExactly(c);
        assertThat(store.pending(ANN_OF_GLOBEX)).containsExactly(d);
        assertThat(store.pending(AgentId.of("acme", "nobody"))).isEmpty();
    }

    @Test
    void keysAreTakenAsTheyAre() {
        // Idempotency keys are built by adapters from call ids and CRM names; separators must not confuse a store.
        List<String> keys = List.of("hubspot:call-1:CALL_COMPLETED", "salesforce/call-1/saveLog", "a b", "ключ",
                "x:y", "x", "x:");
        for (String key : keys) {
            store.claim(owed(key, ANN), "n", NOW, NOW.plus(Duration.ofMinutes(1))).orElseThrow();
        }
        assertThat(store.pending(ANN)).extracting(OwedDelivery::key).containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            assertThat(store.get(key)).get().extracting(OwedDelivery::key).isEqualTo(key);
        }
    }

    // ------------------------------------------------------------------ the outbox: park and owedBy

    @Test
    void parkCreatesAnUnclaimedEntryWithNoAttempts() {
        OwedDelivery offered = new OwedDelivery("p", ANN, "salesforce", "saveLog", owed("p", ANN).argsJson(), 3,
                "someone", UNTIL, 77);
        assertThat(store.park(offered)).isTrue();

        OwedDelivery parked = store.get("p").orElseThrow();
        assertThat(parked).as("attempts, claimant and fence of the offer are ignored")
                .isEqualTo(owed("p", ANN));
        assertThat(parked.attempts()).isZero();
        assertThat(parked.claimant()).isNull();
        assertThat(parked.claimedUntil()).isNull();
        assertThat(parked.fence()).isZero();
        assertThat(store.pending(ANN)).containsExactly(parked);
        assertThat(store.owedBy("salesforce", 10)).containsExactly(parked);
    }

    @Test
    void parkOnAnExistingEntryChangesNothing() {
        OwedDelivery claimed = store.claim(owed("c", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.park(OwedDelivery.of("c", BOB, "hubspot", "other", "{}"))).isFalse();
        assertThat(store.get("c")).contains(claimed);

        store.park(owed("p", ANN));
        OwedDelivery failed = store.claim(owed("p", ANN), "a", NOW, UNTIL).orElseThrow();
        store.attemptFailed("p", failed.fence());
        OwedDelivery before = store.get("p").orElseThrow();
        assertThat(store.park(owed("p", ANN))).as("unclaimed, one attempt").isFalse();
        assertThat(store.get("p")).contains(before);
        assertThat(store.owedBy("hubspot", 10)).isEmpty();
    }

    @Test
    void aParkedEntryIsClaimedUnderItsKeyLikeAnyOther() {
        store.park(owed("p", ANN));
        OwedDelivery offer = OwedDelivery.of("p", BOB, "hubspot", "other", "{}");
        OwedDelivery claimed = store.claim(offer, "server-side", NOW, UNTIL).orElseThrow();

        assertThat(claimed.key()).isEqualTo("p");
        assertThat(claimed.agent()).as("the parked entry, not the offer").isEqualTo(ANN);
        assertThat(claimed.crm()).isEqualTo("salesforce");
        assertThat(claimed.method()).isEqualTo("saveLog");
        assertThat(claimed.claimant()).isEqualTo("server-side");
        assertThat(claimed.fence()).isPositive();
        assertThat(store.claim(owed("p", ANN), "frame", NOW, UNTIL)).as("held").isEmpty();
        assertThat(store.owedBy("salesforce", 10)).containsExactly(claimed);
        assertThat(store.owedBy("hubspot", 10)).isEmpty();
    }

    @Test
    void aFinishedEntryIsNoLongerOwedByItsCrm() {
        store.park(owed("p", ANN));
        store.park(owed("q", ANN));
        OwedDelivery claimed = store.claim(owed("p", ANN), "a", NOW, UNTIL).orElseThrow();
        assertThat(store.finish("p", claimed.fence())).isTrue();

        assertThat(store.owedBy("salesforce", 10)).extracting(OwedDelivery::key).containsExactly("q");
        OwedDelivery again = store.claim(OwedDelivery.of("p", ANN, "hubspot", "CALL_COMPLETED", "{}"), "b", NOW,
                UNTIL).orElseThrow();
        assertThat(store.owedBy("salesforce", 10)).as("claimed anew for another CRM").extracting(OwedDelivery::key)
                .containsExactly("q");
        assertThat(store.owedBy("hubspot", 10)).containsExactly(again);
    }

    @Test
    void owedByListsTheCrmsEntriesClaimedOrNotUpToTheLimit() {
        List<String> salesforce = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            store.park(owed("sf-" + i, i % 2 == 0 ? ANN : BOB));
            salesforce.add("sf-" + i);
        }
        OwedDelivery claimed = store.claim(owed("sf-by-claim", ANN_OF_GLOBEX), "a", NOW, UNTIL).orElseThrow();
        salesforce.add(claimed.key());
        store.park(OwedDelivery.of("hs-1", ANN, "hubspot", "CALL_COMPLETED", "{}"));

        assertThat(store.owedBy("salesforce", 100)).extracting(OwedDelivery::key)
                .containsExactlyInAnyOrderElementsOf(salesforce);
        assertThat(store.owedBy("salesforce", 100)).contains(claimed);
        assertThat(store.owedBy("hubspot", 100)).extracting(OwedDelivery::key).containsExactly("hs-1");
        assertThat(store.owedBy("other", 100)).isEmpty();
        List<OwedDelivery> three = store.owedBy("salesforce", 3);
        assertThat(three).hasSize(3).doesNotHaveDuplicates()
                .allSatisfy(o -> assertThat(salesforce).contains(o.key()));
        assertThat(store.owedBy("salesforce", 1)).hasSize(1);
    }

    @Test
    void owedByRefusesALimitBelowOne() {
        store.park(owed("p", ANN));
        assertThatThrownBy(() -> store.owedBy("salesforce", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> store.owedBy("salesforce", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
