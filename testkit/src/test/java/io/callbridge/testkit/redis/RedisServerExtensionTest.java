package io.callbridge.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisServerExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class OnAStaticField {
        @RegisterExtension
        static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);
        static int firstPort;

        @Test
        @Order(1)
        void theServerRunsAndPersists() {
            firstPort = redis.server().port();
            assertThat(Resp.command(redis.server(), "SET", "k", "v")).isEqualTo("+OK");
            redis.server().kill();
        }

        @Test
        @Order(2)
        void theNextTestFindsTheSameServerRunningAgainWithItsData() {
            assertThat(redis.server().isRunning()).isTrue();
            assertThat(redis.server().port()).isEqualTo(firstPort);
            assertThat(Resp.command(redis.server(), "GET", "k")).isEqualTo("v");
        }
    }

    @Nested
    class OnAnInstanceField {
        @RegisterExtension
        final RedisServerExtension redis = RedisServerExtension.create();

        @Test
        void eachTestGetsAFreshServer() {
            assertThat(Resp.command(redis.server(), "DBSIZE")).isEqualTo(":0");
            Resp.command(redis.server(), "SET", "k", "v");
        }

        @Test
        void aSecondTestSeesNothingOfTheFirst() {
            assertThat(Resp.command(redis.server(), "DBSIZE")).isEqualTo(":0");
            Resp.command(redis.server(), "SET", "k", "v");
        }
    }

    @Test
    void lifecycleWithoutJUnitStartsAndStops() {
        RedisServerExtension ext = RedisServerExtension.with(b -> b.password("pw"));
        assertThatThrownBy(ext::server).hasMessageContaining("@RegisterExtension");
        ext.beforeAll(null);
        RedisServer server = ext.server();
        ext.beforeEach(null);
        assertThat(ext.server()).isSameAs(server);
        ext.afterEach(null);
        assertThat(server.isRunning()).as("a per-class server outlives a test").isTrue();
        assertThat(server.uri()).startsWith("redis://:pw@");
        ext.afterAll(null);
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(ext::server).isInstanceOf(IllegalStateException.class);
    }
}
