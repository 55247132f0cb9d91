package io.callbridge.samples.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One CRM frame as the shipped bridge script is to the server: the bridge protocol over a real WebSocket (the JDK's
 * client), answering every {@code invoke} with success as a CRM that accepts everything would, except the methods it
 * is told to leave unanswered (a tab closed before the CRM call ran). It keeps every frame it received and every
 * invocation it ran, so the test counts side effects where the CRM would see them.
 */
final class CrmFrame implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An invocation this frame received, and whether it ran it (answered {@code ok}). */
    record Invoked(String id, String method, JsonNode args, boolean ran) { }

    private final WebSocket socket;
    private final Listener listener;
    private final ExecutorService sender;
    private final AtomicLong actions = new AtomicLong();

    private CrmFrame(WebSocket socket, Listener listener, ExecutorService sender) {
        this.socket = socket;
        this.listener = listener;
        this.sender = sender;
    }

    /**
     * Connects, says hello with {@code token} and waits for the welcome.
     *
     * @param unanswered methods this frame receives but never runs
     */
    static CrmFrame open(URI bridge, String token, String crm, String role, Set<String> unanswered) {
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crm-frame-sender");
            t.setDaemon(true);
            return t;
        });
        Listener listener = new Listener(unanswered, sender);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(bridge, listener).join();
        CrmFrame frame = new CrmFrame(socket, listener, sender);
        ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("v", 1).put("token", token)
                .put("crm", crm).put("role", role);
        frame.send(hello);
        frame.await(f -> f.path("type").asString().equals("welcome"), "welcome");
        return frame;
    }

    void send(JsonNode frame) {
        String text = frame.toString();
        try {
            sender.submit(() -> socket.sendText(text, true).join()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send " + text, e);
        }
    }

    void crmEvent(String name, JsonNode data) {
        send(JSON.createObjectNode().put("type", "crmEvent").put("name", name).set("data", data));
    }

    /** Sends a UI action and returns its ack. */
    JsonNode action(String action, Map<String, Object> args) {
        String id = "a-" + actions.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("type", "uiAction").put("id", id).put("action", action);
        frame.set("args", JSON.valueToTree(args));
        send(frame);
        return await(f -> f.path("type").asString().equals("ack") && f.path("id").asString().equals(id),
                "ack of " + action);
    }

    /** Like {@link #action} and checks that core accepted it. */
    JsonNode accepted(String action, Map<String, Object> args) {
        JsonNode ack = action(action, args);
        if (!ack.path("ok").asBoolean() || !ack.path("result").asString().equals("accepted")) {
            throw new AssertionError(action + " " + args + " was not accepted: " + ack);
        }
        return ack;
    }

    /** Like {@link #action} and checks that core took it (accepted, or ignored as already so). */
    JsonNode ok(String action, Map<String, Object> args) {
        JsonNode ack = action(action, args);
        if (!ack.path("ok").asBoolean()) {
            throw new AssertionError(action + " " + args + " was refused: " + ack);
        }
        return ack;
    }

    /** The first received frame (earlier ones included) that matches, waiting for it. */
    JsonNode await(Predicate<JsonNode> wanted, String what) {
        return await(wanted, what, WAIT);
    }

    JsonNode await(Predicate<JsonNode> wanted, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (listener) {
            while (true) {
                for (JsonNode f : listener.received) {
                    if (wanted.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + "; received " + tail());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(listener, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a {@code ui} snapshot whose state matches. */
    JsonNode awaitUi(Predicate<JsonNode> state, String what) {
        return await(f -> f.path("type").asString().equals("ui") && state.test(f.path("state")), what).path("state");
    }

    /** Waits for an invocation of {@code method}. */
    Invoked awaitInvoked(String method) {
        return awaitInvoked(method, null, WAIT);
    }

    /**
     * Waits for an invocation of {@code method} about {@code callId} (whose id, the side effect's idempotency key,
     * names the call).
     */
    Invoked awaitInvoked(String method, @Nullable String callId, Duration timeout) {
        JsonNode f = await(x -> x.path("type").asString().equals("invoke") && x.path("method").asString()
                .equals(method) && (callId == null || x.path("id").asString().contains(callId)),
                method + " invocation" + (callId == null ? "" : " for " + callId), timeout);
        return invoked().stream().filter(i -> i.id().equals(f.path("id").asString())).findFirst().orElseThrow();
    }

    /** The invocations of {@code method} about {@code callId} this frame ran. */
    long ran(String method, String callId) {
        return invoked().stream().filter(i -> i.ran() && i.method().equals(method) && i.id().contains(callId))
                .count();
    }

    List<Invoked> invoked() {
        return List.copyOf(listener.invoked);
    }

    boolean isOpen() {
        return !listener.closed.isDone();
    }

    private String tail() {
        List<String> texts = new ArrayList<>();
        for (JsonNode f : listener.received) {
            String t = f.toString();
            texts.add(t.length() > 300 ? t.substring(0, 300) + "…" : t);
        }
        return texts.subList(Math.max(0, texts.size() - 8), texts.size()).toString();
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                sender.submit(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").join())
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            // The server may be gone already (killed): nothing to close then.
        } finally {
            socket.abort();
            sender.shutdownNow();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Set<String> unanswered;
        private final ExecutorService sender;
        private final StringBuilder partial = new StringBuilder();
        final List<JsonNode> received = new ArrayList<>();
        final List<Invoked> invoked = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        Listener(Set<String> unanswered, ExecutorService sender) {
            this.unanswered = unanswered;
            this.sender = sender;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode f = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (f.path("type").asString().equals("invoke")) {
                    run(webSocket, f);
                }
                synchronized (this) {
                    received.add(f);
                    notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Answers as the CRM would once the call ran; the invocation is recorded before the answer leaves. */
        private void run(WebSocket webSocket, JsonNode invoke) {
            String method = invoke.path("method").asString();
            boolean runs = !unanswered.contains(method);
            invoked.add(new Invoked(invoke.path("id").asString(), method, invoke.path("args"), runs));
            if (runs) {
                String result = JSON.createObjectNode().put("type", "result").put("id", invoke.path("id").asString())
                        .put("ok", true).putNull("value").toString();
                sender.execute(() -> webSocket.sendText(result, true).join());
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
