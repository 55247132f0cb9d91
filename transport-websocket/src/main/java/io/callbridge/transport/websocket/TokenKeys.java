package io.callbridge.transport.websocket;

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
 * store). Implementations are thread-safe and may change their answers over time: {@link AgentTokens} asks on every
 * issue and verify.
 */
public interface TokenKeys {

    /** The key new tokens are signed with. */
    TokenKey current();

    /** The key of the rotation before, whose tokens still verify; empty once dropped. */
    Optional<TokenKey> previous();

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
