package io.callbridge.transport.websocket;

import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.SigningKeyStore.SigningKey;
import io.callbridge.core.spi.SigningKeyStore.SigningKeys;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenKeys} read from a {@link SigningKeyStore} and cached: read again when older than the refresh period,
 * and at once (at most once a second) when a token names a key the cache does not know. Logs key ids, never secrets.
 */
final class StoredTokenKeys implements TokenKeys {
    private static final Logger LOG = LoggerFactory.getLogger(StoredTokenKeys.class);
    private static final long MISS_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final SigningKeyStore store;
    private final long refreshNanos;
    private volatile Snapshot snapshot;
    private volatile long lastMissRead;

    StoredTokenKeys(SigningKeyStore store, Duration refresh) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(refresh, "refresh");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("refresh must be positive but was " + refresh);
        }
        this.refreshNanos = refresh.toNanos();
        this.snapshot = read(store.keys());
        this.lastMissRead = System.nanoTime() - MISS_INTERVAL_NANOS;
        LOG.info("agent tokens signed with the shared key {} (previous: {})", snapshot.current.id(),
                snapshot.previous == null ? "none" : snapshot.previous.id());
    }

    @Override
    public TokenKey current() {
        return fresh().current;
    }

    @Override
    public Optional<TokenKey> previous() {
        return Optional.ofNullable(fresh().previous);
    }

    @Override
    public Optional<TokenKey> named(String id) {
        Optional<TokenKey> known = fresh().named(id);
        if (known.isPresent()) {
            return known;
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastMissRead < MISS_INTERVAL_NANOS) {
                return snapshot.named(id);
            }
            lastMissRead = now;
            reload();
        }
        return snapshot.named(id);
    }

    private Snapshot fresh() {
        Snapshot s = snapshot;
        if (System.nanoTime() - s.readAt < refreshNanos) {
            return s;
        }
        synchronized (this) {
            if (System.nanoTime() - snapshot.readAt >= refreshNanos) {
                reload();
            }
            return snapshot;
        }
    }

    /** Reads the store; keeps the keys read last if it cannot be reached (and reads again after a refresh period). */
    private void reload() {
        Snapshot old = snapshot;
        try {
            Snapshot read = read(store.keys());
            if (!read.current.id().equals(old.current.id())) {
                LOG.info("agent tokens now signed with the shared key {} (previous: {})", read.current.id(),
                        read.previous == null ? "none" : read.previous.id());
            }
            snapshot = read;
        } catch (StoreUnavailableException e) {
            LOG.warn("cannot read the shared agent-token keys, keeping key {}: {}", old.current.id(), e.getMessage());
            snapshot = new Snapshot(old.current, old.previous, System.nanoTime());
        }
    }

    private static Snapshot read(SigningKeys keys) {
        SigningKey previous = keys.previous();
        return new Snapshot(TokenKey.of(keys.current().id(), keys.current().secret()),
                previous == null ? null : TokenKey.of(previous.id(), previous.secret()), System.nanoTime());
    }

    @Override
    public String toString() {
        Snapshot s = snapshot;
        return "TokenKeys[stored, current=" + s.current.id() + ", previous="
                + (s.previous == null ? "none" : s.previous.id()) + "]";
    }

    private record Snapshot(TokenKey current, @Nullable TokenKey previous, long readAt) {
        Optional<TokenKey> named(String id) {
            if (current.id().equals(id)) {
                return Optional.of(current);
            }
            return previous != null && previous.id().equals(id) ? Optional.of(previous) : Optional.empty();
        }
    }
}
