package io.callbridge.transport.websocket;

import io.callbridge.core.spi.SigningKeyStore;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The keys agent tokens are signed and verified with. The current key signs every new token; a token signed with the
 * previous key still verifies, so a key is rotated without logging anyone out: make the new key current and the old
 * one previous on every node, wait at least the token lifetime ({@link TransportSettings#maxTokenTtl()}), then drop
 * the previous one. A token naming a key that is neither is refused as no longer valid, and the shipped bridge client
 * fetches a new one.
 *
 * <p>Bound by {@code WebSocketTransportModule} with a default from {@link TransportSettings#tokenKey()} and
 * {@link TransportSettings#previousTokenKey()}; a clustered deployment may bind its own (e.g. keys shared through a
 * store, {@link #fromStore}). Implementations are thread-safe and may change their answers over time: {@link AgentTokens}
 * asks on every issue and verify.
 */
public interface TokenKeys {

    /** The key new tokens are signed with. */
    TokenKey current();

    /** The key of the rotation before, whose tokens still verify; empty once dropped. */
    Optional<TokenKey> previous();

    /**
     * The key named {@code id}, if it is the current or the previous one. {@link AgentTokens#verify} asks this; keys
     * that change over time may look again when the id is unknown to them (a rotation on another node).
     */
    default Optional<TokenKey> named(String id) {
        TokenKey current = current();
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous().filter(previous -> previous.id().equals(id));
    }

    /**
     * Keys kept in a store every node shares (core's {@link SigningKeyStore}, e.g. in Redis), read now and again every
     * {@code refresh}, so that a rotation reaches signing on every node within {@code refresh}; a token naming a key
     * these keys do not know makes them read the store again at once (at most once a second), so a token signed with
     * a key just made current on another node verifies here straight away. While the store cannot be reached the keys
     * read last stay in use.
     *
     * @throws io.callbridge.core.spi.StoreUnavailableException if the store cannot be read now
     */
    static TokenKeys fromStore(SigningKeyStore store, Duration refresh) {
        return new StoredTokenKeys(store, refresh);
    }

    /** Fixed keys, e.g. from configuration. */
    static TokenKeys of(TokenKey current, @Nullable TokenKey previous) {
        return new FixedTokenKeys(current, previous);
    }

    /**
     * One random key named {@value AgentTokens#DEFAULT_KEY_ID} that only this process knows: for demos and tests in
     * one process. Tokens it signs stop working when the process ends.
     */
    static TokenKeys random() {
        return of(TokenKey.random(AgentTokens.DEFAULT_KEY_ID), null);
    }
}
