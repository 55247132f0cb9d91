package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bridges that read too slowly or say nothing, over real sockets. */
class SlowAndSilentBridgesIT {
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final AgentId BOB = AgentId.of("acme", "bob");

    @Test
    void aBridgeThatStopsReadingIsClosedWith1013() throws Exception {
        TransportSettings settings = TestCallbridge.defaults().withSendQueueLimit(16);
        try (TestCallbridge app = new TestCallbridge(settings)) {
            StalledListener listener = new StalledListener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(app.bridgeUri(), listener).join();
            socket.sendText(TestCallbridge.hello(app.token(ALICE), "widget", null).toString(), true).join();
            String welcome = listener.welcome.get(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            String sessionId = BridgeClient.parse(welcome).get("sessionId").asString();
            Eventually.until(() -> app.crm.channels.containsKey(ALICE));
            BridgeChannel channel = app.crm.channels.get(ALICE);

            // Invocations are never coalesced, unlike snapshots. 30 MB is more than loopback's socket buffers can
            // hold, so writes stall and the queue behind them overflows while the bridge reads nothing.
            String args = "{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}";
            List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                results.add(channel.invoke(new Invocation("slow-" + i, "record", args,
                        new Invocation.Target.Frame(sessionId), Duration.ofMinutes(5))).toCompletableFuture());
            }
            assertThat(listener.texts.get()).as("frames read while stalled").isEqualTo(1);

            // Reading again drains what the sockets held, then the close frame queued behind it.
            socket.request(Long.MAX_VALUE);
            BridgeClient.Closed closed = listener.closed.get(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(closed.code()).isEqualTo(1013);
            assertThat(closed.reason()).isEqualTo("too slow: send queue full");
            assertThat(listener.texts.get()).as("frames read in all").isLessThan(1 + results.size());

            // The frame is gone, so what it never ran fails; the adapter is not left waiting.
            InvocationResult last = results.get(results.size() - 1).get(BridgeClient.WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            assertThat(last).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(InvocationResult.Kind.NO_FRAME));
            Eventually.until(() -> app.crm.log.contains("left " + ALICE + " widget"));

            try (TestCallbridge.Session again = app.open(ALICE)) {
                assertThat(again.welcome().has("sessionId")).as("the agent can reconnect").isTrue();
            }
        }
    }

    @Test
    void aBridgeThatNeverReadsAgainIsCutAfterTheWriteTimeoutThoughItKeepsPingingAndOthersAreServedMeanwhile()
            throws Exception {
        TransportSettings settings = TestCallbridge.defaults().withWriteTimeout(Duration.ofSeconds(2));
        try (TestCallbridge app = new TestCallbridge(settings); TestCallbridge.Session bob = app.open(BOB)) {
            Stalled alice = Stalled.open(app);
            List<CompletableFuture<InvocationResult>> results = flood(app, alice.sessionId);
            long stalledAt = System.nanoTime();
            // Its own pings keep coming, so the connection never looks idle to Jetty.
            ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
            pinger.scheduleWithFixedDelay(() -> alice.socket.sendText("{\"type\":\"ping\"}", true).join(), 0, 100,
                    TimeUnit.MILLISECONDS);
            try {
                // Another agent is served while Alice's frames pile up: each round trip completes while she is still
                // connected, so none waited for her.
                List<Long> roundTrips = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long sent = System.nanoTime();
                    bob.client().send("{\"type\":\"ping\",\"nonce\":\"b" + i + "\"}");
                    assertThat(bob.client().awaitType("pong").get("nonce").asString()).isEqualTo("b" + i);
                    roundTrips.add((System.nanoTime() - sent) / 1000);
                    assertThat(app.crm.channels.get(ALICE).frames()).as("Alice is still connected").hasSize(1);
                }
                System.out.println("another agent's ping round trips while a reader was stuck (us): " + roundTrips);

                Eventually.until(() -> app.crm.log.contains("left " + ALICE + " widget"));
                long cutAfterMs = (System.nanoTime() - stalledAt) / 1_000_000;
                System.out.println("stuck reader cut " + cutAfterMs + " ms after its writes stalled (write timeout "
                        + settings.writeTimeout().toMillis() + " ms, idle timeout "
                        + settings.idleTimeout().toMillis() + " ms)");
                assertThat(cutAfterMs).as("cut by the write timeout, long before the idle timeout")
                        .isLessThan(settings.idleTimeout().toMillis());
            } finally {
                pinger.shutdownNow();
            }
            InvocationResult last = results.get(results.size() - 1).get(BridgeClient.WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            assertThat(last).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(InvocationResult.Kind.NO_FRAME));
            bob.client().assertOpen();
        }
    }

