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
        String payload = "cb2\ndefault\nacme\nmallory\nhubspot\n" + NOW.plusSeconds(300).getEpochSecond();
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

    // ---------------------------------------------------------------- keys and rotation

    private static final TokenKey K1 = TokenKey.of("k1", "first-key-first-key-first-key-!!".getBytes(StandardCharsets.US_ASCII));
    private static final TokenKey K2 = TokenKey.of("k2", "second-key-second-key-second-ke!".getBytes(StandardCharsets.US_ASCII));
    private static final TokenKey K3 = TokenKey.of("k3", "third-key-third-key-third-key-!!".getBytes(StandardCharsets.US_ASCII));

    private static AgentTokens keyed(TokenKey current, TokenKey previous) {
        return new AgentTokens(TokenKeys.of(current, previous), Clock.fixed(NOW, ZoneOffset.UTC), AgentTokens.MAX_TTL);
    }

    @Test
    void aTokenNamesTheKeyThatSignedIt() {
        String token = keyed(K1, null).issue(ALICE, "hubspot", Duration.ofMinutes(5));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(payload.split("\n", -1)).containsExactly("cb2", "k1", "acme", "alice", "hubspot",
                Long.toString(NOW.plusSeconds(300).getEpochSecond()));
    }

    @Test
    void duringARotationTokensOfThePreviousKeyStillVerifyAndNewOnesAreSignedWithTheCurrent() {
        String old = keyed(K1, null).issue(ALICE, "hubspot", Duration.ofMinutes(5));
        AgentTokens rotating = keyed(K2, K1);
        assertThat(rotating.verify(old).agent()).isEqualTo(ALICE);
        String fresh = rotating.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        assertThat(keyed(K2, null).verify(fresh).agent()).as("signed with the current key").isEqualTo(ALICE);
    }

    @Test
    void aTokenOfAKeyRotatedOutIsNoLongerValidAndOneWithTheRightIdButAnotherSecretIsForged() {
        String old = keyed(K1, null).issue(ALICE, "hubspot", Duration.ofMinutes(5));
        assertReason(old, InvalidAgentTokenException.Reason.UNKNOWN_KEY, keyed(K3, K2));
        TokenKey impostor = TokenKey.of("k2", "not-the-k2-secret-not-the-k2-sec".getBytes(StandardCharsets.US_ASCII));
        assertReason(keyed(impostor, null).issue(ALICE, "hubspot", Duration.ofMinutes(5)),
                InvalidAgentTokenException.Reason.FORGED, keyed(K3, K2));
    }

    @Test
    void expiredAndUnknownKeyAreRenewableTheOthersAreNot() {
        assertThat(InvalidAgentTokenException.Reason.values()).filteredOn(InvalidAgentTokenException.Reason::renewable)
                .containsExactlyInAnyOrder(InvalidAgentTokenException.Reason.EXPIRED,
                        InvalidAgentTokenException.Reason.UNKNOWN_KEY);
    }

    @Test
    void aTokenOfTheFirstFormatWhichNamesNoKeyIsNoLongerValid() {
        String payload = "cb1\nacme\nalice\nhubspot\n" + NOW.plusSeconds(300).getEpochSecond();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
        assertReason(token, InvalidAgentTokenException.Reason.UNKNOWN_KEY);
    }

    @Test
    void theConfiguredMaximumLifetimeCapsIssuingAndVerifying() {
        AgentTokens short10 = new AgentTokens(TokenKeys.of(K1, null), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(10));
        assertThat(short10.maxTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> short10.issue(ALICE, "hubspot", Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class);
        String hour = keyed(K1, null).issue(ALICE, "hubspot", Duration.ofHours(1));
        assertReason(hour, InvalidAgentTokenException.Reason.TOO_LONG_LIVED, short10);
        assertThat(short10.verify(short10.issue(ALICE, "hubspot", Duration.ofMinutes(10))).agent()).isEqualTo(ALICE);
        assertThatThrownBy(() -> new AgentTokens(TokenKeys.of(K1, null), Clock.systemUTC(), Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNeedAnIdAndThirtyTwoBytesAndNeverShowTheirSecret() {
        assertThatThrownBy(() -> TokenKey.of("k 1", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKey.of("", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKey.of("k1", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeys.of(K1, TokenKey.of("k1", new byte[32])))
                .as("previous under the current id").isInstanceOf(IllegalArgumentException.class);
        assertThat(K1.toString()).isEqualTo("TokenKey[id=k1]");
        assertThat(TransportSettings.DEFAULTS.withTokenKeys(K2, K1).toString()).doesNotContain("second-key", "first-key");
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
