package io.callbridge.core.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.Service;
import io.callbridge.core.spi.StoreUnavailableException;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the engine's housekeeping (work expiry, forgetting old calls) every few seconds. */
public final class Housekeeper implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
    private static final long PERIOD_MILLIS = 5_000;

    private final CallEngine engine;
    private @Nullable ScheduledExecutorService scheduler;

    @Inject
    public Housekeeper(CallEngine engine) {
        this.engine = engine;
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
        scheduler.scheduleWithFixedDelay(this::runOnce, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            engine.housekeeping();
        } catch (StoreUnavailableException e) {
            LOG.warn("housekeeping skipped: the state store is unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule.
            LOG.error("housekeeping failed; will try again", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
