package io.callbridge.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bridge as a browser would run it, on the JDK's WebSocket client: sends frames, waits for the ones it wants. */
final class TestBridge implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** Frames seen while waiting for another, kept for a later wait. */
    private final List<JsonNode> skipped = new ArrayList<>();
    int sent;

    TestBridge(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    void send(String json) {
        socket.sendText(json, true).join();
        sent++;
    }

    JsonNode await(Predicate<JsonNode> wanted, String what) {
        for (int i = 0; i < skipped.size(); i++) {
            if (wanted.test(skipped.get(i))) {
                return skipped.remove(i);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode next;
            try {
                next = frames.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            if (next == null) {
                continue;
            }
            if (wanted.test(next)) {
                return next;
            }
            skipped.add(next);
        }
        throw new AssertionError("no " + what + " within 30 s; seen " + skipped);
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asString()), type);
    }

    JsonNode act(String id, String action, String argsJson) {
        send("{\"type\":\"uiAction\",\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"args\":" + argsJson + "}");
        return await(f -> "ack".equals(f.path("type").asString()) && id.equals(f.path("id").asString()), "ack " + id);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
