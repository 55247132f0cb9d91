package io.callbridge.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void defaultsAndWithers() {
        RedisSettings s = RedisSettings.of("redis://localhost:6379/0");
        assertThat(s.keyPrefix()).isEqualTo("callbridge");
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.withKeyPrefix("acme-prod").keyPrefix()).isEqualTo("acme-prod");
        assertThat(s.withCommandTimeout(Duration.ofMillis(500)).commandTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(RedisSettings.of("rediss://redis.internal").uri()).isEqualTo("rediss://redis.internal");
        assertThat(s.engineThreads()).as("threads per pool that waits on Redis").isEqualTo(16);
        assertThat(s.withEngineThreads(64).engineThreads()).isEqualTo(64);
    }

    @Test
    void thePasswordIsNeverShown() {
        RedisSettings withUser = RedisSettings.of("rediss://app:hunter2@redis.internal:6380/1");
        assertThat(withUser.redactedUri()).isEqualTo("rediss://app:****@redis.internal:6380/1");
        assertThat(withUser.toString()).contains("rediss://app:****@redis.internal:6380/1").doesNotContain("hunter2");
        assertThat(RedisSettings.of("redis://:hunter2@h:1").redactedUri()).isEqualTo("redis://:****@h:1");
        assertThat(RedisSettings.of("redis://hunter2@h").redactedUri()).isEqualTo("redis://****@h");
        assertThat(RedisSettings.of("redis://h:1").redactedUri()).isEqualTo("redis://h:1");
        assertThatThrownBy(() -> RedisSettings.of("http://:hunter2@h"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("http://:****@h");
    }

    @Test
    void eachFieldIsCheckedAndNamed() {
        assertThatThrownBy(() -> RedisSettings.of("http://localhost")).hasMessageStartingWith("uri must start with");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withEngineThreads(0))
                .hasMessage("engineThreads must be 1 to 256 but was 0");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withEngineThreads(257))
                .hasMessageStartingWith("engineThreads must");
        assertThatThrownBy(() -> RedisSettings.of("localhost:6379")).hasMessageStartingWith("uri must");
        assertThatThrownBy(() -> RedisSettings.of("redis://")).hasMessageStartingWith("uri must");
        assertThatThrownBy(() -> RedisSettings.of("redis://h/not-a-db")).hasMessageStartingWith("uri may only name");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withKeyPrefix("has space"))
                .hasMessageStartingWith("keyPrefix must");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withKeyPrefix("{tag}"))
                .hasMessageStartingWith("keyPrefix must");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withKeyPrefix(""))
                .hasMessageStartingWith("keyPrefix must");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withCommandTimeout(Duration.ZERO))
                .hasMessageStartingWith("commandTimeout must");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withCommandTimeout(Duration.ofMinutes(2)))
                .hasMessageStartingWith("commandTimeout must");
        assertThatThrownBy(() -> new RedisSettings(null, "p", Duration.ofSeconds(1))).hasMessage("uri");
        assertThat(RedisSettings.of("redis://h").retention()).isEqualTo(Duration.ofDays(7));
        assertThat(RedisSettings.of("redis://h").withRetention(Duration.ofHours(1)).withKeyPrefix("x").retention())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withRetention(Duration.ofMillis(999)))
                .hasMessageStartingWith("retention must be 1 s to 10 years");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withRetention(Duration.ofDays(3651)))
                .hasMessageStartingWith("retention must be 1 s to 10 years");
    }

    @Test
    void sentinelUrisAreCheckedAndTheirPasswordMasked() {
        RedisSettings s = RedisSettings.of("redis-sentinel://:hunter2@s1:26379,s2:26379,[::1]:26380/0#mymaster");
        assertThat(s.sentinel()).isTrue();
        assertThat(s.redactedUri()).isEqualTo("redis-sentinel://:****@s1:26379,s2:26379,[::1]:26380/0#mymaster");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(RedisSettings.of("rediss-sentinel://s1#m").sentinel()).isTrue();
        assertThat(RedisSettings.of("redis://h").sentinel()).isFalse();
        assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://:hunter2@s1:26379"))
                .hasMessageStartingWith("a Sentinel uri must end with #masterName").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://s1,,s2#m"))
                .hasMessageStartingWith("a Sentinel uri must name sentinels");
        assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://s1/x#m")).hasMessageStartingWith("uri may only");
        assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://s1#m").withCluster(true))
                .hasMessageStartingWith("a Redis Cluster is named by a redis:// or rediss:// URI");
    }

    @Test
    void trustedCertificatesAreForTlsAndMustBeReadable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pem = java.nio.file.Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----");
        RedisSettings tls = RedisSettings.of("rediss://h").withTrustedCertificates(pem).withCluster(true);
        assertThat(tls.trustedCertificates()).isEqualTo(pem);
        assertThat(tls.cluster()).isTrue();
        assertThat(tls.withKeyPrefix("x").trustedCertificates()).isEqualTo(pem);
        assertThat(tls.withCommandTimeout(Duration.ofSeconds(1)).cluster()).isTrue();
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withTrustedCertificates(pem))
                .hasMessageStartingWith("trustedCertificates is for TLS");
        assertThatThrownBy(() -> RedisSettings.of("rediss://h").withTrustedCertificates(dir.resolve("missing.pem")))
                .hasMessageStartingWith("trustedCertificates must be a readable PEM file");
    }
}
