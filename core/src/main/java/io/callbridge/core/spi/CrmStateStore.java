package io.callbridge.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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

    /** The longest namespace or key, in characters. */
    int MAX_NAME_LENGTH = 200;

    /**
     * A new store in this JVM's memory, core's default: values end with the process. Values expire by {@code clock}
     * (tests move it by hand).
     */
    static CrmStateStore inMemory(Clock clock) {
        return new InMemoryCrmStateStore(clock);
    }

    /**
     * Checks a namespace or key as the class comment says, for implementations: non-empty, at most
     * {@value #MAX_NAME_LENGTH} characters, no control characters.
     *
     * @param field what it is, {@code namespace} or {@code key}, named in the error
     * @return {@code name}
     * @throws IllegalArgumentException naming the field (and not the value, which may be an account's id)
     */
    static String checkName(String field, String name) {
        Objects.requireNonNull(name, field);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_NAME_LENGTH + " characters, was "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (one at index " + i
                        + ")");
            }
        }
        return name;
    }

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
