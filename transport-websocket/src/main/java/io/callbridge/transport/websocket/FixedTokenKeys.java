package io.callbridge.transport.websocket;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link TokenKeys} that never change. */
final class FixedTokenKeys implements TokenKeys {
    private final TokenKey current;
    private final Optional<TokenKey> previous;

    FixedTokenKeys(TokenKey current, @Nullable TokenKey previous) {
        this.current = Objects.requireNonNull(current, "current");
        if (previous != null && previous.id().equals(current.id())) {
            throw new IllegalArgumentException("the previous token key needs an id of its own, not '"
                    + current.id() + "'");
        }
        this.previous = Optional.ofNullable(previous);
    }

    @Override
    public TokenKey current() {
        return current;
    }

    @Override
    public Optional<TokenKey> previous() {
        return previous;
    }

    @Override
    public String toString() {
        return "TokenKeys[current=" + current.id() + ", previous=" + previous.map(TokenKey::id).orElse("none") + "]";
    }
}
