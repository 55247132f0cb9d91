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
    }
}
