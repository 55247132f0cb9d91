package io.callbridge.core.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Secrets that every node of a deployment shares and that outlive every node, kept in the deployment's store: the
 * transport signs agent tokens with them. A store holds a current key, which signs, and optionally the key before it,
 * which still verifies, so that a rotation logs nobody out.
 *
 * <p>Core binds none ({@code OptionalBinder}, absent by default): a single node configures its keys. A clustered store
 * (cluster-redis) binds one. Implementations are thread-safe; {@link #keys()} creates the first key if the store has
 * none, atomically, so that nodes starting together end up with the same one.
 */
public interface SigningKeyStore {

    /**
     * The current and previous key; creates the first key (id {@code k1}, random) if there is none.
     *
     * @throws StoreUnavailableException if the store cannot be reached
     */
    SigningKeys keys();

    /**
     * Makes a new random key current under a new id, and the current key previous; the key that was previous is gone,
     * so tokens signed with it no longer verify.
     *
     * @return the keys after the rotation
     * @throws StoreUnavailableException if the store cannot be reached
     */
    SigningKeys rotate();

    /**
     * Forgets the previous key (once every token it signed has expired), so that only the current one verifies.
     *
     * @return the keys afterwards
     * @throws StoreUnavailableException if the store cannot be reached
     */
    SigningKeys dropPrevious();

    /** The keys at one moment. */
    record SigningKeys(SigningKey current, @Nullable SigningKey previous) {
        public SigningKeys {
            Objects.requireNonNull(current, "current");
            if (previous != null && previous.id().equals(current.id())) {
                throw new IllegalArgumentException("the previous key must have another id than the current one");
            }
        }

        public Optional<SigningKey> previousKey() {
            return Optional.ofNullable(previous);
        }
    }

    /**
     * One secret and the id that names it (not secret). The secret never appears in {@link #toString()}, and
     * {@link #secret()} returns a copy.
     */
    final class SigningKey {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
        /** The shortest secret a store hands out. */
        public static final int MIN_SECRET_BYTES = 32;

        private final String id;
        private final byte[] secret;

        private SigningKey(String id, byte[] secret) {
            this.id = id;
            this.secret = secret;
        }

        /**
         * @param id 1-32 letters, digits, {@code .}, {@code _} or {@code -}
         * @param secret at least {@value #MIN_SECRET_BYTES} bytes; copied
         */
        public static SigningKey of(String id, byte[] secret) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a signing key id must be 1-32 letters, digits, '.', '_' or '-'");
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("a signing key's secret must be at least " + MIN_SECRET_BYTES
                        + " bytes, but was " + secret.length);
            }
            return new SigningKey(id, Arrays.copyOf(secret, secret.length));
        }

        public String id() {
            return id;
        }

        /** A copy of the secret. */
        public byte[] secret() {
            return Arrays.copyOf(secret, secret.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigningKey other && id.equals(other.id) && Arrays.equals(secret, other.secret);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public String toString() {
            // Keeps the secret out of logs.
            return "SigningKey[id=" + id + "]";
        }
    }
}
