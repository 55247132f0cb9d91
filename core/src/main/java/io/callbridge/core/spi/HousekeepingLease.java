package io.callbridge.core.spi;

import java.time.Duration;

/**
 * Which node of a deployment runs core's housekeeping (work expiry, forgetting old calls and work items): a lease that
 * one holder at a time takes and renews every round. A node whose rounds stop (it died, or lost its store) loses the
 * lease when it lapses, and another node's next round takes it. Housekeeping is safe to run twice (every change is a
 * compare-and-set), so the lease saves redundant work, not correctness; its bound is that two nodes overlap only when a
 * round outlasts the lease.
 *
 * <p>Core's default ({@link #alwaysGranted()}) grants every request, which is right for a single node; a clustered
 * implementation (Redis) keeps the lease where every node sees it, with its expiry on the store's own clock.
 */
public interface HousekeepingLease {

    /**
     * Takes the lease for {@code holder}, or renews it if {@code holder} holds it, for {@code ttl} from now; refused
     * while another holder's lease lasts.
     *
     * @return whether {@code holder} holds the lease now
     * @throws StoreUnavailableException if the store cannot be reached; the caller must then assume it does not hold it
     */
    boolean acquire(String holder, Duration ttl);

    /** Gives the lease up if {@code holder} holds it, so another node takes it at its next round. */
    void release(String holder);

    /** The lease of a single node: every request is granted. */
    static HousekeepingLease alwaysGranted() {
        return AlwaysGrantedLease.INSTANCE;
    }
}
