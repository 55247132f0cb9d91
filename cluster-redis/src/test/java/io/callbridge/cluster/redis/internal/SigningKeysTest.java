package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.cluster.redis.tool.TokenKeysTool;
import io.callbridge.core.spi.SigningKeyStore.SigningKey;
import io.callbridge.core.spi.SigningKeyStore.SigningKeys;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent-token signing keys in Redis, across nodes, a crash of Redis and rotations. */
class SigningKeysTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private Backends backends;
    private String deployment;

    @BeforeEach
    void setUp() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    @Test
    void nodesStartingTogetherShareTheOneKeyTheFirstCreated() throws Exception {
        int nodes = 4;
        List<RedisBackend> backendsOfNodes = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            backendsOfNodes.add(backends.node(deployment, 16));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SigningKeys>> reads = new ArrayList<>();
            for (RedisBackend node : backendsOfNodes) {
                reads.add(pool.submit((Callable<SigningKeys>) () -> {
                    go.await();
                    return node.signingKeys().keys();
                }));
            }
            go.countDown();
            Set<SigningKey> seen = new HashSet<>();
            for (Future<SigningKeys> read : reads) {
                SigningKeys keys = read.get();
                assertThat(keys.previous()).isNull();
                seen.add(keys.current());
            }
            assertThat(seen).hasSize(1);
            SigningKey key = seen.iterator().next();
            assertThat(key.id()).isEqualTo("k1");
            assertThat(key.secret()).hasSize(32);
            assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.secret()));
        } finally {
            pool.shutdownNow();
        }
        // Another deployment on the same Redis has a key of its own.
        assertThat(backends.fresh(16).signingKeys().keys().current()).isNotEqualTo(
                backendsOfNodes.get(0).signingKeys().keys().current());
    }

    @Test
    void rotationMovesCurrentToPreviousUnderANewIdAndDropForgetsIt() {
        RedisBackend a = backends.node(deployment, 16);
        RedisBackend b = backends.node(deployment, 16);
        SigningKey first = a.signingKeys().keys().current();

        SigningKeys rotated = b.signingKeys().rotate();
        assertThat(rotated.current().id()).isEqualTo("k2");
        assertThat(rotated.current()).isNotEqualTo(first);
        assertThat(rotated.previous()).isEqualTo(first);
        assertThat(a.signingKeys().keys()).isEqualTo(rotated);

        SigningKeys again = a.signingKeys().rotate();
        assertThat(again.current().id()).isEqualTo("k3");
        assertThat(again.previous()).isEqualTo(rotated.current());

        SigningKeys dropped = b.signingKeys().dropPrevious();
        assertThat(dropped.current()).isEqualTo(again.current());
        assertThat(dropped.previous()).isNull();
        assertThat(a.signingKeys().keys()).isEqualTo(dropped);
    }

    @Test
    void keysSurviveACrashOfRedisAndANewNode() {
        RedisBackend a = backends.node(deployment, 16);
        SigningKeys rotated = a.signingKeys().rotate();
        backends.close();
        redis.server().kill();
        redis.server().start();
        RedisBackend restarted = backends.node(deployment, 16);
        assertThat(restarted.signingKeys().keys()).isEqualTo(rotated);
    }

    @Test
    void theToolShowsRotatesAndDropsPrintingIdsOnly() {
        RedisBackend node = backends.node(deployment, 16);
        String uri = redis.server().uri();

        Run show = tool("--redis", uri, "--prefix", deployment, "show");
        assertThat(show.code).isZero();
        assertThat(show.out).contains("current: k1").contains("previous: none");

        Run rotate = tool("--redis", uri, "--prefix", deployment, "rotate");
        assertThat(rotate.code).isZero();
        assertThat(rotate.out).contains("current: k2").contains("previous: k1");
        SigningKeys keys = node.signingKeys().keys();
        assertThat(keys.current().id()).isEqualTo("k2");
        for (SigningKey key : List.of(keys.current(), keys.previous())) {
            assertThat(rotate.out).doesNotContain(Base64.getEncoder().encodeToString(key.secret()));
        }

        Run drop = tool("--redis", uri, "--prefix", deployment, "drop-previous");
        assertThat(drop.code).isZero();
        assertThat(drop.out).contains("current: k2").contains("previous: none");

        assertThat(tool("--redis", uri, "spin").code).isEqualTo(2);
        assertThat(tool("show").code).isEqualTo(2);
        Run unreachable = tool("--redis", "redis://:hunter2@127.0.0.1:1", "--timeout", "1", "show");
        assertThat(unreachable.code).isEqualTo(1);
        assertThat(unreachable.out).contains("cannot connect").doesNotContain("hunter2");
    }

    private record Run(int code, String out) {
    }

    private static Run tool(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = TokenKeysTool.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
