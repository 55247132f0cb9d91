package io.callbridge.samples.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.CallId;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The phone lines in a real redis-server: the contract, and that they survive a kill -9 of Redis. */
class RedisPhoneLinesIT extends PhoneLinesContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.server().uri());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Override
    PhoneLines lines() {
        return new RedisPhoneLines(connection.sync(), "lines-test-" + PREFIXES.incrementAndGet());
    }

    @Test
    void lines_outlive_a_crash_of_redis_under_appendfsync_always() {
        PhoneLines lines = lines();
        CallId id = CallId.of("kept");
        lines.add(new PhoneLines.Line(id, SimulatedPhoneSystem.Behaviour.LONG_CALL, PhoneLines.State.DIALING));
        lines.move(id, PhoneLines.LIVE, PhoneLines.State.CONNECTED);

        REDIS.server().kill();
        REDIS.server().start();

        assertThat(afterReconnect(() -> lines.get(id))).contains(new PhoneLines.Line(id,
                SimulatedPhoneSystem.Behaviour.LONG_CALL, PhoneLines.State.CONNECTED));
    }

    /** Lettuce reconnects by itself; until it has, commands fail at once. */
    private static <T> T afterReconnect(Supplier<T> read) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return read.get();
            } catch (RedisException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }
}
