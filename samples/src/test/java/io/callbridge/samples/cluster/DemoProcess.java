package io.callbridge.samples.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.samples.demo.DemoMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The demo ({@link DemoMain}, exactly as {@code mvn -Pdemo} runs it) in a JVM of its own, started with this test's
 * class path, so that the test can {@code kill -9} it ({@link Process#destroyForcibly()}) or stop it with SIGTERM
 * ({@link Process#destroy()}, which runs the demo's shutdown hook) as an operator would. Its output goes to a file.
 */
final class DemoProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int bridgePort;
    final int hostPort;
    final Path log;
    private final Process process;

    private DemoProcess(int bridgePort, int hostPort, Path log, Process process) {
        this.bridgePort = bridgePort;
        this.hostPort = hostPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the demo on Redis and waits until it serves tokens. */
    static DemoProcess start(String redisUri, int bridgePort, int hostPort, Path log) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPath,
                DemoMain.class.getName(),
                "--port", Integer.toString(bridgePort), "--host-port", Integer.toString(hostPort),
                "--redis", redisUri));
        try {
            Files.createDirectories(log.getParent());
            // A fresh file: the readiness check reads it.
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            DemoProcess demo = new DemoProcess(bridgePort, hostPort, log, process);
            demo.awaitReady();
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited with " + process.exitValue() + " while starting:\n" + log());
            }
            if (logContains("callbridge demo started")) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new AssertionError("the demo did not start within " + START_TIMEOUT + ":\n" + log());
    }

    URI bridge() {
        return URI.create("ws://127.0.0.1:" + bridgePort + "/bridge/v1");
    }

    /** A demo token, as the softphone pages fetch one. */
    String token(String agent, String crm) {
        JsonNode body = CrmFrame.JSON.readTree(get("http://127.0.0.1:" + bridgePort + "/demo/token?tenant=acme&agent="
                + agent + "&crm=" + crm));
        return body.path("token").asString();
    }

    /** An inbound call rings at {@code agent}, through the host simulators' control. */
    String ring(String agent, String from) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + hostPort + "/sim/ring?agent="
                + agent + "&from=" + URLEncoder.encode(from, UTF_8))).POST(HttpRequest.BodyPublishers.noBody())
                .build();
        String body = send(request);
        return CrmFrame.JSON.readTree(body).path("callId").asString();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() {
        process.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /** SIGTERM: the demo's shutdown hook stops its services; returns its exit code. */
    int terminate() {
        process.destroy();
        return await(Duration.ofSeconds(30));
    }

    private int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the demo did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean logContains(String text) {
        return log().contains(text);
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
