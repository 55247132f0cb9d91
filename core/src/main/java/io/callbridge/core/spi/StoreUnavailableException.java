package io.callbridge.core.spi;

/**
 * The store behind a port ({@link VersionedStore}, {@link AgentEventRouter}, {@link DeliveryStore},
 * {@link HousekeepingLease}) cannot be reached or did not answer in time, e.g. a Redis that is down or restarting.
 * Whatever the failed call was to write may or may not have been written: the caller must not assume either, but read
 * again once the store is back. Core answers an input that meets it with {@code ErrorCode.STORE_UNAVAILABLE}.
 *
 * <p>Implementations throw it for unavailability only, never for a bug or bad data, and keep secrets (passwords in a
 * URI) out of the message.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
