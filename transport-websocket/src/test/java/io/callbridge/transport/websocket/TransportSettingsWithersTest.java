package io.callbridge.transport.websocket;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.testkit.SettingsWithers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransportSettingsWithersTest {
    private static final TokenKey CURRENT = TokenKey.of("2026-12",
            "a-current-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
    private static final TokenKey PREVIOUS = TokenKey.of("2026-11",
            "a-previous-key-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII));
    private static final TokenKey OTHER = TokenKey.of("2027-01",
            "another-key-of-at-least-32-bytes-long".getBytes(StandardCharsets.US_ASCII));

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt() throws Exception {
        TransportSettings base = TransportSettings.DEFAULTS.withTokenKeys(CURRENT, PREVIOUS);
        SettingsWithers.check(base, Map.ofEntries(
                entry("host", "127.0.0.1"),
                entry("port", 8443),
                entry("tls", new TransportSettings.Tls(Path.of("/etc/acme/softphone.p12"), "changeit")),
                entry("bridgePath", "/acme/bridge"),
                entry("staticPath", "/assets"),
                entry("allowedOrigins", Set.of("https://softphone.acme.example")),
                entry("maxFrameBytes", 128 * 1024),
                entry("messagesPerSecond", 50),
                entry("messageBurst", 100),
                entry("maxSessionsPerAgent", 4),
                entry("idleTimeout", Duration.ofSeconds(90)),
                entry("pingInterval", Duration.ofSeconds(15)),
                entry("helloTimeout", Duration.ofSeconds(5)),
                entry("sendQueueLimit", 256),
                entry("uiRefreshDelay", Duration.ZERO),
                entry("detachGrace", Duration.ofSeconds(60)),
                entry("drainTimeout", Duration.ofSeconds(15)),
                entry("demoMode", true),
                entry("tokenKey", OTHER),
                entry("previousTokenKey", OTHER),
                entry("maxTokenTtl", Duration.ofHours(12)),
                entry("writeTimeout", Duration.ofSeconds(5)),
                entry("pageConfig", PageConfig.NONE.withBridgeUrl("wss://bridge.acme.example/bridge/v1"))),
                Map.of(),
                Map.ofEntries(
                        entry("port", 70000),
                        entry("bridgePath", "/static"),
                        entry("staticPath", "/"),
                        entry("maxFrameBytes", 10),
                        entry("messagesPerSecond", 0),
                        entry("messageBurst", 0),
                        entry("maxSessionsPerAgent", 0),
                        entry("idleTimeout", Duration.ZERO),
                        entry("sendQueueLimit", 1),
                        entry("uiRefreshDelay", Duration.ofSeconds(2)),
                        entry("detachGrace", Duration.ofSeconds(-1)),
                        entry("drainTimeout", Duration.ZERO),
                        entry("tokenKey", PREVIOUS),
                        entry("previousTokenKey", CURRENT),
                        entry("maxTokenTtl", Duration.ofDays(2)),
                        entry("writeTimeout", Duration.ZERO)));
    }

    @Test
    void theConstructorWithoutPageConfigMeansNone() {
        TransportSettings s = TransportSettings.DEFAULTS;
        TransportSettings old = new TransportSettings(s.host(), s.port(), s.tls(), s.bridgePath(), s.staticPath(),
                s.allowedOrigins(), s.maxFrameBytes(), s.messagesPerSecond(), s.messageBurst(),
                s.maxSessionsPerAgent(), s.idleTimeout(), s.pingInterval(), s.helloTimeout(), s.sendQueueLimit(),
                s.uiRefreshDelay(), s.detachGrace(), s.drainTimeout(), s.demoMode(), s.tokenKey(),
                s.previousTokenKey(), s.maxTokenTtl(), s.writeTimeout());
        assertThat(old.pageConfig()).isEqualTo(PageConfig.NONE);
        assertThat(old).isEqualTo(s);
    }

    @Test
    void pageConfigTakesWebSocketBridgeUrlsAndHttpOrPathSignInUrls() {
        PageConfig config = PageConfig.NONE.withBridgeUrl("wss://b.acme.example/bridge/v1")
                .withSignInUrl("/signin").withTokenUrl("https://login.acme.example/token");
        assertThat(config.signInUrl()).isEqualTo("/signin");
        assertThatThrownBy(() -> PageConfig.NONE.withBridgeUrl("https://b.acme.example/bridge/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bridgeUrl must be an absolute ws:// or wss:// URL but was 'https://b.acme.example/bridge/v1'");
        assertThatThrownBy(() -> PageConfig.NONE.withBridgeUrl("/bridge/v1"))
                .hasMessageStartingWith("bridgeUrl must be an absolute");
        assertThatThrownBy(() -> PageConfig.NONE.withSignInUrl("javascript:alert(1)"))
                .hasMessageStartingWith("signInUrl must be an absolute http:// or https:// URL or a path");
        assertThatThrownBy(() -> PageConfig.NONE.withTokenUrl("//evil.example/token"))
                .hasMessageStartingWith("tokenUrl must be an absolute");
        assertThatThrownBy(() -> PageConfig.NONE.withSignInUrl("https://login.acme.example/#x"))
                .hasMessageStartingWith("signInUrl must not have a #fragment");
    }
}
