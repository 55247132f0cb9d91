package io.callbridge.core.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.Service;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.core.spi.StoreUnavailableException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's housekeeping every few seconds, on one node of the deployment at a time: each round first takes or
 * renews the {@link HousekeepingLease} for three periods, and a node that does not hold it skips the round. A round
 * reads only the open values ({@link CallEngine#housekeepOpen}: work expiry, wrap-up timeouts); the first round this
 * node runs, and then one every {@link #FULL_PERIOD}, reads every kept value and also forgets those past their
 * retention ({@link CallEngine#housekeeping}), so that the rounds do not grow with the calls kept for an hour. When
 * the holder stops (gracefully it gives the lease up; a dead one lets it lapse), another node's next round takes over:
 * within one period after a release, within three periods plus one after a crash.
 */
public final class Housekeeper implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);
    /** How often a round is a full one: a value past its retention is forgotten up to this much later. */
    public static final Duration FULL_PERIOD = Duration.ofMinutes(5);

    private final CallEngine engine;
    private final HousekeepingLease lease;
    private final Duration period;
    private final Duration fullPeriod;
    private final Clock clock;
    private volatile @Nullable Instant lastFull;
    private final String holder = "housekeeper-" + UUID.randomUUID();
    private @Nullable ScheduledExecutorService scheduler;
    private volatile boolean held;

    @Inject
    public Housekeeper(CallEngine engine, HousekeepingLease lease, Clock clock) {
        this(engine, lease, PERIOD, FULL_PERIOD, clock);
    }

    /** Every five seconds, a full round every five minutes, on the system clock. */
    public Housekeeper(CallEngine engine, HousekeepingLease lease) {
        this(engine, lease, Clock.systemUTC());
    }

    /** @param period time between rounds; the lease lasts three */
    public Housekeeper(CallEngine engine, HousekeepingLease lease, Duration period) {
        this(engine, lease, period, FULL_PERIOD, Clock.systemUTC());
    }

    /**
     * @param period time between rounds; the lease lasts three
     * @param fullPeriod time between full rounds, on {@code clock}
     */
    public Housekeeper(CallEngine engine, HousekeepingLease lease, Duration period, Duration fullPeriod, Clock clock) {
        this.engine = engine;
        this.lease = lease;
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        if (fullPeriod.compareTo(period) < 0) {
            throw new IllegalArgumentException("fullPeriod must be at least the period");
        }
        this.period = period;
        this.fullPeriod = fullPeriod;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callbridge-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One round: takes or renews the lease, and runs the housekeeping if this node holds it.
     *
     * @return whether this node ran the round
     */
    public boolean runOnce() {
        boolean mine;
        try {
            mine = lease.acquire(holder, period.multipliedBy(3));
        } catch (StoreUnavailableException e) {
            LOG.debug("housekeeping skipped: the lease cannot be checked: {}", e.getMessage());
            mine = false;
        } catch (RuntimeException e) {
            LOG.error("housekeeping skipped: the lease failed; will try again", e);
            mine = false;
        }
        if (mine != held) {
            held = mine;
            LOG.info(mine ? "this node runs housekeeping from now on ({})" : "another node runs housekeeping ({})",
                    holder);
        }
        if (!mine) {
            return false;
        }
        try {
            Instant now = clock.instant();
            if (lastFull == null || !now.isBefore(lastFull.plus(fullPeriod))) {
                engine.housekeeping();
                lastFull = now;
            } else {
                engine.housekeepOpen();
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("housekeeping skipped: the state store is unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule.
            LOG.error("housekeeping failed; will try again", e);
        }
        return true;
    }

    /** Stops the rounds and gives the lease up, so another node takes over at its next round. */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (held) {
            held = false;
            try {
                lease.release(holder);
            } catch (RuntimeException e) {
                LOG.debug("could not give the housekeeping lease up; it lapses by itself", e);
            }
        }
    }
}
