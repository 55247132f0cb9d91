package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.AgentId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tests that need a server of their own: shutdown, limits, the adapter's lifetime, HTTP endpoints. */
class ServerLifecycleIT {
    private static final AgentId ALICE = AgentId.of("acme", "alice");

    @Test
    void gracefulShutdownClosesSessionsWith1001() {
        TestCallbridge app = new TestCallbridge();
        TestCallbridge.Session s = app.open(ALICE);
        app.close();
        BridgeClient.Closed closed = s.client().awaitClose();
        assertThat(closed.code()).isEqualTo(1001);
        assertThat(closed.reason()).isEqualTo("server shutting down");
        Eventually.until(() -> app.crm.log.contains("close " + ALICE));
    }

    @Test
    void thousandsOfMalformedFramesGetTypedErrorsAndTheSessionKeepsServing() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withRateLimit(100_000, 100_000))) {
            TestCallbridge.Session s = app.open(ALICE);
            Random random = new Random(42);
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                switch (i % 10) {
                    case 0: bad.add(randomText(random, 1 + random.nextInt(300))); break;
                    case 1: bad.add("{\"type\":\"uiAction\",\"id\":" + i + ",\"action\":\"dial\"}"); break;
                    case 2: bad.add("{\"type\":\"result\",\"id\":\"r" + i + "\",\"ok\":\"maybe\"}"); break;
                    case 3: bad.add("{\"type\":\"crmEvent\",\"name\":[],\"data\":1}"); break;
                    case 4: bad.add("{\"type\":\"welcome\",\"sessionId\":\"x\",\"seq\":1,\"resumed\":true}"); break;
                    case 5: bad.add("[".repeat(1000)); break;
                    case 6: bad.add("{\"type\":\"nope\"}"); break;
                    case 7: bad.add("{\"type\":\"hello\",\"v\":1,\"token\":\"t\",\"crm\":\"fakecrm\",\"role\":\"widget\"}"); break;
                    case 8: bad.add("{\"type\":\"uiAction\",\"id\":\"u" + i + "\",\"action\":\"mute\",\"args\":7}"); break;
                    default: bad.add("{\"type\":\"ping\",\"nonce\":" + "9".repeat(100) + "}"); break;
                }
            }
            bad.add("x".repeat(100 * 1024)); // above the 64 KiB limit, below Jetty's hard cap
            for (String frame : bad) {
                s.client().send(frame);
            }
            s.client().socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            int errors = 0;
            while (errors < bad.size() + 1) {
                JsonNode frame = s.client().next();
                assertThat(frame.get("type").asString()).as("reply %d", errors).isIn("error", "ui");
                if ("error".equals(frame.get("type").asString())) {
                    errors++;
                }
            }
            s.client().send("{\"type\":\"ping\",\"nonce\":\"still-there\"}");
            assertThat(s.client().awaitType("pong").get("nonce").asString()).isEqualTo("still-there");
            assertThat(s.act("ok", "login", "{}").get("ok").asBoolean()).isTrue();
            try (TestCallbridge.Session other = app.open(AgentId.of("acme", "bob"))) {
                assertThat(other.welcome().has("sessionId")).isTrue();
            }
            s.client().assertOpen();
            s.close();
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007() throws Exception {
        try (TestCallbridge app = new TestCallbridge();
                java.net.Socket raw = new java.net.Socket("127.0.0.1", app.running.port())) {
            raw.setSoTimeout((int) BridgeClient.WAIT.toMillis());
            java.io.OutputStream out = raw.getOutputStream();
            java.io.InputStream in = raw.getInputStream();
            // No client library sends invalid UTF-8 (browsers replace lone surrogates), so the frame is made by hand.
            out.write(("GET /bridge/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String headers = readHeaders(in);
            assertThat(headers).startsWith("HTTP/1.1 101");
            byte[] payload = {(byte) 0xC3, (byte) 0x28}; // a lead byte without its continuation
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length)});
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            assertThat(opcode).as("a close frame").isEqualTo(0x8);
            assertThat(length).isGreaterThanOrEqualTo(2);
            int code = (in.read() << 8) | in.read();
            assertThat(code).isEqualTo(1007);
        }
    }

    private static String readHeaders(java.io.InputStream in) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    @Test
    void aFrameAboveTheHardCapClosesWith1009() {
        try (TestCallbridge app = new TestCallbridge()) {
            TestCallbridge.Session s = app.open(ALICE);
            s.client().socket.sendText("y".repeat(300 * 1024), true);
            assertThat(s.client().awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void theSeventeenthSessionOfAnAgentReplacesTheOldestIdleOne() {
        try (TestCallbridge app = new TestCallbridge()) {
            List<TestCallbridge.Session> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < TransportSettings.DEFAULTS.maxSessionsPerAgent(); i++) {
                    sessions.add(app.open(ALICE, i % 2 == 0 ? "widget" : "tab", null));
                }
                // The first frame is in use; the second is the one idle longest.
                assertThat(sessions.get(0).act("use", "login", "{}").get("ok").asBoolean()).isTrue();
                TestCallbridge.Session newest = app.open(ALICE, "tab", null);
                sessions.add(newest);
                assertThat(newest.welcome().has("sessionId")).isTrue();
                assertThat(sessions.get(1).client().awaitClose())
                        .isEqualTo(new BridgeClient.Closed(4002, "replaced by a newer session of this agent"));
                for (TestCallbridge.Session s : sessions) {
                    if (s != sessions.get(1)) {
                        s.client().send("{\"type\":\"ping\",\"nonce\":\"alive\"}");
                        assertThat(s.client().awaitType("pong").get("nonce").asString()).isEqualTo("alive");
                    }
                }
                Eventually.until(() -> app.crm.channels.get(ALICE).frames().size() == 16);
            } finally {
                sessions.forEach(TestCallbridge.Session::close);
            }
        }
    }

    @Test
    void whenEverySessionIsRunningAnInvocationANewOneIsRefusedWith1013UntilOneIsIdle() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withMaxSessionsPerAgent(2));
                TestCallbridge.Session first = app.open(ALICE, "widget", null);
                TestCallbridge.Session second = app.open(ALICE, "tab", null)) {
            Eventually.until(() -> app.crm.channels.containsKey(ALICE)
                    && app.crm.channels.get(ALICE).frames().size() == 2);
            for (TestCallbridge.Session s : List.of(first, second)) {
                app.crm.channels.get(ALICE).invoke(new Invocation("busy-" + s.id(), "saveLog", "{}",
                        new Invocation.Target.Frame(s.id()), Duration.ofMinutes(1)));
                s.client().awaitType("invoke");
            }
            try (BridgeClient third = BridgeClient.connect(app.bridgeUri())) {
                third.send(TestCallbridge.hello(app.token(ALICE), "tab", null));
                assertThat(third.awaitClose()).isEqualTo(new BridgeClient.Closed(1013, "too many sessions for this agent"));
            }
            first.client().send("{\"type\":\"result\",\"id\":\"busy-" + first.id() + "\",\"ok\":true,\"value\":null}");
            try (TestCallbridge.Session retried = app.open(ALICE, "tab", null)) {
                assertThat(retried.welcome().has("sessionId")).isTrue();
                assertThat(first.client().awaitClose().code()).as("the idle one made room").isEqualTo(4002);
                second.client().assertOpen();
            }
        }
    }

    @Test
    void theAdapterHandlerIsClosedAfterTheLastFrameLeaves() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withDetachGrace(Duration.ZERO))) {
            TestCallbridge.Session widget = app.open(ALICE, "widget", null);
            TestCallbridge.Session tab = app.open(ALICE, "tab", null);
            widget.close();
            Eventually.until(() -> app.crm.log.contains("left " + ALICE + " widget"));
            assertThat(app.crm.log).doesNotContain("close " + ALICE);
            tab.close();
            Eventually.until(() -> app.crm.log.contains("close " + ALICE));
            assertThat(app.crm.log).containsSubsequence("attach " + ALICE, "left " + ALICE + " tab", "close " + ALICE);
        }
    }

    @Test
    void staticFilesFromTheClassPathAndTheDemoTokenEndpoint() throws Exception {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withDemoMode(true))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(app.httpUri("/static/test/softphone.html"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("test softphone");
            HttpResponse<String> script = http.send(HttpRequest.newBuilder(app.httpUri("/static/test/bridge.js"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(app.httpUri("/static/test/../../etc/passwd"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isIn(400, 404);

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                    app.httpUri("/demo/token?tenant=acme&agent=demo&crm=fakecrm")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String issued = BridgeClient.parse(token.body()).get("token").asString();
            try (BridgeClient client = BridgeClient.connect(app.bridgeUri())) {
                client.send(TestCallbridge.hello(issued, "widget", null));
                assertThat(client.awaitType("welcome").has("sessionId")).isTrue();
            }
        }
        try (TestCallbridge app = new TestCallbridge()) {
            HttpResponse<String> off = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.httpUri("/demo/token?tenant=acme&agent=demo&crm=fakecrm")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(off.statusCode()).as("demo mode is off by default").isEqualTo(404);
        }
    }

    @Test
    void theDemoTokenEndpointAnswersOnlyRequestsForALoopbackHostName() throws Exception {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withDemoMode(true))) {
            int port = app.running.port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "localhost", "[::1]:" + port,
                    "127.1.2.3")) {
                assertThat(demoTokenStatus(port, host)).as("Host: %s", host).isEqualTo(200);
            }
            // A page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name.
            for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
                    "localhost.evil.example", "10.0.0.1:" + port)) {
                assertThat(demoTokenStatus(port, host)).as("Host: %s", host).isEqualTo(403);
            }
        }
    }

    /** The status of {@code GET /demo/token} sent with this Host header (which the JDK's HTTP client will not set). */
    private static int demoTokenStatus(int port, String host) throws java.io.IOException {
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
            raw.setSoTimeout((int) BridgeClient.WAIT.toMillis());
            raw.getOutputStream().write(("GET /demo/token?tenant=acme&agent=demo&crm=fakecrm HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = readHeaders(raw.getInputStream());
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (32 + random.nextInt(0x2000)));
        }
        return text.toString();
    }
}
