package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link io.callbridge.core.bridge.Delivery} keeps the CRM side effects it owes (a HubSpot
 * {@code CALL_COMPLETED}, a Salesforce {@code saveLog} or {@code completeWork}) while they are under way: what to run,
 * how many attempts failed, and which executor holds the <em>claim</em> to run it now. Core binds an in-memory default;
 * a clustered one (Redis) keeps them across restarts and lets exactly one executor of the cluster run each.
 *
 * <p>Whether a side effect is <em>done</em> is not this store's to remember: the call records it (its CRM links,
 * e.g. {@code salesforce.taskId}), and adapters ask the call before they owe anything. The store holds an entry from
 * the first claim until {@link #finish}; a finished key may be claimed again as new (adapters do not, because the call
 * says it is done).
 *
 * <p>Claims are leases: a claim lasts until its {@code until}, so a claimant that died (a closed bridge, a dead node)
 * blocks nobody for longer than that. A live claimant keeps a short lease by {@link #renew renewing} it while its work
 * is under way. Each successful claim increases the entry's {@code fence}; every later change, a renewal included,
 * names the fence it holds and is refused when another claim came since (a node that was paused past its lease does
 * not record over the new claimant). Thread-safe; each method is atomic.
 */
public interface DeliveryStore {

    /**
     * A new store in this JVM's memory, core's default: owed side effects end with the process. For tests and for
     * adapters made without an injector.
     */
    static DeliveryStore inMemory() {
        return new InMemoryDeliveryStore();
    }

    /**
     * Claims {@code key} for {@code claimant} until {@code until}: creates the entry from {@code owed} if there is none
     * (attempts 0), or takes it over if its claim is held by nobody, by {@code claimant} itself, or expired by
     * {@code now}.
     *
     * @return the entry as claimed (its {@code fence} is the one to name from now on), or empty if another claimant
     *     holds an unexpired claim; the entry is then unchanged
     */
    Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until);

    /**
     * Extends the claim held under {@code fence} to {@code until}, if {@code fence} is still the entry's and the claim
     * has not been let go. A claim that lapsed but that nobody took over since is still the fence's (nobody else ran
     * the side effect meanwhile) and is renewed; one another claimant took is not.
     *
     * @return whether the claim is still the caller's, now until {@code until}; false changes nothing
     */
    boolean renew(String key, long fence, Instant until);

    /**
     * Counts a failed attempt and lets the claim go, if {@code fence} is still the entry's.
     *
     * @return the failed attempts so far, or empty if the fence is stale or the key unknown (nothing changed)
     */
    Optional<Integer> attemptFailed(String key, long fence);

    /** Lets the claim go without counting an attempt (no frame ran it), if {@code fence} is still the entry's. */
    boolean release(String key, long fence);

    /** Removes the entry (succeeded, given up, or no longer wanted), if {@code fence} is still the entry's. */
    boolean finish(String key, long fence);

    /**
     * Records {@code owed} as owed without claiming it, if no entry has its key; an existing entry (claimed or not) is
     * left exactly as it is. This is the durable outbox: an adapter parks a CRM side effect it will owe (HubSpot's
     * {@code CALL_COMPLETED}, Salesforce's {@code saveLog}) as soon as it knows of the call, while a frame is there to
     * learn of it, so that a {@link io.callbridge.core.bridge.ServerSideExecutor} can still run it when no frame ever
     * comes back. A parked entry is claimed, renewed, released and finished like any other; the frame's
     * {@link io.callbridge.core.bridge.Delivery} and the server-side executor claim the same key, which is what lets
     * exactly one of them run it.
     *
     * @param owed the entry to park; its attempts, claimant and fence are ignored (a parked entry starts unclaimed,
     *     with no attempts)
     * @return whether an entry was created
     */
    boolean park(OwedDelivery owed);

    /**
     * Entries owed through {@code crm} (claimed or not, parked or first created by a claim), at most {@code limit}, in
     * no particular order: what a server-side executor sweeps. A store may return fewer than exist; a sweep that gets
     * {@code limit} entries looks again soon.
     *
     * @param limit at least 1
     */
    List<OwedDelivery> owedBy(String crm, int limit);

    Optional<OwedDelivery> get(String key);

    /** The agent's entries, in no particular order (for a bridge taking over an agent, and for operations). */
    List<OwedDelivery> pending(AgentId agent);

    /**
     * One owed side effect.
     *
     * @param key the idempotency key, also the invocation id every attempt uses
     * @param crm which adapter owes it, e.g. {@code hubspot}
     * @param method the CRM API method
     * @param argsJson its arguments, as JSON
     * @param attempts failed attempts so far (attempts that a frame ran and that failed in a way worth retrying)
     * @param claimant who holds the claim, or null when nobody does
     * @param claimedUntil when the claim lapses, or null when nobody holds it
     * @param fence increased by every successful claim
     */
    record OwedDelivery(String key, AgentId agent, String crm, String method, String argsJson, int attempts,
            @Nullable String claimant, @Nullable Instant claimedUntil, long fence) {
        public OwedDelivery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(crm, "crm");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(argsJson, "argsJson");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative");
            }
            if ((claimant == null) != (claimedUntil == null)) {
                throw new IllegalArgumentException("claimant and claimedUntil go together");
            }
        }

        /** A side effect not yet claimed or attempted. */
        public static OwedDelivery of(String key, AgentId agent, String crm, String method, String argsJson) {
            return new OwedDelivery(key, agent, crm, method, argsJson, 0, null, null, 0);
        }

        /** Whether someone other than {@code claimant} holds a claim that has not lapsed at {@code now}. */
        public boolean claimedByOtherAt(String claimant, Instant now) {
            return this.claimant != null && !this.claimant.equals(claimant) && claimedUntil != null
                    && claimedUntil.isAfter(now);
        }
    }
}
