package io.callbridge.cluster.redis.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.testkit.inject.TestCallbridge;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readiness's store check on Redis: a PING through the node's own connection. */
class RedisStoreHealthTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.with(b -> b.password("s3cret-pw"));

    @Test
    void theStoreCheckIsAPingThatGoesDownWithRedisWithoutShowingThePasswordAndUpAgainWithIt() throws Exception {
        TestCallbridge node = TestCallbridge.start(new RedisClusterModule(RedisSettings.of(redis.server().uri())
                .withKeyPrefix("health").withCommandTimeout(Duration.ofMillis(500))));
        try {
            Set<HealthCheck> checks = node.injector().getInstance(Key.get(new TypeLiteral<Set<HealthCheck>>() { }));
            HealthCheck store = node.injector().getInstance(CoreModule.STORE_HEALTH);
            assertThat(checks).contains(store).extracting(HealthCheck::name).containsOnlyOnce("store");
            assertThat(store.check().isUp()).isTrue();

            redis.server().stop();
            HealthCheck.Status down = store.check();
            assertThat(down.isUp()).isFalse();
            assertThat(down.detail()).contains("did not answer PING").contains(":****@")
                    .doesNotContain("s3cret-pw");

            redis.server().start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!store.check().isUp() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.check().isUp()).isTrue();
        } finally {
            node.injector().getInstance(RedisBackend.class).close();
        }
    }
}
