package io.callbridge.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.transport.websocket.TransportSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoMainTest {

    @Test
    void plain_http_is_the_default() {
        DemoMain.Launch launch = DemoMain.parse(new String[0]);
        assertThat(launch.tls()).isFalse();
        assertThat(launch.openKeystore()).isNull();
        assertThat(launch.options().softphoneOrigin()).isEqualTo("http://127.0.0.1:8080");
        assertThat(launch.options().hostOrigin()).isEqualTo("http://localhost:8081");
        assertThat(launch.options().bridgeUrl()).isEqualTo("ws://127.0.0.1:8080/bridge/v1");
    }

    @Test
    void tls_makes_every_origin_https() {
        DemoMain.Launch launch = DemoMain.parse(new String[] {"--tls", "--port", "9090"});
        assertThat(launch.tls()).isTrue();
        assertThat(launch.keystore()).isNull();
        DemoOptions options = launch.options().withTls(
                new TransportSettings.Tls(Path.of("k.p12"), "pw"));
        assertThat(options.softphoneOrigin()).isEqualTo("https://127.0.0.1:9090");
        assertThat(options.softphoneOriginByName()).isEqualTo("https://localhost:9090");
        assertThat(options.hostOrigin()).isEqualTo("https://localhost:9091");
        assertThat(options.bridgeUrl()).isEqualTo("wss://127.0.0.1:9090/bridge/v1");
    }

    @Test
    void an_own_keystore_turns_tls_on_and_needs_its_password() {
        DemoMain.Launch launch = DemoMain.parse(new String[] {"--keystore", "mine.p12", "--keystore-password", "pw"});
        assertThat(launch.tls()).isTrue();
        assertThat(launch.keystore()).isEqualTo(Path.of("mine.p12"));
        assertThat(launch.keystorePassword()).isEqualTo("pw");
        assertThatThrownBy(() -> DemoMain.parse(new String[] {"--keystore", "mine.p12"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--keystore-password");
        assertThatThrownBy(() -> DemoMain.parse(new String[] {"--keystore-password", "pw"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoMain.parse(new String[] {"--tls", "--keystore", "missing.p12",
                "--keystore-password", "pw"}).openKeystore())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.p12");
    }
}
