package io.callbridge.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final AgentId AGENT = AgentId.of("acme", "alice");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 4);

    private final Timers timers = new Timers();
    private final Channel channel = new Channel();
    private final DeliveryStore store = DeliveryStore.inMemory();

    /** The claim lease the default picks for {@link #TIMEOUT}: three timeouts would be 30 s, the default's cap is 6. */
    private static final Duration LEASE = Duration.ofSeconds(6);

    private Delivery delivery(DeliveryStore on) {
        return delivery(on, timers);
    }

    /** A delivery whose timers are {@code own} (on the same clock): a test that never runs them freezes it. */
    private Delivery delivery(DeliveryStore on, Timers own) {
        return new Delivery("test", AGENT, channel, Runnable::run, own, on, own.clock(), POLICY, TIMEOUT);
    }

    @Test
    void runsTheSideEffectUnderItsKeyOnThePreferredFrameAndSettlesItOnce() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("call-1:saveLog");

        assertThat(delivery.owe(effect)).isTrue();
        assertThat(delivery.owe(new Effect("call-1:saveLog"))).as("same key, already owed").isFalse();

        Invocation sent = channel.only();
        assertThat(sent.id()).isEqualTo("call-1:saveLog");
        assertThat(sent.method()).isEqualTo("saveLog");
        assertThat(sent.target()).isEqualTo(new Invocation.Target.AnyFrame("frame-1"));
        assertThat(store.get("call-1:saveLog")).hasValueSatisfying(o -> assertThat(o.claimant()).isNotNull());

        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
        assertThat(delivery.isOwed("call-1:saveLog")).isFalse();
        assertThat(store.get("call-1:saveLog")).isEmpty();
    }

    @Test
    void theOutcomeIsRecordedWhileTheClaimIsStillHeldSoNoOtherExecutorCanRunItInBetween() {
        Delivery delivery = delivery(store);
        List<Boolean> claimedDuringCallback = new ArrayList<>();
        Effect done = new Effect("done") {
            @Override
            public void succeeded(InvocationResult.Success result) {
                claimedDuringCallback.add(store.get("done").map(o -> o.claimant() != null).orElse(false));
                super.succeeded(result);
            }
        };
        Effect failed = new Effect("failed") {
            @Override
            public void gaveUp(String reason) {
                claimedDuringCallback.add(store.get("failed").map(o -> o.claimant() != null).orElse(false));
                super.gaveUp(reason);
            }
        }.verdicts(new SideEffect.Verdict.GiveUp("INVALID_PARAM"));
        delivery.owe(done);
        channel.answer(success());
        delivery.owe(failed);
        channel.answer(failure(InvocationResult.Kind.CRM_ERROR));

        assertThat(claimedDuringCallback).containsExactly(true, true);
        assertThat(store.get("done")).isEmpty();
        assertThat(store.get("failed")).isEmpty();
    }

    @Test
    void aSideEffectSettledElsewhereBetweenTheAdaptersLookAndTheClaimIsNotRunAgain() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k");
        effect.wanted = false; // the call already says it is done: another node recorded it and let its claim go

        assertThat(delivery.owe(effect)).isTrue();

        assertThat(channel.sent).isEmpty();
        assertThat(effect.log).containsExactly("dropped");
        assertThat(store.get("k")).isEmpty();
        assertThat(delivery.isOwed("k")).isFalse();
    }

    @Test
    void backsOffExponentiallyUpToTheCapThenGivesUpWithTheReason() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.Retry("server error"));
        delivery.owe(effect);

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt < POLICY.maxAttempts(); attempt++) {
            channel.answer(failure(InvocationResult.Kind.CRM_ERROR));
            waits.add(timers.nextDelay());
            assertThat(store.get("k")).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());
            timers.runNext();
        }
        channel.answer(failure(InvocationResult.Kind.CRM_ERROR));

        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(channel.sent).hasSize(POLICY.maxAttempts())
                .allSatisfy(i -> assertThat(i.id()).isEqualTo("k"));
        assertThat(effect.log).containsExactly("gaveUp: server error (gave up after 4 attempts)");
        assertThat(timers.pending()).isZero();
        assertThat(delivery.isOwed("k")).isFalse();
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aFinalVerdictGivesUpAtOnce() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.GiveUp("INVALID_PARAM"));
        delivery.owe(effect);
        channel.answer(failure(InvocationResult.Kind.CRM_ERROR));

        assertThat(effect.log).containsExactly("gaveUp: INVALID_PARAM");
        assertThat(channel.sent).hasSize(1);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void noFrameIsNotAnAttemptTheSideEffectWaitsForAFrameWithoutATimer() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k");
        delivery.owe(effect);
        for (int i = 0; i < 20; i++) {
            channel.answer(failure(InvocationResult.Kind.NO_FRAME));
            assertThat(timers.pending()).isZero();
            assertThat(effect.log).isEmpty();
            assertThat(store.get("k")).hasValueSatisfying(o -> {
                assertThat(o.attempts()).isZero();
                assertThat(o.claimant()).isNull();
            });
            delivery.frameAvailable();
        }
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
        assertThat(channel.sent).hasSize(21);
    }

    @Test
    void aFrameJoiningCutsABackoffShort() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.Retry("timeout"), SideEffect.Verdict.done());
        delivery.owe(effect);
        channel.answer(failure(InvocationResult.Kind.TIMEOUT));
        assertThat(timers.pending()).isOne();

        delivery.frameAvailable();
        assertThat(timers.delays()).as("the backoff timer is cancelled; the new attempt's renewal is due")
                .containsExactly(LEASE.dividedBy(3));
        assertThat(channel.sent).hasSize(2);
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
    }

    @Test
    void aSideEffectNoLongerWantedIsDroppedAtItsNextAttempt() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.Retry("busy"));
        delivery.owe(effect);
        channel.answer(failure(InvocationResult.Kind.CRM_ERROR));
        effect.wanted = false;
        timers.runNext();

        assertThat(effect.log).containsExactly("dropped");
        assertThat(channel.sent).hasSize(1);
        assertThat(store.get("k")).isEmpty();
        assertThat(delivery.isOwed("k")).isFalse();
    }

    @Test
    void aSecondExecutorWaitsForTheClaimAndRunsOnlyOnceTheFirstLetItGo() {
        Delivery first = delivery(store);
        Delivery second = delivery(store);
        Effect a = new Effect("k");
        Effect b = new Effect("k");
        first.owe(a);
        second.owe(b);
        assertThat(channel.sent).as("only the claimant invokes").hasSize(1);
        assertThat(timers.delays()).as("the first renews its claim; the second looks again when it would lapse")
                .containsExactly(LEASE.dividedBy(3), LEASE);

        first.close();
        channel.answer(success()); // the first's late answer is ignored
        assertThat(a.log).isEmpty();

        second.frameAvailable();
        assertThat(channel.sent).hasSize(2);
        channel.answer(success());
        assertThat(b.log).containsExactly("succeeded");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aLapsedClaimOfADeadExecutorIsTakenOverWithinOneLease() {
        Instant start = timers.now();
        // Never answered, never closed, its timers never run: a node that died mid-attempt (kill -9).
        Delivery dead = delivery(store, timers.onSameClock());
        dead.owe(new Effect("k"));
        Delivery survivor = delivery(store);
        Effect effect = new Effect("k");
        survivor.owe(effect);
        assertThat(channel.sent).hasSize(1);

        timers.advanceAndRunNext(); // the lease lapses
        assertThat(channel.sent).hasSize(2);
        assertThat(Duration.between(start, timers.now())).as("the survivor claims when the dead one's lease ends")
                .isEqualTo(LEASE);
        assertThat(store.get("k").orElseThrow().fence()).as("a higher fence than the dead one's").isEqualTo(2);
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
    }

    @Test
    void theClaimLeaseIsThreeInvocationTimeoutsAtMostSixSecondsOrAsConfigured() {
        assertThat(Delivery.defaultClaimLease(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(6));
        assertThat(Delivery.defaultClaimLease(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(300));
        assertThat(delivery(store).claimLease()).isEqualTo(LEASE);
        Delivery configured = new Delivery("test", AGENT, channel, Runnable::run, timers, store, timers.clock(), POLICY,
                TIMEOUT, Duration.ofSeconds(3));
        configured.owe(new Effect("k"));
        assertThat(store.get("k").orElseThrow().claimedUntil()).isEqualTo(timers.now().plusSeconds(3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Delivery("test", AGENT, channel, Runnable::run,
                timers, store, timers.clock(), POLICY, TIMEOUT, Duration.ofMillis(1))).hasMessageContaining("claimLease");
    }

    @Test
    void aLiveClaimantRenewsItsShortLeaseForAsLongAsItsInvocationIsInFlight() {
        Delivery slow = delivery(store);
        Delivery other = delivery(store);
        Effect a = new Effect("k");
        Effect b = new Effect("k");
        slow.owe(a);
        other.owe(b);
        Instant start = timers.now();
        // The frame takes far longer than a lease (the transport may even move the invocation to another frame).
        while (timers.now().isBefore(start.plus(LEASE.multipliedBy(5)))) {
            timers.advanceAndRunNext();
            assertThat(channel.sent).as("the other executor never gets the claim").hasSize(1);
            assertThat(store.get("k").orElseThrow().claimedUntil()).isAfter(timers.now());
        }
        channel.answer(success());
        assertThat(a.log).containsExactly("succeeded");
        b.wanted = false; // the call now says it is done
        timers.advanceAndRunNext();
        assertThat(b.log).containsExactly("dropped");
        assertThat(channel.sent).hasSize(1);
        assertThat(store.get("k")).isEmpty();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void aClaimantPausedPastItsLeaseDoesNotRecordItsLateResultOverTheNewClaimant() {
        // Its timers never run while it is paused (a long GC pause, a frozen VM): no renewal.
        Delivery paused = delivery(store, timers.onSameClock());
        Effect a = new Effect("k");
        paused.owe(a);
        timers.advance(LEASE);
        Delivery taker = delivery(store);
        Effect b = new Effect("k");
        taker.owe(b);
        assertThat(channel.sent).as("the lapsed claim is taken over").hasSize(2);
        long takersFence = store.get("k").orElseThrow().fence();

        channel.answer(0, success()); // the paused one wakes up to its frame's late answer
        assertThat(a.log).as("no outcome recorded under a lost claim").containsExactly("dropped");
        assertThat(store.get("k").orElseThrow().fence()).isEqualTo(takersFence);
        assertThat(store.get("k").orElseThrow().claimant()).isNotNull();

        channel.answer(success());
        assertThat(b.log).containsExactly("succeeded");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aRenewalRefusedBecauseAnotherClaimedMeanwhileDropsTheSideEffectAndItsLateResult() {
        Timers frozen = timers.onSameClock();
        Delivery paused = delivery(store, frozen);
        Effect a = new Effect("k");
        paused.owe(a);
        timers.advance(LEASE.plusSeconds(1));
        Delivery taker = delivery(store);
        Effect b = new Effect("k");
        taker.owe(b);

        frozen.runNext(); // it wakes up: its renewal is refused
        assertThat(a.log).containsExactly("dropped");
        assertThat(paused.isOwed("k")).isFalse();
        assertThat(frozen.pending()).as("no more renewals").isZero();
        channel.answer(0, success());
        assertThat(a.log).as("the late result is ignored").containsExactly("dropped");

        channel.answer(success());
        assertThat(b.log).containsExactly("succeeded");
    }

    @Test
    void aStoreUnavailableAtARenewalKeepsTheInvocationGoing() {
        DeliveryStore flaky = spy(store);
        doThrow(new StoreUnavailableException("Redis down")).doCallRealMethod().when(flaky)
                .renew(anyString(), anyLong(), any());
        Delivery delivery = delivery(flaky);
        Effect effect = new Effect("k");
        delivery.owe(effect);
        timers.advanceAndRunNext(); // refused: unavailable
        assertThat(timers.delays()).as("renewed again later").containsExactly(LEASE.dividedBy(3));
        timers.advanceAndRunNext();
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aClaimLostMeanwhileDropsTheSideEffectHereInsteadOfRecordingOverTheNewClaimant() {
        DeliveryStore failing = spy(store);
        doReturn(Optional.empty()).when(failing).attemptFailed(eq("k"), anyLong());
        Delivery delivery = delivery(failing);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.Retry("timeout"));
        delivery.owe(effect);
        channel.answer(failure(InvocationResult.Kind.TIMEOUT));

        assertThat(effect.log).containsExactly("dropped");
        assertThat(timers.pending()).isZero();
        assertThat(delivery.isOwed("k")).isFalse();
    }

    @Test
    void aStoreThatIsUnavailableAtTheClaimKeepsTheSideEffectOwedAndTriesAgainLater() {
        DeliveryStore flaky = spy(store);
        doThrow(new StoreUnavailableException("Redis down")).doCallRealMethod().when(flaky)
                .claim(any(), anyString(), any(), any());
        Delivery delivery = delivery(flaky);
        Effect effect = new Effect("k");
        delivery.owe(effect);

        assertThat(channel.sent).as("nothing runs without a claim").isEmpty();
        assertThat(delivery.isOwed("k")).isTrue();
        assertThat(timers.nextDelay()).isEqualTo(POLICY.initialBackoff());
        timers.runNext();
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aStoreLostBeforeTheFinishStillSettlesTheSideEffectOnce() {
        DeliveryStore flaky = spy(store);
        doThrow(new StoreUnavailableException("Redis down")).when(flaky).finish(anyString(), anyLong());
        Delivery delivery = delivery(flaky);
        Effect effect = new Effect("k");
        delivery.owe(effect);
        channel.answer(success());

        assertThat(effect.log).containsExactly("succeeded");
        assertThat(delivery.isOwed("k")).isFalse();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void aStoreLostWhileCountingAFailedAttemptRetriesInsteadOfStalling() {
        DeliveryStore flaky = spy(store);
        doThrow(new StoreUnavailableException("Redis down")).doCallRealMethod().when(flaky)
                .attemptFailed(anyString(), anyLong());
        Delivery delivery = delivery(flaky);
        Effect effect = new Effect("k").verdicts(new SideEffect.Verdict.Retry("timeout"), SideEffect.Verdict.done());
        delivery.owe(effect);
        channel.answer(failure(InvocationResult.Kind.TIMEOUT));

        assertThat(timers.nextDelay()).isEqualTo(POLICY.initialBackoff());
        timers.runNext();
        channel.answer(success());
        assertThat(effect.log).containsExactly("succeeded");
    }

    @Test
    void anUnreadableResultIsFinalBecauseRunningItAgainMightDoItTwice() {
        Delivery delivery = delivery(store);
        Effect effect = new Effect("k") {
            @Override
            public Verdict judge(InvocationResult result) {
                throw new IllegalArgumentException("not JSON");
            }
        };
        delivery.owe(effect);
        channel.answer(success());
        assertThat(effect.log).containsExactly("gaveUp: unreadable result: not JSON");
    }

    @Test
    void closingLetsEveryClaimGoAndSettlesNothing() {
        Delivery delivery = delivery(store);
        Effect backingOff = new Effect("a").verdicts(new SideEffect.Verdict.Retry("x"));
        delivery.owe(backingOff);
        channel.answer(failure(InvocationResult.Kind.TIMEOUT));
        Effect inFlight = new Effect("b");
        delivery.owe(inFlight);

        delivery.close();
        assertThat(timers.pending()).isZero();
        assertThat(store.get("b")).hasValueSatisfying(o -> assertThat(o.claimant()).isNull());
        channel.answer(success());
        assertThat(backingOff.log).isEmpty();
        assertThat(inFlight.log).isEmpty();
        assertThat(delivery.owe(new Effect("c"))).isFalse();
    }

    @Test
    void policyDelaysDoubleUpToTheCapAndRejectNonsense() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 3);
        assertThat(List.of(p.delayBefore(1), p.delayBefore(2), p.delayBefore(3), p.delayBefore(30)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ZERO, 1))
                .hasMessageContaining("initialBackoff");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.withMaxAttempts(0))
                .hasMessageContaining("maxAttempts");
    }

    // ------------------------------------------------------------------------------------------- doubles

    private static InvocationResult success() {
        return new InvocationResult.Success("{}", "frame-1");
    }

    private static InvocationResult failure(InvocationResult.Kind kind) {
        return new InvocationResult.Failure(kind, kind.name(), null, null);
    }

    /** A side effect that records what happened to it; its verdicts come from a script, the last one repeating. */
    private static class Effect implements SideEffect {
        final String key;
        final List<String> log = new ArrayList<>();
        List<Verdict> script = List.of(Verdict.done());
        int judged;
        boolean wanted = true;

        Effect(String key) {
            this.key = key;
        }

        Effect verdicts(Verdict... verdicts) {
            script = List.of(verdicts);
            return this;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String method() {
            return "saveLog";
        }

        @Override
        public String argsJson() {
            return "{}";
        }

        @Override
        public @Nullable String preferredFrame() {
            return "frame-1";
        }

        @Override
        public Verdict judge(InvocationResult result) {
            return script.get(Math.min(judged++, script.size() - 1));
        }

        @Override
        public void succeeded(InvocationResult.Success result) {
            log.add("succeeded");
        }

        @Override
        public void gaveUp(String reason) {
            log.add("gaveUp: " + reason);
        }

        @Override
        public boolean stillWanted() {
            return wanted;
        }

        @Override
        public void dropped() {
            log.add("dropped");
        }
    }

    /** The transport's side: records invocations; the test answers the newest unanswered one. */
    private static final class Channel implements BridgeChannel {
        final List<Invocation> sent = new ArrayList<>();
        final List<CompletableFuture<InvocationResult>> open = new ArrayList<>();

        @Override
        public CompletionStage<InvocationResult> invoke(Invocation invocation) {
            sent.add(invocation);
            CompletableFuture<InvocationResult> f = new CompletableFuture<>();
            open.add(f);
            return f;
        }

        Invocation only() {
            assertThat(sent).hasSize(1);
            return sent.get(0);
        }

        void answer(InvocationResult result) {
            assertThat(open).as("an invocation to answer").isNotEmpty();
            open.remove(open.size() - 1).complete(result);
        }

        /** Answers the {@code index}th of the invocations still open, oldest first. */
        void answer(int index, InvocationResult result) {
            open.remove(index).complete(result);
        }

        @Override
        public void publishUi(String topic, String stateJson) {
        }

        @Override
        public List<FrameInfo> frames() {
            return List.of();
        }
    }

    /**
     * Timers run by hand, earliest due first; the clock moves to a timer's due time when {@link #advanceAndRunNext}
     * runs it. Several may share one clock ({@link #onSameClock}), each with timers of its own.
     */
    private static final class Timers implements BridgeScheduler {
        private final Instant[] now;
        private final List<Timer> timers = new ArrayList<>();

        Timers() {
            this(new Instant[] {Instant.parse("2026-12-01T10:00:00Z")});
        }

        private Timers(Instant[] now) {
            this.now = now;
        }

        /** Timers of their own on this clock. */
        Timers onSameClock() {
            return new Timers(now);
        }

        Instant now() {
            return now[0];
        }

        void advance(Duration d) {
            now[0] = now[0].plus(d);
        }

        Clock clock() {
            return new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now[0];
                }
            };
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Timer t = new Timer(now[0].plus(delay), delay, task);
            timers.add(t);
            return () -> timers.remove(t);
        }

        int pending() {
            return timers.size();
        }

        /** The delays the pending timers were scheduled with, earliest due first. */
        List<Duration> delays() {
            return sorted().stream().map(Timer::delay).toList();
        }

        Duration nextDelay() {
            assertThat(timers).isNotEmpty();
            return sorted().get(0).delay;
        }

        void runNext() {
            assertThat(timers).isNotEmpty();
            Timer t = sorted().get(0);
            timers.remove(t);
            t.task.run();
        }

        void advanceAndRunNext() {
            assertThat(timers).isNotEmpty();
            Timer t = sorted().get(0);
            timers.remove(t);
            if (t.due.isAfter(now[0])) {
                now[0] = t.due;
            }
            t.task.run();
        }

        private List<Timer> sorted() {
            List<Timer> list = new ArrayList<>(timers);
            list.sort(java.util.Comparator.comparing(Timer::due));
            return list;
        }

        private record Timer(Instant due, Duration delay, Runnable task) { }
    }
}
