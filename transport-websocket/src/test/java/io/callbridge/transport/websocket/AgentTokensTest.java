package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AgentId ALICE = AgentId.of("acme", "alice");

    private final AgentTokens tokens = new AgentTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIssuedTokenVerifiesToItsAgentCrmAndExpiry() {
        String token = tokens.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        assertThat(tokens.verify(token)).isEqualTo(new AgentToken(ALICE, "hubspot", NOW.plusSeconds(300)));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsForged() {
        AgentTokens other = new AgentTokens("another-secret-another-secret-!!".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertReason(other.issue(ALICE, "hubspot", Duration.ofMinutes(5)), InvalidAgentTokenException.Reason.FORGED);
    }

    @Test
    void anAlteredPayloadIsForged() {
        String token = tokens.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        String payload = "cb1\nacme\nmallory\nhubspot\n" + NOW.plusSeconds(300).getEpochSecond();
        String altered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertReason(altered, InvalidAgentTokenException.Reason.FORGED);
    }

    @Test
    void aTokenPastItsExpiryIsExpired() {
        String token = tokens.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        AgentTokens later = new AgentTokens(SECRET, Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC));
        assertReason(token, InvalidAgentTokenException.Reason.EXPIRED, later);
    }

    @Test
    void aTokenThatLivesLongerThanTheMaximumIsRefusedEvenWithAValidSignature() {
        // Signed with the right secret by an issuer whose clock (or code) allowed a far-future expiry: year 2200.
        AgentTokens farFuture = new AgentTokens(SECRET,
                Clock.fixed(Instant.parse("2199-12-31T00:00:00Z"), ZoneOffset.UTC));
        String token = farFuture.issue(ALICE, "hubspot", Duration.ofDays(1));
        assertReason(token, InvalidAgentTokenException.Reason.TOO_LONG_LIVED);
        // A token issued now for the maximum, verified by a node whose clock is a little behind, still passes.
        AgentTokens behind = new AgentTokens(SECRET, Clock.fixed(NOW.minusSeconds(30), ZoneOffset.UTC));
        assertThat(behind.verify(tokens.issue(ALICE, "hubspot", AgentTokens.MAX_TTL)).agent()).isEqualTo(ALICE);
    }

    @Test
    void garbageIsMalformedAndNothingIsMissing() {
        for (String garbage : new String[] {"abc", "a.b.c", ".", "x.", "%%%.%%%", "a".repeat(5000)}) {
            assertReason(garbage, InvalidAgentTokenException.Reason.MALFORMED);
        }
        assertReason("", InvalidAgentTokenException.Reason.MISSING);
    }

    @Test
    void refusesShortSecretsBadCrmsAndLongLives() {
        assertThatThrownBy(() -> new AgentTokens(new byte[31], Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(ALICE, "Hub Spot", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(ALICE, "hubspot", Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertReason(String token, InvalidAgentTokenException.Reason reason) {
        assertReason(token, reason, tokens);
    }

    private static void assertReason(String token, InvalidAgentTokenException.Reason reason, AgentTokens verifier) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidAgentTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
