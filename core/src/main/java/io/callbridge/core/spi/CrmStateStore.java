package io.callbridge.core.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Small, durable, versioned text values that CRM integrations keep beside the calls: OAuth tokens per CRM account
 * (HubSpot portal, Salesforce org), the ledger of CRM records created server-side (call id to record id, so a retry
 * after an unclear failure never makes a second record). Values are opaque to the store (the integration writes them,
 * usually as JSON); core binds an in-memory default, cluster-redis a Redis one shared by every node. Thread-safe; each
 * method is atomic.
 *
 * <p>Names: a {@code namespace} says whose values they are, e.g. {@code hubspot.tokens}, {@code salesforce.ledger};
 * both namespace and key are non-empty text of at most 200 characters without control characters. Keep secrets out
 * of keys (they may show in the store's tools); values may hold them.
 */
public interface CrmStateStore {

    /** The value under {@code key}, with the version to name when replacing it; empty if none (or expired). */
    Optional<Versioned<String>> get(String namespace, String key);

    /**
     * Writes {@code value} under {@code key} if its version is {@code expectedVersion} ({@code 0}: only if there is
     * no value), for {@code ttl} from now (the value is gone after it, as if removed), replacing any earlier expiry.
     *
     * @param ttl positive
     * @return the new version, or empty if the version did not match (nothing changed)
     */
    Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value, Duration ttl);

    /** Removes the value if its version is {@code expectedVersion}; returns whether it did. */
    boolean remove(String namespace, String key, long expectedVersion);
}
