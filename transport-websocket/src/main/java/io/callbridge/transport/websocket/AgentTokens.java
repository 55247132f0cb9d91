package io.callbridge.transport.websocket;

import io.callbridge.core.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the short-lived agent tokens bridges present in their hello. The vendor's backend, which knows
 * who is signed in, calls {@link #issue} and hands the token to the page; the transport calls {@link #verify}.
 *
 * <p>Format: {@code base64url(payload) "." base64url(HMAC-SHA256(secret, base64url(payload)))}, where the payload is
 * {@code cb1 \n tenant \n agent \n crm \n expiry-epoch-seconds}. Agent ids cannot contain a newline, so the payload
 * is unambiguous. The signature covers the encoded payload, so nothing is re-encoded before it is checked.
 *
 * <p>Thread-safe. Every node that verifies tokens must share the secret.
 */
public final class AgentTokens {
    /** Tokens are meant to live minutes; a day is the most this API will sign, or accept. */
    public static final Duration MAX_TTL = Duration.ofDays(1);
    /**
     * How far the issuing node's clock may be ahead of the verifying one's: a token issued for {@link #MAX_TTL} on a
     * node slightly ahead is not refused as living too long.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final String VERSION = "cb1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern CRM = Pattern.compile("[a-z0-9]{1,32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param secret at least 32 random bytes; copied
     * @param clock decides expiry
     */
    public AgentTokens(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret must be at least 32 bytes, but was " + secret.length);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tokens signed with a secret that only this process knows: fine for one node and for demos. */
    public static AgentTokens withRandomSecret(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new AgentTokens(secret, clock);
    }

    /**
     * A token that lets a bridge of {@code crm} act for {@code agent} for {@code ttl}.
     *
     * @throws IllegalArgumentException if the CRM kind is not lower-case letters and digits or the ttl is not
     *     positive and at most {@link #MAX_TTL}
     */
    public String issue(AgentId agent, String crm, Duration ttl) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(ttl, "ttl");
        if (!CRM.matcher(crm).matches()) {
            throw new IllegalArgumentException("crm must be 1-32 lower-case letters or digits but was '" + crm + "'");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL + " but was " + ttl);
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = String.join("\n", VERSION, agent.tenant(), agent.agent(), crm, Long.toString(expiry));
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    /**
     * Checks the signature first (so a forger learns nothing from the payload checks), then the expiry, then that the
     * token does not live longer than {@link #MAX_TTL}: issuing caps the lifetime, so a correctly signed token that
     * expires years ahead comes from a broken or compromised issuer and must not be a key for years.
     *
     * @throws InvalidAgentTokenException saying why the token is refused
     */
    public AgentToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.MISSING, "token missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw malformed();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw malformed();
        }
        String encoded = token.substring(0, dot);
        byte[] presented;
        byte[] payloadBytes;
        try {
            presented = DECODER.decode(token.substring(dot + 1));
            payloadBytes = DECODER.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        // MessageDigest.isEqual compares in time independent of where the arrays differ.
        if (!MessageDigest.isEqual(sign(encoded), presented)) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.FORGED, "token signature invalid");
        }
        String[] parts = new String(payloadBytes, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !CRM.matcher(parts[3]).matches()) {
            throw malformed();
        }
        AgentId agent;
        long expiry;
        try {
            agent = AgentId.of(parts[1], parts[2]);
            expiry = Long.parseLong(parts[4]);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        // Compared as epoch seconds: an expiry beyond what Instant can hold must be refused, not throw.
        long now = clock.instant().getEpochSecond();
        if (expiry <= now) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.EXPIRED, "token expired");
        }
        if (expiry - now > MAX_TTL.plus(CLOCK_SKEW).getSeconds()) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.TOO_LONG_LIVED,
                    "token lifetime exceeds the maximum");
        }
        return new AgentToken(agent, parts[3], Instant.ofEpochSecond(expiry));
    }

    private byte[] sign(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; reaching this means a broken runtime.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static InvalidAgentTokenException malformed() {
        return new InvalidAgentTokenException(InvalidAgentTokenException.Reason.MALFORMED, "token malformed");
    }
}
