package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** TLS end to end with a throwaway certificate, and static files overlaid from two real jars. */
class SecureAndStaticFilesIT {
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final String PASSWORD = "test-only-password";

    @TempDir
    Path dir;

    @Test
    void aBridgeConnectsOverWssAndStaticFilesComeOverHttps() throws Exception {
        Path keystore = selfSignedKeystore(dir);
        TransportSettings settings = TestCallbridge.defaults()
                .withTls(new TransportSettings.Tls(keystore, PASSWORD));
        try (TestCallbridge app = new TestCallbridge(settings)) {
            assertThat(app.bridgeUri().getScheme()).isEqualTo("wss");
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

            try (BridgeClient client = BridgeClient.connectAsync(http, app.bridgeUri(), TestCallbridge.ALLOWED_ORIGIN)
                    .join()) {
                client.send(TestCallbridge.hello(app.token(ALICE), "widget", null));
                JsonNode welcome = client.awaitType("welcome");
                assertThat(welcome.get("resumed").asBoolean()).isFalse();
                assertThat(client.awaitType("ui").at("/state/agent/id").asString()).isEqualTo("alice");
                client.send("{\"type\":\"ping\",\"nonce\":\"over-tls\"}");
                assertThat(client.awaitType("pong").get("nonce").asString()).isEqualTo("over-tls");
            }

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(app.httpUri("/static/test/softphone.html"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("test softphone");
            assertThat(page.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLS"));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        Path keystore = selfSignedKeystore(dir);
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults()
                .withTls(new TransportSettings.Tls(keystore, PASSWORD)))) {
            // The JDK's default trust store does not know the throwaway certificate.
            assertThat(BridgeClient.connectAsync(app.bridgeUri(), null))
                    .failsWithin(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void staticFilesOfTwoJarsAreServedAsOneTree() throws Exception {
        Path first = jar(dir.resolve("first.jar"), Map.of(
                "META-INF/callbridge/static/alpha/page.html", "<!doctype html><title>alpha page</title>",
                "META-INF/callbridge/static/shared/from-first.js", "'use strict'; // first"));
        Path second = jar(dir.resolve("second.jar"), Map.of(
                "META-INF/callbridge/static/beta/style.css", "body { color: teal }",
                "META-INF/callbridge/static/shared/from-second.json", "{\"second\":true}"));
        // No parent but the platform: only the two jars are seen, not the test class path's static files.
        try (URLClassLoader jars = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
                TestCallbridge app = new TestCallbridge(TestCallbridge.defaults(), new StaticFiles(jars))) {
            HttpClient http = HttpClient.newHttpClient();
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("/static/alpha/page.html", "alpha page");
            expected.put("/static/beta/style.css", "color: teal");
            expected.put("/static/shared/from-first.js", "// first");
            expected.put("/static/shared/from-second.json", "\"second\"");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                HttpResponse<String> response = get(http, app, e.getKey());
                assertThat(response.statusCode()).as(e.getKey()).isEqualTo(200);
                assertThat(response.body()).as(e.getKey()).contains(e.getValue());
            }
            assertThat(get(http, app, "/static/alpha/page.html").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(get(http, app, "/static/beta/style.css").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
            assertThat(get(http, app, "/static/shared/from-first.js").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
            for (String absent : List.of("/static/test/softphone.html", "/static/alpha/missing.html",
                    "/static/shared/", "/static/beta/../../META-INF/MANIFEST.MF")) {
                assertThat(get(http, app, absent).statusCode()).as(absent).isIn(400, 403, 404);
            }
        }
    }

    @Test
    void theTransportJarServesTheSharedBrowserScripts() throws Exception {
        try (TestCallbridge app = new TestCallbridge()) {
            HttpClient http = HttpClient.newHttpClient();
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("/static/callbridge/bridge-client.js", "CallbridgeBridge");
            expected.put("/static/callbridge/softphone.js", "CallbridgeSoftphone");
            expected.put("/static/callbridge/softphone.css", ".cb-softphone");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                HttpResponse<String> response = get(http, app, e.getKey());
                assertThat(response.statusCode()).as(e.getKey()).isEqualTo(200);
                assertThat(response.body()).as(e.getKey()).contains(e.getValue());
                assertThat(response.headers().firstValue("Content-Type")).as(e.getKey())
                        .hasValueSatisfying(v -> assertThat(v).containsAnyOf("javascript", "text/css"));
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, TestCallbridge app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.httpUri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            // Directory entries first, as the jar tool and Maven write them: the class loader finds the
            // META-INF/callbridge/static/ root of a jar only through its directory entry.
            Set<String> directories = new TreeSet<>();
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    directories.add(name.substring(0, slash + 1));
                }
            }
            for (String directory : directories) {
                jar.putNextEntry(new JarEntry(directory));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** A PKCS12 keystore with a fresh self-signed key for 127.0.0.1, made by the JDK's own keytool. */
    private static Path selfSignedKeystore(Path dir) throws Exception {
        Path keystore = dir.resolve("server-" + System.nanoTime() + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt")
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        return keystore;
    }

    /** Trusts exactly the certificate in the keystore, as a browser would after the user accepted it. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("server");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
