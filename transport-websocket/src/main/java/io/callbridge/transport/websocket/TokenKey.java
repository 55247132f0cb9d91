package io.callbridge.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret agent tokens are signed with, and the id a token names it by, so that a verifier holding the current and
 * the previous key of a rotation picks the right one. The secret never appears in {@link #toString()}.
 */
public final class TokenKey {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final SecretKeySpec secret;

    private TokenKey(String id, byte[] secret) {
        this.id = id;
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * @param id names the key in every token it signs: 1-32 letters, digits, {@code .}, {@code _} or {@code -},
     *     e.g. {@code 2026-01}; not secret
     * @param secret at least 32 random bytes, the same on every node; copied
     */
    public static TokenKey of(String id, byte[] secret) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a token key id must be 1-32 letters, digits, '.', '_' or '-'");
        }
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret must be at least 32 bytes, but was " + secret.length);
        }
        return new TokenKey(id, Arrays.copyOf(secret, secret.length));
    }

    /** A key of 32 random bytes that only this process knows: tokens it signs stop working when the process ends. */
    public static TokenKey random(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return of(id, secret);
    }

    public String id() {
        return id;
    }

    static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /** HMAC-SHA256 of the ASCII text. */
    byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; reaching this means a broken runtime.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs.
        return "TokenKey[id=" + id + "]";
    }
}
