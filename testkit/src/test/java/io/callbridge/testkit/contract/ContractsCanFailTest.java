package io.callbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contracts catch broken implementations: each broken one below, a small change of core's in-memory port, fails
 * the test that names its fault (the tests are called directly, the way JUnit would).
 */
class ContractsCanFailTest {

    private static VersionedStore<CallId, Call> inMemoryCalls() {
        return Guice.createInjector(new CoreModule()).getInstance(Key.get(CoreModule.CALL_STORE));
    }

    @Test
    void aStoreWhoseLastWriterWinsFails() {
        VersionedStoreContract.OfCalls contract = new VersionedStoreContract.OfCalls() {
            @Override
            protected VersionedStore<CallId, Call> createStore() {
                return new Forwarding(inMemoryCalls()) {
                    @Override
                    public Optional<Long> compareAndSet(CallId key, long expected, AgentId owner, Call value,
                            boolean open) {
                        long current = get(key).map(Versioned::version).orElse(0L);
                        return super.compareAndSet(key, current, owner, value, open);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::creatingAKeyThatExistsWritesNothing).isInstanceOf(AssertionError.class);
        contract.newStore();
        assertThatThrownBy(contract::aStaleOrFutureVersionWritesNothing).isInstanceOf(AssertionError.class);
    }

    @Test
    void aStoreThatForgetsTheOpenFlagFails() {
        VersionedStoreContract.OfCalls contract = new VersionedStoreContract.OfCalls() {
            @Override
            protected VersionedStore<CallId, Call> createStore() {
                return new Forwarding(inMemoryCalls()) {
                    @Override
                    public Optional<Long> compareAndSet(CallId key, long expected, AgentId owner, Call value,
                            boolean open) {
                        return super.compareAndSet(key, expected, owner, value, true);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::aValueWrittenClosedIsNoLongerListedAsOpen).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRouterThatDoesNotReplayFails() {
        AgentEventRouterContract contract = new ShortWaits() {
            @Override
            protected AgentEventRouter createRouter(int eventsKept) {
                AgentEventRouter real = inMemoryRouter(eventsKept);
                return new ForwardingRouter(real) {
                    @Override
                    public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
                        return real.subscribe(agent, real.lastSequence(agent), listener);
                    }
                };
            }
        };
        contract.newRouter();
        assertThatThrownBy(contract::aSubscriberReplaysTheKeptEventsAfterItsSequenceThenGetsNewOnes)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aRouterThatDeliversTwiceFails() {
        AgentEventRouterContract contract = new ShortWaits() {
            @Override
            protected AgentEventRouter createRouter(int eventsKept) {
                AgentEventRouter real = inMemoryRouter(eventsKept);
                return new ForwardingRouter(real) {
                    @Override
                    public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
                        return real.subscribe(agent, afterSequence, e -> {
                            listener.onEvent(e);
                            if (e.sequence() == 2) {
                                listener.onEvent(e);
                            }
                        });
                    }
                };
            }
        };
        contract.newRouter();
        assertThatThrownBy(contract::everySubscriberGetsEveryEventInOrder).isInstanceOf(AssertionError.class);
    }

    @Test
    void aDeliveryStoreThatIgnoresFencesFails() {
        DeliveryStoreContract contract = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public boolean finish(String key, long fence) {
                        return real.get(key).map(e -> real.finish(key, e.fence())).orElse(false);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::aStaleFenceChangesNothing).isInstanceOf(AssertionError.class);
    }

    @Test
    void aDeliveryStoreWhoseLeaseEndsLateFails() {
        DeliveryStoreContract contract = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now,
                            Instant until) {
                        return real.claim(owed, claimant, now.minusNanos(1), until);
                    }
                };
            }
        };
        contract.newStore();
        // The contract's claim at the lease's end finds nothing to take over.
        assertThatThrownBy(contract::aLapsedClaimIsTakenOverFromTheMomentItEnds)
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void aDeliveryStoreThatRenewsAClaimItLostFails() {
        DeliveryStoreContract contract = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public boolean renew(String key, long fence, Instant until) {
                        return real.get(key).map(e -> real.renew(key, e.fence(), until)).orElse(false);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::aRenewalUnderALostClaimIsRefusedAndChangesNothing)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aParkThatClaimsFails() {
        DeliveryStoreContract contract = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public boolean park(OwedDelivery owed) {
                        return real.claim(owed, "parker", Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).isPresent();
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::parkCreatesAnUnclaimedEntryWithNoAttempts).isInstanceOf(AssertionError.class);
        contract.newStore();
        assertThatThrownBy(contract::parkOnAnExistingEntryChangesNothing).isInstanceOf(AssertionError.class);
    }

    @Test
    void anOwedByThatIgnoresTheCrmOrTheLimitFails() {
        DeliveryStoreContract ignoresCrm = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public List<OwedDelivery> owedBy(String crm, int limit) {
                        return real.owedBy("salesforce", limit);
                    }
                };
            }
        };
        ignoresCrm.newStore();
        assertThatThrownBy(ignoresCrm::owedByListsTheCrmsEntriesClaimedOrNotUpToTheLimit)
                .isInstanceOf(AssertionError.class);
        DeliveryStoreContract ignoresLimit = new DeliveryStoreContract() {
            @Override
            protected DeliveryStore createStore() {
                DeliveryStore real = DeliveryStore.inMemory();
                return new ForwardingDeliveries(real) {
                    @Override
                    public List<OwedDelivery> owedBy(String crm, int limit) {
                        return real.owedBy(crm, 1000);
                    }
                };
            }
        };
        ignoresLimit.newStore();
        assertThatThrownBy(ignoresLimit::owedByListsTheCrmsEntriesClaimedOrNotUpToTheLimit)
                .isInstanceOf(AssertionError.class);
        ignoresLimit.newStore();
        assertThatThrownBy(ignoresLimit::owedByRefusesALimitBelowOne).isInstanceOf(AssertionError.class);
    }

    @Test
    void aCrmStateStoreWhoseLastWriterWinsFails() {
        CrmStateStoreContract contract = new InMemoryCrmStates() {
            @Override
            protected CrmStateStore createStore() {
                CrmStateStore real = super.createStore();
                return new ForwardingCrmStates(real) {
                    @Override
                    public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion,
                            String value, Duration ttl) {
                        long current = real.get(namespace, key).map(Versioned::version).orElse(0L);
                        return real.compareAndSet(namespace, key, current, value, ttl);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::creatingAValueThatExistsWritesNothing).isInstanceOf(AssertionError.class);
        contract.newStore();
        assertThatThrownBy(contract::theCurrentVersionReplacesTheValueAndAStaleOrFutureOneWritesNothing)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aCrmStateStoreThatKeepsTheFirstExpiryFails() {
        CrmStateStoreContract contract = new InMemoryCrmStates() {
            @Override
            protected CrmStateStore createStore() {
                CrmStateStore real = super.createStore();
                java.util.Map<String, Duration> first = new java.util.concurrent.ConcurrentHashMap<>();
                return new ForwardingCrmStates(real) {
                    @Override
                    public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion,
                            String value, Duration ttl) {
                        Duration kept = first.computeIfAbsent(namespace + "\n" + key, k -> ttl);
                        return real.compareAndSet(namespace, key, expectedVersion, value, kept);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::aWriteReplacesTheEarlierExpiry).isInstanceOf(AssertionError.class);
    }

    @Test
    void aCrmStateStoreThatNeverExpiresOrRemovesBlindlyFails() throws Exception {
        CrmStateStoreContract contract = new InMemoryCrmStates() {
            @Override
            protected CrmStateStore createStore() {
                CrmStateStore real = super.createStore();
                return new ForwardingCrmStates(real) {
                    @Override
                    public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion,
                            String value, Duration ttl) {
                        return real.compareAndSet(namespace, key, expectedVersion, value, Duration.ofDays(365));
                    }

                    @Override
                    public boolean remove(String namespace, String key, long expectedVersion) {
                        return real.get(namespace, key).map(v -> real.remove(namespace, key, v.version()))
                                .orElse(false);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::aValueIsGoneAfterItsTimeToLiveAsIfRemoved).isInstanceOf(AssertionError.class);
        contract.newStore();
        assertThatThrownBy(contract::removeTakesTheCurrentVersionOnly).isInstanceOf(AssertionError.class);
    }

    @Test
    void aCrmStateStoreThatTakesAnyNameFails() {
        CrmStateStoreContract contract = new InMemoryCrmStates() {
            @Override
            protected CrmStateStore createStore() {
                CrmStateStore real = super.createStore();
                return new ForwardingCrmStates(real) {
                    @Override
                    public Optional<Versioned<String>> get(String namespace, String key) {
                        return namespace.isEmpty() ? Optional.empty() : real.get(namespace, key);
                    }
                };
            }
        };
        contract.newStore();
        assertThatThrownBy(contract::namesAreCheckedAsThePortSays).isInstanceOf(AssertionError.class);
    }

    /** The contract on core's in-memory store, on a clock the contract moves. */
    private abstract static class InMemoryCrmStates extends CrmStateStoreContract {
        private final MutableClock clock = MutableClock.atDefaultStart();

        @Override
        protected CrmStateStore createStore() {
            return CrmStateStore.inMemory(clock);
        }

        @Override
        protected void elapse(Duration time) {
            clock.advance(time);
        }
    }

    private static AgentEventRouter inMemoryRouter(int kept) {
        return Guice.createInjector(new CoreModule(), binder -> com.google.inject.multibindings.OptionalBinder
                .newOptionalBinder(binder, CoreSettings.class).setBinding()
                .toInstance(CoreSettings.DEFAULTS.withEventsKeptPerAgent(kept))).getInstance(AgentEventRouter.class);
    }

    /** A router contract that gives up quickly, since these routers fail by never delivering. */
    private abstract static class ShortWaits extends AgentEventRouterContract {
        @Override
        protected Duration deliveryTimeout() {
            return Duration.ofMillis(300);
        }
    }

    private static class Forwarding implements VersionedStore<CallId, Call> {
        private final VersionedStore<CallId, Call> d;

        Forwarding(VersionedStore<CallId, Call> d) {
            this.d = d;
        }

        @Override
        public Optional<Versioned<Call>> get(CallId key) {
            return d.get(key);
        }

        @Override
        public Optional<Long> compareAndSet(CallId key, long expected, AgentId owner, Call value) {
            return compareAndSet(key, expected, owner, value, true);
        }

        @Override
        public Optional<Long> compareAndSet(CallId key, long expected, AgentId owner, Call value, boolean open) {
            return d.compareAndSet(key, expected, owner, value, open);
        }

        @Override
        public boolean remove(CallId key, long expectedVersion) {
            return d.remove(key, expectedVersion);
        }

        @Override
        public List<Versioned<Call>> findByOwner(AgentId owner) {
            return d.findByOwner(owner);
        }

        @Override
        public List<Versioned<Call>> findOpenByOwner(AgentId owner) {
            return d.findOpenByOwner(owner);
        }

        @Override
        public Collection<Versioned<Call>> all() {
            return d.all();
        }
    }

    private static class ForwardingRouter implements AgentEventRouter {
        private final AgentEventRouter d;

        ForwardingRouter(AgentEventRouter d) {
            this.d = d;
        }

        @Override
        public List<SequencedEvent> publish(AgentId agent, Instant occurredAt, List<CoreEvent> events) {
            return d.publish(agent, occurredAt, events);
        }

        @Override
        public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
            return d.subscribe(agent, afterSequence, listener);
        }

        @Override
        public long lastSequence(AgentId agent) {
            return d.lastSequence(agent);
        }
    }

    private static class ForwardingCrmStates implements CrmStateStore {
        private final CrmStateStore d;

        ForwardingCrmStates(CrmStateStore d) {
            this.d = d;
        }

        @Override
        public Optional<Versioned<String>> get(String namespace, String key) {
            return d.get(namespace, key);
        }

        @Override
        public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
                Duration ttl) {
            return d.compareAndSet(namespace, key, expectedVersion, value, ttl);
        }

        @Override
        public boolean remove(String namespace, String key, long expectedVersion) {
            return d.remove(namespace, key, expectedVersion);
        }
    }

    private static class ForwardingDeliveries implements DeliveryStore {
        private final DeliveryStore d;

        ForwardingDeliveries(DeliveryStore d) {
            this.d = d;
        }

        @Override
        public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until) {
            return d.claim(owed, claimant, now, until);
        }

        @Override
        public boolean renew(String key, long fence, Instant until) {
            return d.renew(key, fence, until);
        }

        @Override
        public Optional<Integer> attemptFailed(String key, long fence) {
            return d.attemptFailed(key, fence);
        }

        @Override
        public boolean release(String key, long fence) {
            return d.release(key, fence);
        }

        @Override
        public boolean finish(String key, long fence) {
            return d.finish(key, fence);
        }

        @Override
        public Optional<OwedDelivery> get(String key) {
            return d.get(key);
        }

        @Override
        public List<OwedDelivery> pending(AgentId agent) {
            return d.pending(agent);
        }

        @Override
        public boolean park(OwedDelivery owed) {
            return d.park(owed);
        }

        @Override
        public List<OwedDelivery> owedBy(String crm, int limit) {
            return d.owedBy(crm, limit);
        }
    }
}
