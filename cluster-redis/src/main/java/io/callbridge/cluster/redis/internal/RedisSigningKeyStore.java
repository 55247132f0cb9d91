package io.callbridge.cluster.redis.internal;

import io.callbridge.core.spi.SigningKeyStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Core's {@link SigningKeyStore} in Redis: one hash {@code {P}:tokenkeys} with the rotation count {@code n} and the
 * {@code current} and {@code previous} keys as {@code ID:BASE64}. Creating the first key, rotating and dropping are each
 * one script ({@code keys-read}, {@code keys-rotate}, {@code keys-drop}); the random secrets are made here (a
 * {@link SecureRandom}, 32 bytes) and sent as script arguments. Never logs a secret.
 */
final class RedisSigningKeyStore implements SigningKeyStore {
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisClusterCommands<String, String> redis;
    private final Scripts scripts;
    private final String[] key;

    RedisSigningKeyStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys) {
        this.redis = redis;
        this.scripts = scripts;
        this.key = new String[] {keys.signingKeys()};
    }

    @Override
    public SigningKeys keys() {
        return run(scripts.keysRead);
    }

    @Override
    public SigningKeys rotate() {
        return run(scripts.keysRotate);
    }

    @Override
    public SigningKeys dropPrevious() {
        return run(scripts.keysDrop);
    }

    private SigningKeys run(LuaScript script) {
        List<Object> answer = script.run(redis, ScriptOutputType.MULTI, key, newSecret());
        if (answer == null || answer.isEmpty() || !(answer.get(0) instanceof String current)) {
            throw new IllegalStateException("the signing keys in Redis have no current key");
        }
        Object previous = answer.size() > 1 ? answer.get(1) : null;
        return new SigningKeys(parse(current), previous instanceof String p ? parse(p) : null);
    }

    private static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** {@code ID:BASE64}; the error never shows the value. */
    private static SigningKey parse(@Nullable String stored) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException("a signing key in Redis is not ID:BASE64");
        }
        try {
            return SigningKey.of(stored.substring(0, colon), Base64.getDecoder().decode(stored.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a signing key in Redis (id " + stored.substring(0, colon)
                    + ") is not valid: " + e.getMessage().replaceAll("[A-Za-z0-9+/=]{20,}", "…"));
        }
    }
}
