package io.callbridge.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void aTlsServerServesTlsOnlyWithACertificateItsCaSigned() {
        try (RedisServer server = RedisServer.builder().tls().start()) {
            assertThat(server.uri()).isEqualTo("rediss://127.0.0.1:" + server.port());
            assertThat(Files.isReadable(server.certificates().caCertificate())).isTrue();
            // The TLS client of the server trusts only the CA; the plain-text protocol gets no answer.
            assertThat(server.command("PING")).isEqualTo("PONG");
            assertThat(server.command("CONFIG", "GET", "port")).isEqualTo(java.util.List.of("port", "0"));
            assertThatThrownBy(() -> Resp.command(server, "PING")).isInstanceOf(RuntimeException.class);
        }
        try (RedisServer plain = RedisServer.builder().start()) {
            assertThatThrownBy(plain::certificates).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startsOnALoopbackPortWithItsOwnDirectoryAndStopsForGood() {
        Path dir;
        int port;
        try (RedisServer server = RedisServer.builder().start()) {
            port = server.port();
            dir = server.directory();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(Resp.command(server, "PING")).isEqualTo("+PONG");
            assertThat(Resp.command(server, "CONFIG", "GET", "dir")).isNotNull();
            assertThat(Files.isDirectory(dir)).isTrue();
            assertThat(server.log()).contains("Ready to accept connections");
        }
        assertThat(Files.exists(dir)).as("directory deleted on close").isFalse();
        assertThat(accepts(port)).as("process gone on close").isFalse();
    }

    @Test
    void withAnAppendOnlyFileFlushedAlwaysAWriteSurvivesKillMinusNine() {
        try (RedisServer server = RedisServer.builder().appendOnly(RedisServer.Fsync.ALWAYS).start()) {
            int port = server.port();
            assertThat(Resp.command(server, "SET", "call", "still here")).isEqualTo("+OK");

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();
            server.start();

            assertThat(server.port()).isEqualTo(port);
            assertThat(Resp.command(server, "GET", "call")).isEqualTo("still here");
            assertThat(Files.isDirectory(server.directory().resolve("appendonlydir"))).isTrue();
        }
    }

    @Test
    void withoutPersistenceAKillLosesEverything() {
        // The other side of the test above: it would pass for the wrong reason if a restart kept data anyway.
        try (RedisServer server = RedisServer.builder().start()) {
            Resp.command(server, "SET", "call", "gone");
            server.kill();
            server.start();
            assertThat(Resp.command(server, "GET", "call")).isEqualTo("$-1");
        }
    }

    @Test
    void aGracefulStopAndRestartKeepsAnEverysecAof() {
        try (RedisServer server = RedisServer.builder().appendOnly(RedisServer.Fsync.EVERYSEC).start()) {
            Resp.command(server, "SET", "login", "ann");
            server.restart();
            assertThat(Resp.command(server, "GET", "login")).isEqualTo("ann");
            assertThat(Resp.command(server, "CONFIG", "GET", "appendfsync")).isNotNull();
        }
    }

    @Test
    void aPasswordIsRequiredAndCarriedInTheUri() {
        try (RedisServer server = RedisServer.builder().password("s3cret").start()) {
            assertThat(server.uri()).isEqualTo("redis://:s3cret@127.0.0.1:" + server.port());
            assertThat(Resp.command(server, "PING")).startsWith("-NOAUTH");
        }
    }

    @Test
    void aMissingBinaryIsNamedWithTheWayToFixIt() {
        assertThatThrownBy(() -> RedisServer.builder().binary(Path.of("/nonexistent/redis-server")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/redis-server")
                .hasMessageContaining("apt-get install redis-server")
                .hasMessageContaining("-Dcallbridge.redisServer=");
    }

    @Test
    void theBinaryPropertyIsHonoured() {
        String before = System.getProperty(RedisServer.BINARY_PROPERTY);
        try {
            System.setProperty(RedisServer.BINARY_PROPERTY, "/nonexistent/other-redis");
            assertThatThrownBy(() -> RedisServer.builder().start()).hasMessageContaining("/nonexistent/other-redis");
        } finally {
            if (before == null) {
                System.clearProperty(RedisServer.BINARY_PROPERTY);
            } else {
                System.setProperty(RedisServer.BINARY_PROPERTY, before);
            }
        }
    }

    @Test
    void aServerThatCannotStartSaysWhyFromItsLog() throws IOException {
        // A binary that exits at once stands for a redis-server that refuses its configuration.
        Path fake = Files.createTempFile("not-redis", ".sh");
        try {
            Files.writeString(fake, "#!/bin/sh\necho 'FATAL CONFIG FILE ERROR (pretend)'\nexit 1\n");
            fake.toFile().setExecutable(true);
            assertThatThrownBy(() -> RedisServer.builder().binary(fake).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("FATAL CONFIG FILE ERROR (pretend)");
        } finally {
            Files.deleteIfExists(fake);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