    @Test
    void aBridgeThatPausesReadingGetsOnlyTheNewestSnapshotWhenItReadsAgain() throws Exception {
        TransportSettings settings = TestCallbridge.defaults().withUiRefreshDelay(Duration.ZERO)
                .withWriteTimeout(Duration.ofSeconds(30));
        try (TestCallbridge app = new TestCallbridge(settings)) {
            Stalled alice = Stalled.open(app);
            flood(app, alice.sessionId);
            // Another frame of Alice's, which reads, shows when the server has produced every snapshot.
            try (TestCallbridge.Session observer = app.open(ALICE, "tab", null)) {
                // One snapshot per notice: each waits until the reading frame has it.
                for (int i = 0; i < 50; i++) {
                    String text = "notice " + i;
                    app.engine.execute(new NotifyAgent(ALICE, "test.N", text, null));
                    observer.awaitUi(state -> state.toString().contains(text), text);
                }

                alice.socket.request(Long.MAX_VALUE);
                alice.socket.sendText("{\"type\":\"ping\",\"nonce\":\"after\"}", true).join();
                Eventually.until(() -> alice.frames.stream().anyMatch(f -> f.contains("\"nonce\":\"after\"")));
                List<String> afterInvocations = new ArrayList<>();
                boolean invoked = false;
                for (String frame : alice.frames) {
                    invoked |= frame.startsWith("{\"type\":\"invoke\"");
                    if (invoked && frame.startsWith("{\"type\":\"ui\"")) {
                        afterInvocations.add(frame);
                    }
                }
                assertThat(afterInvocations).as("snapshots that waited behind the stalled writes").hasSize(1);
                assertThat(afterInvocations.get(0)).contains("notice 49");
            }
        }
    }

    /** Fills the socket buffers and more: 20 MB of invocations, which are never coalesced, for Alice's frame. */
    private static List<CompletableFuture<InvocationResult>> flood(TestCallbridge app, String sessionId) {
        Eventually.until(() -> app.crm.channels.containsKey(ALICE));
        BridgeChannel channel = app.crm.channels.get(ALICE);
        String args = "{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}";
        List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(channel.invoke(new Invocation("stuck-" + i, "record", args,
                    new Invocation.Target.Frame(sessionId), Duration.ofMinutes(5))).toCompletableFuture());
        }
        return results;
    }

    /** Alice's frame: read the welcome, then nothing until the test says so. */
    private record Stalled(WebSocket socket, String sessionId, List<String> frames) {
        static Stalled open(TestCallbridge app) throws Exception {
            StalledListener listener = new StalledListener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(app.bridgeUri(), listener).join();
            socket.sendText(TestCallbridge.hello(app.token(ALICE), "widget", null).toString(), true).join();
            String welcome = listener.welcome.get(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return new Stalled(socket, BridgeClient.parse(welcome).get("sessionId").asString(), listener.frames);
        }
    }

    @Test
    void noHelloInTimeClosesWith1008() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults()
                .withHelloTimeout(Duration.ofMillis(300)));
                BridgeClient silent = BridgeClient.connect(app.bridgeUri())) {
            BridgeClient.Closed closed = silent.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("no hello received in time");
            assertThat(silent.history).isEmpty();
            assertThat(app.crm.log).isEmpty();
        }
    }

    @Test
    void aHelloInTimeCancelsTheHelloTimer() throws Exception {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults()
                .withHelloTimeout(Duration.ofMillis(300)));
                TestCallbridge.Session s = app.open(ALICE)) {
            // Outlive the hello timeout several times over, then prove the session still works.
            Thread.sleep(1000);
            s.client().send("{\"type\":\"ping\",\"nonce\":\"after\"}");
            assertThat(s.client().awaitType("pong").get("nonce").asString()).isEqualTo("after");
            s.client().assertOpen();
        }
    }

    @Test
    void aConnectionWithNoTrafficIsDroppedAfterTheIdleTimeout() {
        // Server pings would count as traffic; make them rarer than the idle timeout.
        TransportSettings settings = TestCallbridge.defaults().withIdleTimeout(Duration.ofMillis(500))
                .withPingInterval(Duration.ofHours(1));
        try (TestCallbridge app = new TestCallbridge(settings); TestCallbridge.Session s = app.open(ALICE)) {
            BridgeClient.Closed closed = s.client().awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).as("Jetty's reason").containsIgnoringCase("idle");
            Eventually.until(() -> app.crm.log.contains("left " + ALICE + " widget"));
        }
    }

    @Test
    void serverPingsKeepAQuietBridgeConnected() throws Exception {
        TransportSettings settings = TestCallbridge.defaults().withIdleTimeout(Duration.ofMillis(600))
                .withPingInterval(Duration.ofMillis(100));
        try (TestCallbridge app = new TestCallbridge(settings); TestCallbridge.Session s = app.open(ALICE)) {
            Thread.sleep(2000);
            s.client().assertOpen();
            s.client().send("{\"type\":\"ping\",\"nonce\":\"alive\"}");
            assertThat(s.client().awaitType("pong").get("nonce").asString()).isEqualTo("alive");
        }
    }

    /** Reads the welcome, then requests nothing more, like a browser tab frozen by its OS. */
    private static final class StalledListener implements WebSocket.Listener {
        final CompletableFuture<String> welcome = new CompletableFuture<>();
        final CompletableFuture<BridgeClient.Closed> closed = new CompletableFuture<>();
        final AtomicInteger texts = new AtomicInteger();
        final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (!last) {
                webSocket.request(1);
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            frames.add(text);
            if (texts.incrementAndGet() == 1) {
                welcome.complete(text);
            }
            // No request(n) here: after the welcome nothing is read until the test asks for more.
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new BridgeClient.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new BridgeClient.Closed(-1, String.valueOf(error)));
        }
    }
}
