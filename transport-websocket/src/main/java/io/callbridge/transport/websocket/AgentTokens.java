package io.callbridge.transport.websocket;

import io.callbridge.core.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Issues and verifies the short-lived agent tokens bridges present in their hello. The vendor's backend, which knows
 * who is signed in, calls {@link #issue} and hands the token to the page; the transport calls {@link #verify}.
 *
 * <p>Format: {@code base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))}, where the payload is
 * {@code cb2 \n key-id \n tenant \n agent \n crm \n expiry-epoch-seconds}. Agent ids cannot contain a newline, so the
 * payload is unambiguous. The signature covers the encoded payload, so nothing is re-encoded before it is checked.
 * The key id picks the current or the previous key of {@link TokenKeys}, so keys rotate without logging anyone out.
 *
 * <p>Thread-safe. Every node that verifies tokens must have the same keys.
 */
public final class AgentTokens {
    /** Tokens are meant to live minutes; a day is the most this API will sign, or accept. */
    public static final Duration MAX_TTL = Duration.ofDays(1);
    /** The key id of tokens signed by {@link #AgentTokens(byte[], Clock)} and {@link TokenKeys#random()}. */
    public static final String DEFAULT_KEY_ID = "default";
    /**
     * How far the issuing node's clock may be ahead of the verifying one's: a token issued for the maximum lifetime on
     * a node slightly ahead is not refused as living too long.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final String VERSION = "cb2";
    /** Tokens of the first format named no key; whatever signed them, this server cannot tell which key it was. */
    private static final String UNKEYED_VERSION = "cb1";
    private static final Pattern CRM = Pattern.compile("[a-z0-9]{1,32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final TokenKeys keys;
    private final Clock clock;
    private final Duration maxTtl;

    /**
     * @param keys sign with the current key, verify with it and the previous one
     * @param clock decides expiry
     * @param maxTtl the longest a token may live, at most {@link #MAX_TTL}: longer lifetimes are neither issued nor
     *     accepted
     */
    public AgentTokens(TokenKeys keys, Clock clock, Duration maxTtl) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxTtl.compareTo(Duration.ofSeconds(1)) < 0 || maxTtl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("the maximum token lifetime must be 1 s to " + MAX_TTL + " but was "
                    + maxTtl);
        }
        this.maxTtl = maxTtl;
    }

    /**
     * One key, named {@value #DEFAULT_KEY_ID}, and the longest lifetime, {@link #MAX_TTL}.
     *
     * @param secret at least 32 random bytes; copied
     */
    public AgentTokens(byte[] secret, Clock clock) {
        this(TokenKeys.of(TokenKey.of(DEFAULT_KEY_ID, secret), null), clock, MAX_TTL);
    }

    /** Tokens signed with a secret that only this process knows ({@link TokenKeys#random()}): demos and tests. */
    public static AgentTokens withRandomSecret(Clock clock) {
        return new AgentTokens(TokenKeys.random(), clock, MAX_TTL);
    }

    /** The longest a token may live. */
    public Duration maxTtl() {
        return maxTtl;
    }

    /**
     * A token that lets a bridge of {@code crm} act for {@code agent} for {@code ttl}, signed with the current key.
     *
     * @throws IllegalArgumentException if the CRM kind is not lower-case letters and digits or the ttl is not
     *     positive and at most {@link #maxTtl()}
     */
    public String issue(AgentId agent, String crm, Duration ttl) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(ttl, "ttl");
        if (!CRM.matcher(crm).matches()) {
            throw new IllegalArgumentException("crm must be 1-32 lower-case letters or digits but was '" + crm + "'");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + maxTtl + " but was " + ttl);
        }
        TokenKey key = keys.current();
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = String.join("\n", VERSION, key.id(), agent.tenant(), agent.agent(), crm,
                Long.toString(expiry));
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(key.sign(encoded));
    }

    /**
     * Finds the key the token names, checks the signature (so a forger learns nothing from the other payload checks),
     * then the expiry, then that the token does not live longer than {@link #maxTtl()}: issuing caps the lifetime, so
     * a correctly signed token that expires years ahead comes from a broken or compromised issuer and must not be a
     * key for years.
     *
     * @throws InvalidAgentTokenException saying why the token is refused; {@link
     *     InvalidAgentTokenException.Reason#renewable()} tells a token that is no longer valid (a new one would do) from
     *     one that never was
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
        String[] parts = new String(payloadBytes, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length == 5 && UNKEYED_VERSION.equals(parts[0])) {
            throw unknownKey();
        }
        if (parts.length != 6 || !VERSION.equals(parts[0]) || !TokenKey.isValidId(parts[1])) {
            throw malformed();
        }
        TokenKey key = keys.named(parts[1]).orElseThrow(AgentTokens::unknownKey);
        // MessageDigest.isEqual compares in time independent of where the arrays differ.
        if (!MessageDigest.isEqual(key.sign(encoded), presented)) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.FORGED, "token signature invalid");
        }
        if (!CRM.matcher(parts[4]).matches()) {
            throw malformed();
        }
        AgentId agent;
        long expiry;
        try {
            agent = AgentId.of(parts[2], parts[3]);
            expiry = Long.parseLong(parts[5]);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        // Compared as epoch seconds: an expiry beyond what Instant can hold must be refused, not throw.
        long now = clock.instant().getEpochSecond();
        if (expiry <= now) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.EXPIRED, "token expired");
        }
        if (expiry - now > maxTtl.plus(CLOCK_SKEW).getSeconds()) {
            throw new InvalidAgentTokenException(InvalidAgentTokenException.Reason.TOO_LONG_LIVED,
                    "token lifetime exceeds the maximum");
        }
        return new AgentToken(agent, parts[4], Instant.ofEpochSecond(expiry));
    }

    private static InvalidAgentTokenException malformed() {
        return new InvalidAgentTokenException(InvalidAgentTokenException.Reason.MALFORMED, "token malformed");
    }

    private static InvalidAgentTokenException unknownKey() {
        return new InvalidAgentTokenException(InvalidAgentTokenException.Reason.UNKNOWN_KEY, "token key unknown");
    }
}
