package io.callbridge.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of core's server-side delivery: how the service that hands owed CRM side effects to
 * {@link io.callbridge.core.bridge.ServerSideExecutor}s (a CRM's REST API completing a call log no frame sent) sweeps
 * the delivery store. Bound by core with {@code OptionalBinder} ({@link #DEFAULTS}); a vendor replaces it with
 * {@code OptionalBinder.newOptionalBinder(binder(), ServerSideSettings.class).setBinding().toInstance(...)}.
 *
 * @param sweepInterval time between two sweeps of the store (each asks every executor about its CRM's entries)
 * @param claimLease how long the service's claim on an entry lasts without a renewal; it is renewed every third of it
 *     while the executor runs, so this bounds how long another node waits after this one died mid-run
 * @param threads how many executions run at once on this node (each may block on a CRM's API)
 */
public record ServerSideSettings(Duration sweepInterval, Duration claimLease, int threads) {

    public static final ServerSideSettings DEFAULTS = new ServerSideSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(60), 2);

    public ServerSideSettings {
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(claimLease, "claimLease");
        if (sweepInterval.compareTo(Duration.ofMillis(10)) < 0 || sweepInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("sweepInterval must be 10 ms to 1 h, was " + sweepInterval);
        }
        if (claimLease.compareTo(Duration.ofMillis(30)) < 0 || claimLease.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("claimLease must be 30 ms to 1 h, was " + claimLease);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1 to 64, was " + threads);
        }
    }

    public ServerSideSettings withSweepInterval(Duration interval) {
        return new ServerSideSettings(interval, claimLease, threads);
    }

    public ServerSideSettings withClaimLease(Duration lease) {
        return new ServerSideSettings(sweepInterval, lease, threads);
    }

    public ServerSideSettings withThreads(int count) {
        return new ServerSideSettings(sweepInterval, claimLease, count);
    }
}
