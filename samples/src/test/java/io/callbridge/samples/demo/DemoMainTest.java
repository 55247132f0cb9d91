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

    @Test
    void redis_is_off_by_default_and_on_with_one_flag() {
        assertThat(DemoMain.parse(new String[0]).options().redis()).isNull();

        DemoMain.Launch launch = DemoMain.parse(new String[] {"--redis", "redis://:s3cret@127.0.0.1:6390/2",
                "--port", "9090"});

        assertThat(launch.options().redis()).isNotNull();
        assertThat(launch.options().redis().uri()).isEqualTo("redis://:s3cret@127.0.0.1:6390/2");
        assertThat(launch.options().redis().keyPrefix()).isEqualTo(CallbridgeDemo.REDIS_KEY_PREFIX);
        assertThat(launch.options().toString()).contains("redis://:****@127.0.0.1:6390/2").doesNotContain("s3cret");
        assertThat(launch.options().bridgePort()).isEqualTo(9090);
    }

    @Test
    void the_redis_system_property_works_like_the_flag_and_a_bad_uri_is_refused_with_its_password_masked() {
        String before = System.getProperty("callbridge.redis");
        try {
            System.setProperty("callbridge.redis", "redis://localhost:6391");
            assertThat(DemoMain.parse(new String[0]).options().redisUri()).isEqualTo("redis://localhost:6391");
            assertThat(DemoMain.parse(new String[] {"--redis", "redis://other:6392"}).options().redisUri())
                    .as("the flag wins").isEqualTo("redis://other:6392");
        } finally {
            if (before == null) {
                System.clearProperty("callbridge.redis");
            } else {
                System.setProperty("callbridge.redis", before);
            }
        }
        assertThatThrownBy(() -> DemoMain.parse(new String[] {"--redis", "http://:s3cret@localhost:6379"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://")
                .hasMessageNotContaining("s3cret");
    }
}
