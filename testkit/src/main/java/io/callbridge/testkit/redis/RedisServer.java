package io.callbridge.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} process for tests (Debian's package by default, never a container or a fake), on a free
 * loopback port with a temporary directory of its own. A test can {@link #stop} it gracefully, {@link #kill} it as a
 * crash would ({@code SIGKILL}) and {@link #start} it again on the same port and directory, so that what a
 * persisting server keeps across a crash can be checked.
 *
 * <p>Persistence is off unless {@link Builder#appendOnly} turns on the append-only file; RDB snapshots are always off,
 * so what survives a restart is exactly what the AOF holds. The binary is {@code /usr/bin/redis-server} or the path in
 * the system property {@value #BINARY_PROPERTY}.
 *
 * <p>Thread-safe. {@link #close} kills the process and deletes the directory; a JVM that exits without closing kills
 * the process through a shutdown hook.
 */
public final class RedisServer implements AutoCloseable {
    /** System property that names the {@code redis-server} binary. */
    public static final String BINARY_PROPERTY = "callbridge.redisServer";
    private static final Path DEFAULT_BINARY = Path.of("/usr/bin/redis-server");
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /** When the append-only file is flushed to disk ({@code appendfsync}). */
    public enum Fsync {
        /** After every write command: a crash loses nothing that was acknowledged. */
        ALWAYS("always"),
        /** Once a second: a crash may lose the last second of writes. */
        EVERYSEC("everysec");

        private final String config;

        Fsync(String config) {
            this.config = config;
        }
    }

    private final Path binary;
    private final Path directory;
    private final @Nullable Fsync appendOnly;
    private final @Nullable String password;
    private final @Nullable TestCertificates tls;
    private final @Nullable SSLContext tlsClient;
    private final List<String> extraConfig;
    private final boolean sentinel;
    private final boolean clusterEnabled;
    private final Thread killOnExit;
    private int port;
    private int clusterPort;
    private @Nullable Process process;
    private boolean closed;

    private RedisServer(Builder b) {
        this.binary = b.binary != null ? b.binary : configuredBinary();
        this.appendOnly = b.appendOnly;
        this.password = b.password;
        this.extraConfig = List.copyOf(b.extraConfig);
        this.sentinel = b.sentinel;
        this.clusterEnabled = b.clusterEnabled;
        requireExecutable(binary);
        try {
            this.directory = Files.createTempDirectory("callbridge-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
        this.tls = b.tls ? TestCertificates.create(directory.resolve("tls")) : null;
        this.tlsClient = tls == null ? null : tls.clientContext();
        this.killOnExit = new Thread(this::killQuietly, "redis-server-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a server; {@link #start()} makes and starts it. */
    public static final class Builder {
        private @Nullable Path binary;
        private @Nullable Fsync appendOnly;
        private @Nullable String password;
        private boolean tls;
        private final List<String> extraConfig = new ArrayList<>();
        private boolean sentinel;
        private boolean clusterEnabled;

        private Builder() {
        }

        /**
         * Serve TLS only ({@code port 0}, {@code tls-port}), with a CA and a certificate for {@code 127.0.0.1} made by
         * {@link TestCertificates} in the server's directory; {@link #uri()} is then {@code rediss://…} and
         * {@link RedisServer#certificates()} names the CA clients must trust. Clients need no certificate of their own.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** One more line of {@code redis.conf}, e.g. {@code replicaof 127.0.0.1 6379}. */
        public Builder config(String line) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("one line of configuration at a time");
            }
            extraConfig.add(line);
            return this;
        }

        /** Run as Redis Sentinel ({@code --sentinel}); its monitors come from {@link #config}. */
        public Builder sentinel() {
            this.sentinel = true;
            return this;
        }

        /** A node of a Redis Cluster ({@code cluster-enabled yes}), with its cluster bus on a free port of its own. */
        public Builder clusterEnabled() {
            this.clusterEnabled = true;
            return this;
        }

        /** Persist with an append-only file flushed as {@code fsync} says ({@code appendonly yes}). */
        public Builder appendOnly(Fsync fsync) {
            this.appendOnly = Objects.requireNonNull(fsync, "fsync");
            return this;
        }

        /** Require this password ({@code requirepass}); {@link #uri()} then carries it. */
        public Builder password(String password) {
            if (password.isEmpty() || password.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '@' || c == ':')) {
                throw new IllegalArgumentException("password must be non-empty, without spaces, quotes, '@' or ':'");
            }
            this.password = password;
            return this;
        }

        /** The {@code redis-server} binary to run, instead of {@value #BINARY_PROPERTY} or the Debian path. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** A server made from these options, not started yet. */
        public RedisServer build() {
            return new RedisServer(this);
        }

        /** A server made from these options, started. */
        public RedisServer start() {
            RedisServer server = build();
            try {
                server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    /**
     * Starts the process if it is not running: the first time on a free port, later on the same port and directory,
     * so that an AOF written before is loaded. Returns once the server answers {@code PING}.
     *
     * @throws IllegalStateException if it does not come up; the message holds the end of its log
     */
    public synchronized RedisServer start() {
        if (closed) {
            throw new IllegalStateException("this redis-server was closed");
        }
        if (isRunning()) {
            return this;
        }
        if (port == 0) {
            // A port found free can be taken before redis binds it; then try another one.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                port = freePort();
                clusterPort = clusterEnabled ? freePort() : 0;
                try {
                    launch();
                    return this;
                } catch (IllegalStateException e) {
                    last = e;
                    if (!log().contains("Address already in use")) {
                        break;
                    }
                }
            }
            port = 0;
            throw Objects.requireNonNull(last);
        }
        launch();
        return this;
    }

    /** Stops the process as an operator would ({@code SIGTERM}: Redis flushes its AOF and exits); waits for it. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        process = null;
    }

    /** Kills the process as a crash would ({@code SIGKILL}: nothing is flushed); waits for it to be gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** {@link #stop()}, then {@link #start()} on the same port and directory. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String host() {
        return HOST;
    }

    /** The port; fixed from the first start on. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("not started yet");
        }
        return port;
    }

    /**
     * {@code redis://127.0.0.1:PORT} ({@code rediss://} with {@link Builder#tls()}), with {@code :PASSWORD@} when the
     * server requires one.
     */
    public String uri() {
        return (tls == null ? "redis://" : "rediss://") + (password == null ? "" : ":" + password + "@") + HOST + ":"
                + port();
    }

    /** The port of its cluster bus ({@link Builder#clusterEnabled()}). */
    public synchronized int clusterPort() {
        if (clusterPort == 0) {
            throw new IllegalStateException("not a cluster node, or not started yet");
        }
        return clusterPort;
    }

    /** The certificates of a TLS server ({@link Builder#tls()}). */
    public TestCertificates certificates() {
        if (tls == null) {
            throw new IllegalStateException("this redis-server does not serve TLS");
        }
        return tls;
    }

    /**
     * Sends one command to the server (after AUTH when it has a password) and returns the reply: a {@code String},
     * {@code Long}, {@code List}, null, or {@code RespClient.Error}'s text as an {@link IllegalStateException}.
     *
     * @throws UncheckedIOException if the server cannot be reached
     */
    public @Nullable Object command(String... args) {
        try {
            Object reply = RespClient.command(HOST, port(), tlsClient, password, args);
            if (reply instanceof RespClient.Error e) {
                throw new IllegalStateException(String.join(" ", args) + ": " + e.message());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + this + ": " + e.getMessage(), e);
        }
    }

    /** Where the server keeps its files (the AOF in {@code appendonlydir/}) and its log. */
    public Path directory() {
        return directory;
    }

    /** Whether the append-only file is on, and how it is flushed. */
    public @Nullable Fsync appendOnly() {
        return appendOnly;
    }

    /** What the server wrote to its log so far (every start appends to it). */
    public String log() {
        try {
            Path log = directory.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the process and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
        deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "redis-server on " + HOST + ":" + port + " in " + directory;
    }

    private void launch() {
        Path config = directory.resolve("redis.conf");
        try {
            Files.writeString(config, config(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), config.toString()));
        if (sentinel) {
            command.add("--sentinel");
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.log").toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        process = p;
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                process = null;
                throw new IllegalStateException("redis-server exited with " + p.exitValue() + " on port " + port
                        + "; its log ends with:\n" + tail(log()));
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        p.destroyForcibly();
        process = null;
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + " s; its log ends with:\n" + tail(log()));
    }

    private String config() {
        StringBuilder c = new StringBuilder();
        if (tls != null) {
            c.append("port 0\n");
            c.append("tls-port ").append(port).append('\n');
            c.append("tls-cert-file \"").append(tls.certificate()).append("\"\n");
            c.append("tls-key-file \"").append(tls.key()).append("\"\n");
            c.append("tls-ca-cert-file \"").append(tls.caCertificate()).append("\"\n");
            c.append("tls-auth-clients no\n");
        } else {
            c.append("port ").append(port).append('\n');
        }
        c.append("bind ").append(HOST).append('\n');
        c.append("protected-mode yes\n");
        c.append("daemonize no\n");
        c.append("dir \"").append(directory).append("\"\n");
        c.append("logfile \"\"\n");
        if (sentinel) {
            extraConfig.forEach(line -> c.append(line).append('\n'));
            return c.toString();
        }
        c.append("save \"\"\n");
        if (clusterEnabled) {
            c.append("cluster-enabled yes\n");
            c.append("cluster-port ").append(clusterPort).append('\n');
            c.append("cluster-config-file nodes.conf\n");
            c.append("cluster-node-timeout 2000\n");
        }
        extraConfig.forEach(line -> c.append(line).append('\n'));
        if (appendOnly != null) {
            c.append("appendonly yes\n");
            c.append("appendfsync ").append(appendOnly.config).append('\n');
        } else {
            c.append("appendonly no\n");
        }
        if (password != null) {
            c.append("requirepass \"").append(password).append("\"\n");
        }
        return c.toString();
    }

    /** Whether the server answers PING (after AUTH when it has a password); LOADING while it reads its AOF is no. */
    private boolean answersPing() {
        try {
            return "PONG".equals(RespClient.command(HOST, port, tlsClient, password, "PING"));
        } catch (IOException notYet) {
            return false;
        }
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    static Path configuredBinary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
    }

    private static void requireExecutable(Path binary) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new IllegalStateException("redis-server not found at " + binary + ": install Debian's redis-server"
                    + " package (apt-get install redis-server) or name another binary with -D" + BINARY_PROPERTY
                    + "=/path/to/redis-server");
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (IOException e) {
            return;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
