package io.callbridge.core.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.bridge.ServerSideExecutor.Plan;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.StoreUnavailableException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands owed CRM side effects that no frame ran to the bound {@link ServerSideExecutor}s (a CRM's REST API), under
 * the same claims, fences and keys as a frame's {@link io.callbridge.core.bridge.Delivery}, so that each runs once, by
 * a frame or by an executor. Idle (no threads) when no executor is bound.
 *
 * <p>Every {@link ServerSideSettings#sweepInterval() sweep interval} it reads up to {@value #BATCH} entries of each
 * executor's CRM ({@link DeliveryStore#owedBy}) and, for each that nobody else holds, that is not running here and
 * whose "not before" time (kept in memory from an earlier {@link Plan.NotYet} or {@link Outcome.Retry}) has passed,
 * asks the executor's {@link ServerSideExecutor#plan plan}:
 * <ul>
 *   <li>{@link Plan.Drop}: claims the entry and finishes it;</li>
 *   <li>{@link Plan.Run}: claims it for the {@link ServerSideSettings#claimLease() claim lease}, asks the plan again
 *       with the call as it is now that nobody else can settle it (a frame may have settled it just before: it writes
 *       the outcome on the call before it lets its claim go), and runs {@link ServerSideExecutor#execute} on this
 *       service's small pool while renewing the claim every third of the lease. When it returns, the claim is renewed
 *       once more (a fence check): a claim lost meanwhile writes nothing. {@link Outcome.Done} writes its links on
 *       the call and finishes the entry; {@link Outcome.GaveUp} writes its links, notifies the agent
 *       ({@code <crm>.SERVER_SIDE_FAILED}) and finishes it; {@link Outcome.Retry} (and an exception from
 *       {@code execute}, with a growing backoff) lets the claim go and waits until its time.</li>
 * </ul>
 * A store that cannot be reached ({@link StoreUnavailableException}) drops nothing: the sweep ends and the next one
 * tries again; a claim that cannot be let go lapses by itself. At most one execution per key at a time on a node,
 * and at most {@link ServerSideSettings#threads()} at once: an entry is only claimed when a thread is free for it.
 *
 * <p>Stopping shuts the pool down (running executions are interrupted) and lets go the claims of every execution not
 * yet being settled, so another node can take them over at once; an execution that returns afterwards writes nothing.
 */
public final class ServerSideDeliveryService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSideDeliveryService.class);
    /** How many entries of one CRM a sweep reads. */
    static final int BATCH = 500;
    /** The first wait after an exception from an executor; doubled after each further one. */
    static final Duration FIRST_FAILURE_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_FAILURE_BACKOFF = Duration.ofMinutes(10);

    private final List<ServerSideExecutor> executors;
    private final DeliveryStore store;
    private final CallEngine engine;
    private final Clock clock;
    private final ServerSideSettings settings;
    private final MetricsRecorder metrics;
    private final String claimant = "server-side:" + UUID.randomUUID();
    /** Whether the caller gave the threads (tests); otherwise {@link #start} makes them. */
    private final boolean ownThreads;

    /** Per key, when to look at it again (after a NotYet or a Retry); due ones are forgotten at each sweep. */
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    /** Per key, how many executions in a row threw. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** The executions under way on this node, by key. */
    private final Map<String, Run> running = new ConcurrentHashMap<>();

    private final Object lifecycle = new Object();
    private volatile boolean started;
    private volatile boolean stopped;
    private @Nullable BridgeScheduler timers;
    private @Nullable Executor workers;
    private @Nullable ScheduledExecutorService ownTimers;
    private @Nullable ExecutorService ownWorkers;
    private BridgeScheduler.@Nullable Cancellable nextSweep;

    @Inject
    public ServerSideDeliveryService(Set<ServerSideExecutor> executors, DeliveryStore store, CallEngine engine,
            Clock clock, ServerSideSettings settings, MetricsRecorder metrics) {
        this(executors, store, engine, clock, settings, metrics, null, null);
    }

    /**
     * A service on the caller's threads, for tests: sweeps and renewals are scheduled on {@code timers}, executions
     * run on {@code workers} (a test may pass {@code Runnable::run} and call {@link #sweep()} itself).
     */
    public ServerSideDeliveryService(Set<ServerSideExecutor> executors, DeliveryStore store, CallEngine engine,
            Clock clock, ServerSideSettings settings, MetricsRecorder metrics, @Nullable BridgeScheduler timers,
            @Nullable Executor workers) {
        this.executors = List.copyOf(executors);
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if ((timers == null) != (workers == null)) {
            throw new IllegalArgumentException("timers and workers go together");
        }
        this.ownThreads = timers == null;
        this.timers = timers;
        this.workers = workers;
        Set<String> crms = new HashSet<>();
        for (ServerSideExecutor executor : this.executors) {
            if (!crms.add(executor.crm())) {
                throw new IllegalStateException("two server-side executors for the CRM " + executor.crm()
                        + " are bound; bind one per CRM");
            }
        }
    }

    /** Who this service claims entries as: {@code server-side:<uuid>}, one per service instance. */
    public String claimant() {
        return claimant;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (started || stopped) {
                return;
            }
            started = true;
            if (executors.isEmpty()) {
                LOG.debug("no server-side executor is bound; server-side delivery stays idle");
                return;
            }
            if (ownThreads) {
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                        named("callbridge-server-side-sweep", new AtomicInteger()));
                ownTimers = scheduler;
                timers = schedulerOf(scheduler);
                ownWorkers = Executors.newFixedThreadPool(settings.threads(),
                        named("callbridge-server-side-", new AtomicInteger(1)));
                workers = ownWorkers;
            }
            LOG.info("server-side delivery for {} every {}", executors.stream().map(ServerSideExecutor::crm).toList(),
                    settings.sweepInterval());
            scheduleSweep();
        }
    }

    @Override
    public void stop() {
        List<Run> held;
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (nextSweep != null) {
                nextSweep.cancel();
                nextSweep = null;
            }
            if (ownTimers != null) {
                ownTimers.shutdownNow();
            }
            if (ownWorkers != null) {
                ownWorkers.shutdownNow();
            }
            held = new ArrayList<>(running.values());
        }
        for (Run run : held) {
            if (run.letGo()) {
                release(run.owed.key(), run.fence);
            }
        }
        if (ownWorkers != null) {
            try {
                if (!ownWorkers.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.info("server-side executions still running after stop; their results are not recorded");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void scheduleSweep() {
        synchronized (lifecycle) {
            if (stopped || timers == null) {
                return;
            }
            nextSweep = timers.schedule(settings.sweepInterval(), () -> {
                sweep();
                scheduleSweep();
            });
        }
    }

    /**
     * One sweep of every executor's entries (the schedule calls it; tests may too). Never throws.
     */
    public void sweep() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        notBefore.values().removeIf(at -> !at.isAfter(now));
        for (ServerSideExecutor executor : executors) {
            try {
                sweep(executor);
            } catch (StoreUnavailableException e) {
                LOG.info("server-side delivery of {} waits for the next sweep: the store is unavailable ({})",
                        executor.crm(), e.getMessage());
            } catch (RuntimeException e) {
                if (stopped) {
                    // Stopping interrupts the sweep's thread, which a store's client may report as a failure.
                    LOG.debug("server-side delivery of {} stopped during a sweep", executor.crm(), e);
                    return;
                }
                LOG.error("server-side delivery of {} failed; trying again at the next sweep", executor.crm(), e);
            }
        }
    }

    private void sweep(ServerSideExecutor executor) {
        for (OwedDelivery owed : store.owedBy(executor.crm(), BATCH)) {
            if (stopped) {
                return;
            }
            String key = owed.key();
            Instant now = clock.instant();
            Instant due = notBefore.get(key);
            if (running.containsKey(key) || (due != null && due.isAfter(now)) || owed.claimedByOtherAt(claimant, now)) {
                continue;
            }
            consider(executor, owed, now);
        }
    }

    private void consider(ServerSideExecutor executor, OwedDelivery owed, Instant now) {
        Call call = callOf(executor, owed);
        Plan plan = plan(executor, owed, call, now);
        if (plan == null) {
            return;
        }
        if (plan instanceof Plan.NotYet notYet) {
            notBefore.put(owed.key(), notYet.at());
        } else if (plan instanceof Plan.Drop drop) {
            Optional<OwedDelivery> claimed = store.claim(owed, claimant, now, now.plus(settings.claimLease()));
            if (claimed.isPresent()) {
                LOG.debug("{}: {} {} dropped: {}", executor.crm(), owed.method(), owed.key(), drop.reason());
                forget(owed.key());
                store.finish(owed.key(), claimed.get().fence());
            }
        } else if (running.size() < settings.threads()) {
            claimAndRun(executor, owed);
        }
    }

    private void claimAndRun(ServerSideExecutor executor, OwedDelivery owed) {
        String key = owed.key();
        Instant now = clock.instant();
        Optional<OwedDelivery> claim = store.claim(owed, claimant, now, now.plus(settings.claimLease()));
        if (claim.isEmpty()) {
            return;
        }
        OwedDelivery claimed = claim.get();
        long fence = claimed.fence();
        boolean handedOn = false;
        try {
            // Asked again now that nobody else can settle it: a frame may have done so between the first look and
            // the claim (it writes its outcome on the call before it lets its claim go).
            Call call = callOf(executor, claimed);
            Plan again = plan(executor, claimed, call, now);
            if (again instanceof Plan.Drop drop) {
                LOG.debug("{}: {} {} dropped: {}", executor.crm(), owed.method(), key, drop.reason());
                forget(key);
                store.finish(key, fence);
                handedOn = true;
                return;
            }
            if (again instanceof Plan.NotYet notYet) {
                notBefore.put(key, notYet.at());
                return;
            }
            if (again == null) {
                return;
            }
            if (call == null) {
                LOG.warn("{}: the plan for {} {} was to run it, but core has no call for it; looking again in {}",
                        executor.crm(), owed.method(), key, settings.claimLease());
                notBefore.put(key, now.plus(settings.claimLease()));
                return;
            }
            Run run = new Run(executor, claimed, fence, call);
            running.put(key, run);
            renewLater(run);
            try {
                Executor pool = workers;
                if (pool == null || stopped) {
                    throw new RejectedExecutionException("stopped");
                }
                pool.execute(() -> execute(run));
                handedOn = true;
            } catch (RejectedExecutionException e) {
                running.remove(key, run);
                run.letGo();
            }
        } finally {
            if (!handedOn) {
                release(key, fence);
            }
        }
    }

    /** On a worker: runs the side effect and records its outcome while the claim is still held. */
    private void execute(Run run) {
        ServerSideExecutor executor = run.executor;
        OwedDelivery owed = run.owed;
        String key = owed.key();
        Outcome outcome;
        try {
            outcome = Objects.requireNonNull(executor.execute(owed, run.call), "execute returned null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (run.letGo()) {
                release(key, run.fence);
            }
            running.remove(key, run);
            return;
        } catch (RuntimeException e) {
            int failed = failures.merge(key, 1, Integer::sum);
            Duration backoff = backoff(failed);
            // The exception's message may quote what the CRM was sent: only at debug.
            LOG.warn("{}: {} {} failed with {} (failure {} in a row); trying again in {}", executor.crm(),
                    owed.method(), key, e.getClass().getName(), failed, backoff);
            LOG.debug("{}: {} {} failed", executor.crm(), owed.method(), key, e);
            outcome = new Outcome.Retry(e.getClass().getSimpleName(), clock.instant().plus(backoff));
        }
        if (!run.settling()) {
            // Stopped meanwhile: the claim was let go, and another node runs it again (the executor finds what it
            // did the first time).
            running.remove(key, run);
            return;
        }
        try {
            settle(run, outcome);
        } catch (StoreUnavailableException e) {
            LOG.info("{}: the outcome of {} {} waits: the store is unavailable; the claim lapses and it is looked at"
                    + " again", executor.crm(), owed.method(), key);
        } catch (RuntimeException e) {
            Duration backoff = backoff(failures.merge(key, 1, Integer::sum));
            LOG.error("{}: recording the outcome of {} {} failed; trying again in {}", executor.crm(), owed.method(),
                    key, backoff, e);
            notBefore.put(key, clock.instant().plus(backoff));
            release(key, run.fence);
        } finally {
            running.remove(key, run);
        }
    }

    private void settle(Run run, Outcome outcome) {
        ServerSideExecutor executor = run.executor;
        OwedDelivery owed = run.owed;
        String key = owed.key();
        if (outcome instanceof Outcome.Retry retry) {
            LOG.info("{}: {} {} is tried again at {}", executor.crm(), owed.method(), key, retry.notBefore());
            LOG.debug("{}: {} {} is tried again because: {}", executor.crm(), owed.method(), key, retry.reason());
            notBefore.put(key, retry.notBefore());
            store.release(key, run.fence);
            return;
        }
        if (run.lost || !stillHeld(key, run.fence)) {
            // Another claimant runs it under the same key (the executor finds what it did) and records it.
            LOG.info("{}: {} {} lost its claim while it ran; the new claimant records it", executor.crm(),
                    owed.method(), key);
            return;
        }
        CallId callId = run.call.id();
        if (outcome instanceof Outcome.Done done) {
            if (!link(run, done.links())) {
                waitForStore(run);
                return;
            }
            LOG.info("{}: {} {} done server-side", executor.crm(), owed.method(), key);
        } else {
            Outcome.GaveUp gaveUp = (Outcome.GaveUp) outcome;
            if (!link(run, gaveUp.links())) {
                waitForStore(run);
                return;
            }
            // The message is the CRM's text for the agent: not logged above debug.
            LOG.warn("{}: {} {} failed for good server-side; the agent is told", executor.crm(), owed.method(), key);
            LOG.debug("{}: {} {} failed for good: {}", executor.crm(), owed.method(), key, gaveUp.message());
            metrics.sideEffectFailed(executor.crm(), owed.method());
            CommandResult told = engine.execute(new NotifyAgent(owed.agent(), executor.crm() + ".SERVER_SIDE_FAILED",
                    gaveUp.message(), callId));
            if (told.isRejected()) {
                LOG.info("{}: the agent could not be told of {}: {}", executor.crm(), key,
                        ((CommandResult.Rejected) told).error().code());
            }
        }
        forget(key);
        store.finish(key, run.fence);
    }

    /**
     * Writes the links on the call; false when the store is unavailable (nothing is finished then). A link refused for
     * another reason (the call is gone) is logged and skipped: the side effect ran, so it is owed no more.
     */
    private boolean link(Run run, Map<String, String> links) {
        for (Map.Entry<String, String> link : links.entrySet()) {
            CommandResult result = engine.execute(new CallCommand.LinkCrmArtefact(run.owed.agent(), run.call.id(),
                    link.getKey(), link.getValue()));
            if (result instanceof CommandResult.Rejected rejected) {
                if (rejected.error().code() == ErrorCode.STORE_UNAVAILABLE) {
                    return false;
                }
                LOG.warn("{}: the link {} of {} was refused ({}); the entry is finished all the same",
                        run.executor.crm(), link.getKey(), run.owed.key(), rejected.error().code());
            }
        }
        return true;
    }

    private void waitForStore(Run run) {
        LOG.info("{}: {} {} ran but its links cannot be written: the store is unavailable; trying again at the next"
                + " sweep", run.executor.crm(), run.owed.method(), run.owed.key());
        notBefore.put(run.owed.key(), clock.instant().plus(settings.sweepInterval()));
        store.release(run.owed.key(), run.fence);
    }

    /**
     * Whether the claim is still the run's, renewed for one more lease while the outcome is recorded. A store that
     * cannot be reached counts as held: nobody else can claim through it either.
     */
    private boolean stillHeld(String key, long fence) {
        try {
            return store.renew(key, fence, clock.instant().plus(settings.claimLease()));
        } catch (StoreUnavailableException e) {
            LOG.debug("could not confirm the claim of {}: {}", key, e.getMessage());
            return true;
        }
    }

    private void renewLater(Run run) {
        BridgeScheduler scheduler = timers;
        if (scheduler == null) {
            return;
        }
        run.renewal = scheduler.schedule(settings.claimLease().dividedBy(3), () -> {
            if (!run.isRunning()) {
                return;
            }
            String key = run.owed.key();
            try {
                if (!store.renew(key, run.fence, clock.instant().plus(settings.claimLease()))) {
                    run.lost = true;
                    LOG.info("{}: {} {} lost its claim to another executor while it ran", run.executor.crm(),
                            run.owed.method(), key);
                    return;
                }
            } catch (StoreUnavailableException e) {
                LOG.debug("could not renew the claim of {}: {}", key, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("renewing the claim of {} failed", key, e);
            }
            renewLater(run);
        });
    }

    private @Nullable Call callOf(ServerSideExecutor executor, OwedDelivery owed) {
        String id = executor.callOf(owed);
        return id == null ? null : engine.call(new CallId(id)).orElse(null);
    }

    /** The executor's plan, or null when it threw (logged; looked at again after a sweep interval). */
    private @Nullable Plan plan(ServerSideExecutor executor, OwedDelivery owed, @Nullable Call call, Instant now) {
        try {
            return Objects.requireNonNull(executor.plan(owed, call, now), "plan returned null");
        } catch (RuntimeException e) {
            LOG.error("{}: planning {} {} failed; looking again in {}", executor.crm(), owed.method(), owed.key(),
                    settings.sweepInterval(), e);
            notBefore.put(owed.key(), now.plus(settings.sweepInterval()));
            return null;
        }
    }

    private void release(String key, long fence) {
        try {
            store.release(key, fence);
        } catch (StoreUnavailableException e) {
            LOG.debug("could not let {} go (its claim lapses by itself): {}", key, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("could not let {} go (its claim lapses by itself)", key, e);
        }
    }

    private void forget(String key) {
        notBefore.remove(key);
        failures.remove(key);
    }

    static Duration backoff(int failed) {
        Duration delay = FIRST_FAILURE_BACKOFF.multipliedBy(1L << Math.min(Math.max(failed - 1, 0), 16));
        return delay.compareTo(MAX_FAILURE_BACKOFF) > 0 ? MAX_FAILURE_BACKOFF : delay;
    }

    private static java.util.concurrent.ThreadFactory named(String name, AtomicInteger counter) {
        return r -> {
            int n = counter.getAndIncrement();
            Thread t = new Thread(r, n == 0 && !name.endsWith("-") ? name : name + n);
            t.setDaemon(true);
            return t;
        };
    }

    private static BridgeScheduler schedulerOf(ScheduledExecutorService scheduler) {
        return new BridgeScheduler() {
            @Override
            public void execute(Runnable task) {
                scheduler.execute(task);
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                try {
                    ScheduledFuture<?> f = scheduler.schedule(() -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.error("a server-side delivery task failed", e);
                        }
                    }, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                } catch (RejectedExecutionException stopped) {
                    return () -> { };
                }
            }
        };
    }

    /** One execution under way. */
    private static final class Run {
        final ServerSideExecutor executor;
        final OwedDelivery owed;
        final long fence;
        final Call call;
        /** A renewal was refused: another claimant took it. */
        volatile boolean lost;
        volatile BridgeScheduler.@Nullable Cancellable renewal;
        /** RUNNING, then SETTLING (its worker records the outcome) or LET_GO (stopped first). */
        private State state = State.RUNNING;

        Run(ServerSideExecutor executor, OwedDelivery owed, long fence, Call call) {
            this.executor = executor;
            this.owed = owed;
            this.fence = fence;
            this.call = call;
        }

        synchronized boolean isRunning() {
            return state == State.RUNNING;
        }

        /** The worker takes it over to record the outcome; false if it was let go first. */
        synchronized boolean settling() {
            cancelRenewal();
            if (state != State.RUNNING) {
                return false;
            }
            state = State.SETTLING;
            return true;
        }

        /** Stop takes it over to let its claim go; false if its worker records it already (or it was let go). */
        synchronized boolean letGo() {
            cancelRenewal();
            if (state != State.RUNNING) {
                return false;
            }
            state = State.LET_GO;
            return true;
        }

        private void cancelRenewal() {
            BridgeScheduler.Cancellable r = renewal;
            if (r != null) {
                r.cancel();
                renewal = null;
            }
        }

        private enum State { RUNNING, SETTLING, LET_GO }
    }
}
