package io.callbridge.testkit.redis;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link RedisServer} around tests. Registered on a static field it serves every test of the class; on an
 * instance field, each test gets a fresh one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);
 *
 * @Test
 * void survivesACrash() {
 *     ... write through redis.server().uri() ...
 *     redis.server().kill();
 *     redis.server().start();
 *     ... read back ...
 * }
 * }</pre>
 *
 * A test may stop or kill the server; the next test of the class finds it running again (same port, same data if it
 * persists). Keys written by one test are seen by the next on a shared server, so tests use keys of their own (e.g. a
 * key prefix per test).
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final UnaryOperator<RedisServer.Builder> options;
    private @Nullable RedisServer server;
    private boolean perClass;

    private RedisServerExtension(UnaryOperator<RedisServer.Builder> options) {
        this.options = options;
    }

    /** A server without persistence. */
    public static RedisServerExtension create() {
        return new RedisServerExtension(b -> b);
    }

    /** A server persisting with an append-only file flushed as {@code fsync} says. */
    public static RedisServerExtension withAppendOnly(RedisServer.Fsync fsync) {
        Objects.requireNonNull(fsync, "fsync");
        return new RedisServerExtension(b -> b.appendOnly(fsync));
    }

    /** A server that serves TLS only ({@link RedisServer.Builder#tls()}): {@code rediss://}, a CA made for the test. */
    public static RedisServerExtension withTls() {
        return new RedisServerExtension(RedisServer.Builder::tls);
    }

    /** A server with whatever {@code options} set on its builder (a password, another binary). */
    public static RedisServerExtension with(UnaryOperator<RedisServer.Builder> options) {
        return new RedisServerExtension(Objects.requireNonNull(options, "options"));
    }

    /** The running server of the current test. */
    public synchronized RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("no redis-server: register this extension with @RegisterExtension");
        }
        return server;
    }

    @Override
    public synchronized void beforeAll(@Nullable ExtensionContext context) {
        perClass = true;
        server = options.apply(RedisServer.builder()).start();
    }

    @Override
    public synchronized void beforeEach(@Nullable ExtensionContext context) {
        if (server == null) {
            server = options.apply(RedisServer.builder()).start();
        } else {
            // An earlier test of the class may have stopped or killed it.
            server.start();
        }
    }

    @Override
    public synchronized void afterEach(@Nullable ExtensionContext context) {
        if (!perClass) {
            closeServer();
        }
    }

    @Override
    public synchronized void afterAll(@Nullable ExtensionContext context) {
        closeServer();
        perClass = false;
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
