package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.samples.demo.CallbridgeDemo;
import io.callbridge.samples.demo.DemoKeystore;
import io.callbridge.samples.demo.DemoOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo over https/wss on real sockets, with a development keystore made by the JDK's keytool exactly as
 * {@code --tls} makes it, checked by a JDK HttpClient that trusts exactly that certificate (as a browser does once
 * the user accepted it).
 */
class DemoOverTlsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static DemoKeystore keystore;
    private static CallbridgeDemo demo;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        keystore = DemoKeystore.development(dir.resolve("demo-tls"));
        demo = CallbridgeDemo.start(DemoOptions.DEFAULTS
                .withPorts(BrowserEnvironment.freePort(), BrowserEnvironment.freePort())
                .withTls(keystore.tls()));
        http = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void the_development_keystore_is_made_by_keytool_and_reused() throws IOException {
        assertThat(keystore.generatedNow()).isTrue();
        assertThat(keystore.selfSigned()).isTrue();
        assertThat(keystore.names()).contains("localhost", "127.0.0.1", DemoOptions.SALESFORCE_HOST_NAME);
        assertThat(keystore.certificate().getNotAfter().toInstant())
                .isBefore(Instant.now().plus(Duration.ofDays(32)));
        Path tlsDir = dir.resolve("demo-tls");
        assertThat(Files.readString(tlsDir.resolve("callbridge-demo.password")).strip())
                .isEqualTo(keystore.tls().password()).hasSizeGreaterThanOrEqualTo(24);
        if (Files.getFileStore(tlsDir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(tlsDir.resolve("callbridge-demo.password")))
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(keystore.certificateFile()).isEqualTo(tlsDir.resolve("callbridge-demo.pem"));
        assertThat(Files.readString(keystore.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");

        DemoKeystore again = DemoKeystore.development(tlsDir);
        assertThat(again.generatedNow()).isFalse();
        assertThat(again.fingerprint()).isEqualTo(keystore.fingerprint());
        assertThat(again.tls().password()).isEqualTo(keystore.tls().password());
    }

    @Test
    void the_origins_are_https() {
        DemoOptions options = demo.options();
        assertThat(options.softphoneOrigin()).isEqualTo("https://127.0.0.1:" + options.bridgePort());
        assertThat(options.hostOrigin()).isEqualTo("https://localhost:" + options.hostPort());
        assertThat(options.bridgeUrl()).startsWith("wss://127.0.0.1:" + options.bridgePort() + "/");
        assertThat(demo.salesforceHostUrl("bob"))
                .startsWith("https://" + DemoOptions.SALESFORCE_HOST_NAME + ":" + options.hostPort() + "/");
    }

    @Test
    void the_host_pages_and_opencti_come_over_https() throws Exception {
        String host = demo.options().hostOrigin();
        HttpResponse<String> salesforce = get(host + "/salesforce/?agent=bob");
        assertThat(salesforce.statusCode()).isEqualTo(200);
        assertThat(salesforce.body()).contains("Salesforce host simulator");
        assertThat(salesforce.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLS"));
        assertThat(salesforce.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));

        HttpResponse<String> hubspot = get(host + "/hubspot/?agent=alice");
        assertThat(hubspot.statusCode()).isEqualTo(200);
        assertThat(hubspot.body()).contains("HubSpot host simulator");

        // The pages learn where the softphone lives from here: its https origin.
        HttpResponse<String> config = get(host + "/sim/config.js");
        assertThat(config.body()).contains("softphoneOrigin: \"" + demo.options().softphoneOrigin() + "\"");

        HttpResponse<String> opencti = get(host + "/support/api/62.0/lightning/opencti_min.js");
        assertThat(opencti.statusCode()).isEqualTo(200);
        assertThat(opencti.body()).contains("sforce.opencti");
        assertThat(opencti.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).contains("javascript"));
    }

    @Test
    void the_softphone_pages_come_over_https_by_either_loopback_name() throws Exception {
        for (String origin : new String[] {demo.options().softphoneOrigin(), demo.options().softphoneOriginByName()}) {
            HttpResponse<String> salesforce = get(origin + "/static/salesforce/softphone.html");
            assertThat(salesforce.statusCode()).as(origin).isEqualTo(200);
            assertThat(salesforce.body()).contains("/static/salesforce/bridge.js");
            assertThat(salesforce.sslSession()).isPresent();
            HttpResponse<String> hubspot = get(origin + "/static/hubspot/softphone.html");
            assertThat(hubspot.statusCode()).as(origin).isEqualTo(200);
        }
    }

    @Test
    void a_bridge_session_opens_over_wss_with_a_demo_token() throws Exception {
        String token = demoToken("tls-agent");
        Frames frames = new Frames();
        WebSocket ws = http.newWebSocketBuilder()
                .header("Origin", demo.options().softphoneOrigin())
                .connectTimeout(WAIT)
                .buildAsync(URI.create(demo.options().bridgeUrl()), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            ObjectNode hello = JSON.createObjectNode();
            hello.put("type", "hello");
            hello.put("v", 1);
            hello.put("token", token);
            hello.put("crm", "salesforce");
            hello.put("role", "tab");
            ws.sendText(hello.toString(), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            JsonNode welcome = frames.await("welcome");
            assertThat(welcome.path("resumed").asBoolean()).isFalse();
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    void the_bridge_still_refuses_the_host_origin_over_wss() {
        assertThatThrownBy(() -> http.newWebSocketBuilder()
                .header("Origin", demo.options().hostOrigin())
                .buildAsync(URI.create(demo.options().bridgeUrl()), new Frames())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_cannot_connect() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(WAIT).build();
        assertThatThrownBy(() -> untrusting.send(
                HttpRequest.newBuilder(URI.create(demo.options().hostOrigin() + "/salesforce/")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static String demoToken(String agent) throws Exception {
        String query = "tenant=" + demo.options().tenant() + "&agent=" + URLEncoder.encode(agent,
                StandardCharsets.UTF_8) + "&crm=salesforce";
        HttpResponse<String> response = get(demo.options().softphoneOrigin() + "/demo/token?" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("token").asString();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Trusts exactly the demo's certificate. */
    private static SSLContext trusting(DemoKeystore keystore) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("callbridge-demo", keystore.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Collects the server's text frames. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode await(String type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() < deadline) {
                JsonNode frame = received.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    if (type.equals(frame.path("type").asString())) {
                        return frame;
                    }
                    seen.append(frame.path("type").asString()).append(' ');
                }
            }
            throw new AssertionError("no " + type + " frame; saw: " + seen);
        }
    }
}
