package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bridge as a test drives it: the JDK's WebSocket client, with every received frame parsed and queued. */
final class BridgeClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a connection ended. */
    record Closed(int code, String reason) { }

    final BlockingQueue<JsonNode> received;
    /** Every frame received, including those awaits skipped. */
    final List<JsonNode> history;
    final CompletableFuture<Closed> closed;
    final WebSocket socket;

    private BridgeClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.received = listener.received;
        this.history = listener.history;
        this.closed = listener.closed;
    }

    static CompletableFuture<BridgeClient> connectAsync(URI uri, String origin) {
        return connectAsync(HttpClient.newHttpClient(), uri, origin);
    }

    /** @param http e.g. one whose SSLContext trusts a test certificate */
    static CompletableFuture<BridgeClient> connectAsync(HttpClient http, URI uri, String origin) {
        Listener listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .connectTimeout(WAIT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(uri, listener).thenApply(ws -> new BridgeClient(ws, listener));
    }

    static BridgeClient connect(URI uri) {
        return connectAsync(uri, null).join();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(JsonNode frame) {
        send(frame.toString());
    }

    /** Waits for the next frame that matches, discarding the frames before it. */
    JsonNode await(Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonNode next;
            try {
                next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null) {
                throw new AssertionError("no " + what + " within " + WAIT + "; skipped " + skipped);
            }
            if (wanted.test(next)) {
                return next;
            }
            skipped.add(next.toString().length() > 200 ? next.toString().substring(0, 200) : next.toString());
        }
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asString()), "'" + type + "' frame");
    }

    /** The next frame, whatever it is. */
    JsonNode next() {
        return await(f -> true, "frame");
    }

    Closed awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection did not close", e);
        }
    }

    void assertOpen() {
        assertThat(closed).as("connection still open").isNotDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        // Owned by the listener: frames may arrive before buildAsync hands out the client.
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final List<JsonNode> history = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                JsonNode frame = parse(text);
                history.add(frame);
                received.add(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
