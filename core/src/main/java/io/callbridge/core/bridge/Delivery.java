package io.callbridge.core.bridge;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine through which an adapter runs the CRM side effects it owes for one agent (HubSpot
 * {@code CALL_COMPLETED}, Salesforce {@code saveLog}, {@code completeWork}, screen pops): each under its idempotency key
 * as the invocation id, claimed in the {@link DeliveryStore} by this delivery before every attempt so that no other
 * bridge instance or node runs it at the same time, retried by the {@link RetryPolicy}, and settled exactly once with
 * {@link SideEffect#succeeded} or {@link SideEffect#gaveUp}.
 *
 * <p>What is an attempt: an invocation that a frame ran and that failed in a way the adapter's
 * {@link SideEffect#judge verdict} calls worth retrying. An invocation that found no frame at all (the agent closed
 * every tab of the CRM) is not: the side effect waits, without a timer and without giving up, until the adapter says
 * with {@link #frameAvailable} that a frame can take it. That call also cuts short every backoff under way, since a
 * new frame is the likeliest cure for a failure.
 *
 * <p>Threads: a delivery belongs to one agent bridge and is confined to that bridge's serial executor (the
 * {@link SerialQueue} it was made with). Every method must be called there, and every callback of a {@link SideEffect}
 * runs there. Invocation results and timers arrive on other threads and are handed to the executor.
 *
 * <p>A store that cannot be reached ({@link StoreUnavailableException}) drops nothing: a side effect that cannot be
 * claimed stays owed here and is tried again after the policy's first backoff (or when a frame joins), until the store
 * is back; one that ran but cannot be finished is settled all the same (its entry's claim lapses by itself).
 *
 * <p>Claims: an attempt claims its side effect for a short <em>claim lease</em> (by default three invocation timeouts,
 * at most {@link #MAX_DEFAULT_CLAIM_LEASE}) and renews it through the store every third of the lease for as long as
 * its invocation is in flight, so a slow frame (or the transport moving the invocation to a second frame) keeps the
 * claim while a dead node's claims lapse within one lease. A closed delivery lets its claims go at once. A claim lost
 * to another claimant (a renewal refused: the fence is stale) drops the side effect here without a verdict
 * ({@link SideEffect#dropped}); its invocation's late result is then ignored and the new claimant settles it. Before a
 * result is recorded as the outcome the claim is renewed once more, so a node that was paused past its lease and lost
 * the claim meanwhile does not record over the new claimant (fencing).
 */
public final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /**
     * The longest claim lease the constructor without one picks: a dead node's claim on a side effect lapses within
     * this long after its last renewal, which bounds how long another node waits to run it.
     */
    public static final Duration MAX_DEFAULT_CLAIM_LEASE = Duration.ofSeconds(6);

    private final String crm;
    private final AgentId agent;
    private final BridgeChannel channel;
    private final Executor serial;
    private final BridgeScheduler timers;
    private final DeliveryStore store;
    private final Clock clock;
    private final RetryPolicy policy;
    private final Duration invocationTimeout;
    private final Duration claimLease;
    private final Duration renewEvery;
    private final String claimant;

    // Confined to serial.
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean closed;

    /**
     * A delivery whose claim lease is {@link #defaultClaimLease(Duration) the default} for {@code invocationTimeout}.
     *
     * @param crm the adapter's short name, e.g. {@code hubspot}, recorded with every owed side effect
     * @param serial the bridge's serial executor, which every method is called on
     * @param invocationTimeout how long a frame may take to answer one attempt
     */
    public Delivery(String crm, AgentId agent, BridgeChannel channel, Executor serial, BridgeScheduler timers,
            DeliveryStore store, Clock clock, RetryPolicy policy, Duration invocationTimeout) {
        this(crm, agent, channel, serial, timers, store, clock, policy, invocationTimeout,
                defaultClaimLease(invocationTimeout));
    }

    /**
     * @param crm the adapter's short name, e.g. {@code hubspot}, recorded with every owed side effect
     * @param serial the bridge's serial executor, which every method is called on
     * @param invocationTimeout how long a frame may take to answer one attempt
     * @param claimLease how long a claim lasts without a renewal (renewed every third of it while an invocation is in
     *     flight): how long another node waits for the side effects of a node that died
     */
    public Delivery(String crm, AgentId agent, BridgeChannel channel, Executor serial, BridgeScheduler timers,
            DeliveryStore store, Clock clock, RetryPolicy policy, Duration invocationTimeout, Duration claimLease) {
        this.crm = Objects.requireNonNull(crm, "crm");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.invocationTimeout = Objects.requireNonNull(invocationTimeout, "invocationTimeout");
        if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
            throw new IllegalArgumentException("invocationTimeout must be positive");
        }
        this.claimLease = Objects.requireNonNull(claimLease, "claimLease");
        if (claimLease.compareTo(Duration.ofMillis(30)) < 0) {
            throw new IllegalArgumentException("claimLease must be at least 30 ms, was " + claimLease);
        }
        this.renewEvery = claimLease.dividedBy(3);
        this.claimant = crm + ":" + agent + ":" + UUID.randomUUID();
    }

    /** Three invocation timeouts (one attempt may move to a second frame), at most {@link #MAX_DEFAULT_CLAIM_LEASE}. */
    public static Duration defaultClaimLease(Duration invocationTimeout) {
        Duration three = invocationTimeout.multipliedBy(3);
        return three.compareTo(MAX_DEFAULT_CLAIM_LEASE) < 0 ? three : MAX_DEFAULT_CLAIM_LEASE;
    }

    /** How long a claim of this delivery lasts without a renewal. */
    public Duration claimLease() {
        return claimLease;
    }

    /**
     * Starts running {@code effect} unless one with the same key is already owed here.
     *
     * @return whether it was started (false: already under way, or this delivery is closed)
     */
    public boolean owe(SideEffect effect) {
        Objects.requireNonNull(effect, "effect");
        if (closed || entries.containsKey(effect.key())) {
            return false;
        }
        Entry entry = new Entry(effect);
        entries.put(effect.key(), entry);
        channel.metrics().sideEffectsPending(crm, 1);
        attempt(entry);
        return true;
    }

    /** Whether a side effect with this key is owed here and not yet settled. */
    public boolean isOwed(String key) {
        return entries.containsKey(key);
    }

    /** The keys owed here and not yet settled, oldest first. */
    public List<String> owedKeys() {
        return List.copyOf(entries.keySet());
    }

    /**
     * A frame joined or became able to run side effects: what waited for a frame, for a backoff or for another
     * claimant's lease goes now.
     */
    public void frameAvailable() {
        if (closed) {
            return;
        }
        for (Entry entry : List.copyOf(entries.values())) {
            if (entry.phase != Phase.IN_FLIGHT) {
                resume(entry);
            }
        }
    }

    /**
     * Stops: timers are cancelled and claims let go, so another bridge instance can take the side effects over at once.
     * Nothing is settled; results that arrive later are ignored.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.metrics().sideEffectsPending(crm, -entries.size());
        for (Entry entry : entries.values()) {
            entry.cancelTimer();
            if (entry.fence != 0) {
                try {
                    store.release(entry.effect.key(), entry.fence);
                } catch (StoreUnavailableException e) {
                    // The claim lapses by itself.
                    LOG.debug("{}: could not let {} go: {}", agent, entry.effect.key(), e.getMessage());
                }
            }
        }
        entries.clear();
    }

    // ------------------------------------------------------------------------------------------- the loop

    private void attempt(Entry entry) {
        SideEffect effect = entry.effect;
        Instant now = clock.instant();
        Optional<OwedDelivery> claimed;
        Duration wait;
        try {
            claimed = store.claim(OwedDelivery.of(effect.key(), agent, crm, effect.method(), effect.argsJson()),
                    claimant, now, now.plus(claimLease));
            // Another bridge instance or node runs it now: look again when its lease lapses.
            wait = claimed.isPresent() ? Duration.ZERO : store.get(effect.key()).map(o -> o.claimedUntil())
                    .map(until -> Duration.between(now, until)).filter(d -> !d.isNegative() && !d.isZero())
                    .orElse(policy.initialBackoff());
        } catch (StoreUnavailableException e) {
            // Nothing runs without a claim; the side effect stays owed here and is tried again, not dropped.
            LOG.info("{}: {} {} cannot be claimed while the store is unavailable; trying again in {}", agent,
                    effect.method(), effect.key(), policy.initialBackoff());
            wait(entry, Phase.WAITING_FOR_CLAIM, policy.initialBackoff());
            return;
        }
        if (claimed.isEmpty()) {
            LOG.debug("{}: {} {} is claimed by another executor; looking again in {}", agent, effect.method(),
                    effect.key(), wait);
            entry.fence = 0;
            wait(entry, Phase.WAITING_FOR_CLAIM, wait);
            return;
        }
        entry.fence = claimed.get().fence();
        // Asked again now that nobody else can run it: another executor may have settled it between the adapter's
        // look at the call and this claim (it records the outcome on the call before it lets its claim go).
        if (!effect.stillWanted()) {
            drop(entry);
            return;
        }
        entry.phase = Phase.IN_FLIGHT;
        Invocation invocation = new Invocation(effect.key(), effect.method(), effect.argsJson(),
                new Invocation.Target.AnyFrame(effect.preferredFrame()), invocationTimeout);
        long fence = entry.fence;
        renewLater(entry, fence);
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onResult(entry, fence, outcome(result, failure))));
    }

    /** While the invocation is in flight, the claim is renewed every third of the lease. */
    private void renewLater(Entry entry, long fence) {
        entry.cancelRenewal();
        entry.renewal = timers.schedule(renewEvery, () -> serial.execute(() -> {
            if (closed || entries.get(entry.effect.key()) != entry || entry.fence != fence
                    || entry.phase != Phase.IN_FLIGHT) {
                return;
            }
            entry.renewal = null;
            SideEffect effect = entry.effect;
            try {
                if (!store.renew(effect.key(), fence, clock.instant().plus(claimLease))) {
                    lost(entry);
                    return;
                }
            } catch (StoreUnavailableException e) {
                // Nobody claims while the store is away; the result's own check decides.
                LOG.debug("{}: could not renew the claim of {}: {}", agent, effect.key(), e.getMessage());
            }
            renewLater(entry, fence);
        }));
    }

    /**
     * Whether this delivery still holds {@code fence}'s claim, renewed for one more lease while the outcome is
     * recorded. A store that cannot be reached counts as held: nobody else can claim through it either.
     */
    private boolean stillHeld(Entry entry, long fence) {
        try {
            return store.renew(entry.effect.key(), fence, clock.instant().plus(claimLease));
        } catch (StoreUnavailableException e) {
            LOG.debug("{}: could not confirm the claim of {}: {}", agent, entry.effect.key(), e.getMessage());
            return true;
        }
    }

    /** The claim went to another claimant (this one was paused or cut off past its lease): it settles it. */
    private void lost(Entry entry) {
        SideEffect effect = entry.effect;
        LOG.info("{}: {} {} lost its claim to another executor; it settles it", agent, effect.method(), effect.key());
        entries.remove(effect.key());
        entry.cancelTimer();
        effect.dropped();
    }

    private void onResult(Entry entry, long fence, InvocationResult result) {
        SideEffect effect = entry.effect;
        if (closed || entries.get(effect.key()) != entry || entry.fence != fence) {
            return;
        }
        entry.cancelRenewal();
        if (result instanceof InvocationResult.Failure f && f.kind() == InvocationResult.Kind.NO_FRAME) {
            LOG.info("{}: {} {} found no frame to run it; waiting for one", agent, effect.method(), effect.key());
            try {
                store.release(effect.key(), fence);
            } catch (StoreUnavailableException e) {
                LOG.debug("{}: could not let {} go: {}", agent, effect.key(), e.getMessage());
            }
            entry.phase = Phase.WAITING_FOR_FRAME;
            return;
        }
        SideEffect.Verdict verdict;
        try {
            verdict = effect.judge(result);
        } catch (RuntimeException e) {
            // A result nobody can read: running it again might do it twice.
            verdict = new SideEffect.Verdict.GiveUp("unreadable result: " + e.getMessage());
        }
        if (!(verdict instanceof SideEffect.Verdict.Retry) && !stillHeld(entry, fence)) {
            // Recording an outcome under a lost claim would race the new claimant, which runs it under the same
            // invocation id (a frame that ran it answers from memory) and records it.
            lost(entry);
            return;
        }
        if (verdict instanceof SideEffect.Verdict.Done) {
            if (!(result instanceof InvocationResult.Success success)) {
                throw new IllegalStateException(crm + " judged a failed " + effect.method() + " done");
            }
            settle(entry, fence, () -> effect.succeeded(success));
        } else if (verdict instanceof SideEffect.Verdict.GiveUp giveUp) {
            giveUp(entry, fence, giveUp.reason());
        } else {
            String reason = ((SideEffect.Verdict.Retry) verdict).reason();
            Optional<Integer> failed;
            try {
                failed = store.attemptFailed(effect.key(), fence);
            } catch (StoreUnavailableException e) {
                // The attempt goes uncounted; the claim lapses by itself and the next attempt claims again.
                LOG.info("{}: {} {} failed and the store is unavailable; retrying in {}", agent, effect.method(),
                        effect.key(), policy.initialBackoff());
                wait(entry, Phase.BACKING_OFF, policy.initialBackoff());
                return;
            }
            if (failed.isEmpty()) {
                LOG.info("{}: {} {} was claimed by another executor meanwhile; it settles it", agent,
                        effect.method(), effect.key());
                entries.remove(effect.key());
                channel.metrics().sideEffectsPending(crm, -1);
                entry.cancelTimer();
                effect.dropped();
                return;
            }
            int attempts = failed.get();
            if (attempts >= policy.maxAttempts()) {
                giveUp(entry, fence, reason + " (gave up after " + attempts + " attempts)");
                return;
            }
            Duration delay = policy.delayBefore(attempts);
            LOG.info("{}: {} {} failed (attempt {} of {}); retrying in {}", agent, effect.method(), effect.key(),
                    attempts, policy.maxAttempts(), delay);
            LOG.debug("{}: {} {} failed because: {}", agent, effect.method(), effect.key(), reason);
            wait(entry, Phase.BACKING_OFF, delay);
        }
    }

    private void giveUp(Entry entry, long fence, String reason) {
        SideEffect effect = entry.effect;
        // The reason is the CRM's text, which may quote the values it refused: only at debug.
        LOG.warn("{}: {} {} failed for good; the agent is told", agent, effect.method(), effect.key());
        LOG.debug("{}: {} {} failed for good because: {}", agent, effect.method(), effect.key(), reason);
        channel.metrics().sideEffectFailed(crm, effect.method());
        settle(entry, fence, () -> effect.gaveUp(reason));
    }

    /**
     * Records the outcome (the adapter writes it on the call) while the claim is still held, and only then lets the
     * claim go: in the other order another executor could claim the finished key and, not yet seeing the outcome on
     * the call, run the side effect a second time.
     */
    private void settle(Entry entry, long fence, Runnable record) {
        entries.remove(entry.effect.key());
        channel.metrics().sideEffectsPending(crm, -1);
        entry.cancelTimer();
        try {
            record.run();
        } finally {
            finish(entry, fence);
        }
    }

    private void finish(Entry entry, long fence) {
        try {
            store.finish(entry.effect.key(), fence);
        } catch (StoreUnavailableException e) {
            // Settled all the same: the adapter records the outcome on the call, which is what later claims ask.
            LOG.info("{}: {} settled but its entry stays until its claim lapses: the store is unavailable", agent,
                    entry.effect.key());
        }
    }

    private void wait(Entry entry, Phase phase, Duration delay) {
        entry.cancelTimer();
        entry.phase = phase;
        entry.timer = timers.schedule(delay, () -> serial.execute(() -> {
            if (!closed && entries.get(entry.effect.key()) == entry && entry.phase == phase) {
                entry.timer = null;
                resume(entry);
            }
        }));
    }

    private void resume(Entry entry) {
        entry.cancelTimer();
        SideEffect effect = entry.effect;
        if (!effect.stillWanted()) {
            drop(entry);
            return;
        }
        attempt(entry);
    }

    private void drop(Entry entry) {
        SideEffect effect = entry.effect;
        LOG.debug("{}: {} {} no longer wanted; dropped", agent, effect.method(), effect.key());
        entries.remove(effect.key());
        channel.metrics().sideEffectsPending(crm, -1);
        entry.cancelTimer();
        if (entry.fence != 0) {
            finish(entry, entry.fence);
        }
        effect.dropped();
    }

    private static InvocationResult outcome(@Nullable InvocationResult result, @Nullable Throwable failure) {
        if (result != null) {
            return result;
        }
        // The channel promises never to fail exceptionally; if it does, the bridge is at fault, not the CRM.
        return new InvocationResult.Failure(InvocationResult.Kind.BRIDGE_ERROR,
                failure == null ? "no result" : String.valueOf(failure.getMessage()), null, null);
    }

    @Override
    public String toString() {
        return "Delivery[" + crm + ", " + agent + ", owed=" + entries.keySet() + "]";
    }

    private enum Phase { IN_FLIGHT, BACKING_OFF, WAITING_FOR_FRAME, WAITING_FOR_CLAIM }

    private static final class Entry {
        final SideEffect effect;
        Phase phase = Phase.IN_FLIGHT;
        /** The fence of this delivery's latest claim, 0 before the first. */
        long fence;
        BridgeScheduler.@Nullable Cancellable timer;
        /** The next renewal of the claim while the invocation is in flight. */
        BridgeScheduler.@Nullable Cancellable renewal;

        Entry(SideEffect effect) {
            this.effect = effect;
        }

        /** Cancels the backoff or claim timer and the renewal. */
        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            cancelRenewal();
        }

        void cancelRenewal() {
            if (renewal != null) {
                renewal.cancel();
                renewal = null;
            }
        }
    }
}
