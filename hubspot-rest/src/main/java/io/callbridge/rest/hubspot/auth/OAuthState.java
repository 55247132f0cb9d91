package io.callbridge.rest.hubspot.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.core.spi.CrmStateStore;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} of an install link, against forged callbacks: {@code <nonce>.<issued epoch second>.<HMAC>},
 * signed with a key derived from the app's client secret (so every node of the vendor's server checks it), accepted
 * back once (the nonce is marked used in the CRM state store, for every node) within its lifetime.
 */
final class OAuthState {
    static final String NAMESPACE = "hubspot.oauth-states";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Why a state is not accepted: said to the browser. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    private final CrmStateStore store;

    OAuthState(String clientSecret, Duration lifetime, Clock clock, CrmStateStore store) {
        this.key = hmac(clientSecret.getBytes(UTF_8), "callbridge hubspot oauth state v1");
        this.lifetime = lifetime;
        this.clock = clock;
        this.store = store;
    }

    String issue() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String payload = B64.encodeToString(nonce) + "." + clock.instant().getEpochSecond();
        return payload + "." + B64.encodeToString(hmac(key, payload));
    }

    /** Accepts {@code state} once. */
    void accept(String state) throws Rejected {
        String[] parts = state.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            throw new Rejected("the install link's state is malformed");
        }
        String payload = parts[0] + "." + parts[1];
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Rejected("the install link's state is malformed");
        }
        if (!MessageDigest.isEqual(given, hmac(key, payload))) {
            throw new Rejected("the install link's state is not one this server signed");
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new Rejected("the install link's state is malformed");
        }
        Instant now = clock.instant();
        if (issued.isAfter(now.plusSeconds(60)) || !issued.plus(lifetime).isAfter(now)) {
            throw new Rejected("the install link expired (it lasts " + lifetime.toMinutes() + " minutes)");
        }
        if (store.compareAndSet(NAMESPACE, parts[0], 0, "used", lifetime.plusMinutes(1)).isEmpty()) {
            throw new Rejected("the install link was already used");
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
