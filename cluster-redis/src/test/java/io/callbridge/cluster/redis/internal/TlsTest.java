package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.CoreSettings;
import io.callbridge.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rediss://}: a redis-server serving TLS only, with a CA made for the test; the port contracts over it, and a
 * client that does not trust the CA is refused at start.
 */
class TlsTest extends TopologyContracts {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withTls();

    @Override
    protected RedisSettings settings(String prefix) {
        return RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix)
                .withTrustedCertificates(redis.server().certificates().caCertificate());
    }

    @Test
    void theUriIsTlsAndPlainTextIsNotServed() {
        assertThat(redis.server().uri()).startsWith("rediss://127.0.0.1:");
        String plain = redis.server().uri().replace("rediss://", "redis://");
        assertThatThrownBy(() -> RedisBackend.connect(RedisSettings.of(plain), CoreSettings.DEFAULTS))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot connect to Redis at " + plain);
    }

    @Test
    void withoutTheCaTrustedTheStartIsRefused() {
        assertThatThrownBy(() -> RedisBackend.connect(RedisSettings.of(redis.server().uri()), CoreSettings.DEFAULTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to Redis at " + redis.server().uri());
    }
}
