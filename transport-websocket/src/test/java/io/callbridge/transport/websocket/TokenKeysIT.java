package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where agent tokens' keys come from and what a restart does to tokens, over real sockets: the configured keys survive
 * a restart, a rotation keeps the previous key's tokens working, and a server without a key does not start.
 */
class TokenKeysIT {
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final TokenKey K1 = key("k1", 'a');
    private static final TokenKey K2 = key("k2", 'b');
    private static final TokenKey K3 = key("k3", 'c');

    private static TokenKey key(String id, char fill) {
        return TokenKey.of(id, String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    private static TestCallbridge withKeys(TokenKey current, TokenKey previous) {
        return new TestCallbridge(TestCallbridge.defaults().withTokenKeys(current, previous), null, false);
    }

    @Test
    void outsideDemoModeTheServerDoesNotStartWithoutAConfiguredKey() {
        assertThatThrownBy(() -> new TestCallbridge(TestCallbridge.defaults(), null, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot start callbridge: no agent token key configured")
                .hasMessageContaining("TransportSettings.withTokenKeys");
    }

    @Test
    void demoModeStartsWithoutAKeyAndSignsWithARandomKeyOfTheProcess() {
        try (TestCallbridge demo = new TestCallbridge(TestCallbridge.defaults().withDemoMode(true), null, false);
                TestCallbridge.Session s = demo.open(ALICE)) {
            assertThat(s.welcome().has("sessionId")).isTrue();
        }
    }

    @Test
    void aTokenIssuedBeforeARestartWithTheSameKeyStillOpensASession() {
        String token;
        try (TestCallbridge before = withKeys(K1, null)) {
            token = before.token(ALICE);
        }
        try (TestCallbridge after = withKeys(K1, null); BridgeClient client = BridgeClient.connect(after.bridgeUri())) {
            client.send(TestCallbridge.hello(token, "widget", null));
            assertThat(client.awaitType("welcome").has("sessionId")).isTrue();
        }
    }

    @Test
    void aRotationKeepsThePreviousKeysTokensUntilThatKeyIsDropped() {
        String signedWithK1;
        try (TestCallbridge first = withKeys(K1, null)) {
            signedWithK1 = first.token(ALICE);
        }
        String signedWithK2;
        try (TestCallbridge rotating = withKeys(K2, K1); BridgeClient client = BridgeClient.connect(rotating.bridgeUri())) {
            client.send(TestCallbridge.hello(signedWithK1, "widget", null));
            assertThat(client.awaitType("welcome").has("sessionId")).as("the previous key's token").isTrue();
            signedWithK2 = rotating.token(ALICE);
        }
        try (TestCallbridge rotated = withKeys(K3, K2)) {
            try (BridgeClient client = BridgeClient.connect(rotated.bridgeUri())) {
                client.send(TestCallbridge.hello(signedWithK2, "widget", null));
                assertThat(client.awaitType("welcome").has("sessionId")).isTrue();
            }
            try (BridgeClient client = BridgeClient.connect(rotated.bridgeUri())) {
                client.send(TestCallbridge.hello(signedWithK1, "widget", null));
                assertThat(client.awaitClose()).isEqualTo(new BridgeClient.Closed(4001, "token key unknown"));
            }
            // The right key id is no help without its secret.
            AgentTokens impostor = new AgentTokens(TokenKeys.of(key("k3", 'x'), null), Clock.systemUTC(),
                    AgentTokens.MAX_TTL);
            try (BridgeClient client = BridgeClient.connect(rotated.bridgeUri())) {
                client.send(TestCallbridge.hello(impostor.issue(ALICE, FakeCrmBridge.CRM, Duration.ofMinutes(5)),
                        "widget", null));
                BridgeClient.Closed closed = client.awaitClose();
                assertThat(closed.code()).isEqualTo(1008);
                assertThat(closed.reason()).isEqualTo("token signature invalid");
            }
        }
    }

    @Test
    void theConfiguredMaximumLifetimeCapsTheApplicationsTokens() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withTokenKeys(K1, null)
                .withMaxTokenTtl(Duration.ofMinutes(10)), null, false)) {
            assertThat(app.tokens.maxTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThatThrownBy(() -> app.tokens.issue(ALICE, FakeCrmBridge.CRM, Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            String hour = new AgentTokens(TokenKeys.of(K1, null), Clock.systemUTC(), AgentTokens.MAX_TTL)
                    .issue(ALICE, FakeCrmBridge.CRM, Duration.ofHours(1));
            try (BridgeClient client = BridgeClient.connect(app.bridgeUri())) {
                client.send(TestCallbridge.hello(hour, "widget", null));
                BridgeClient.Closed closed = client.awaitClose();
                assertThat(closed.code()).isEqualTo(1008);
                assertThat(closed.reason()).isEqualTo("token lifetime exceeds the maximum");
            }
        }
    }
}
