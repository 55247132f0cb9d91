package io.callbridge.samples.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One CRM frame (a HubSpot widget or calling window, a Salesforce tab) as its bridge script behaves on the wire, over a
 * real WebSocket to one node: it says hello, forwards the CRM events the test raises, runs every invocation the server
 * sends and answers it as the CRM would. Like the real bridge client it runs an invocation id once per page and answers
 * a repeat with the first result, so {@link #executed()} is what this frame's CRM actually did.
 *
 * <p>As HubSpot, it reacts to OUTGOING_CALL_STARTED with CREATE_ENGAGEMENT_SUCCEEDED (a new engagement id) and to
 * CALL_COMPLETED with UPDATE_ENGAGEMENT_SUCCEEDED; as Salesforce, {@code saveLog} returns a new Task id.
 */
final class NodeFrame implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong ENGAGEMENTS = new AtomicLong(7000);
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final AtomicLong ACTIONS = new AtomicLong();

    /** One invocation this frame's CRM ran. */
    record Executed(String id, String method, JsonNode args) { }

    final String crm;
    final String role;
    final String node;
    private final WebSocket socket;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final List<JsonNode> ui = new CopyOnWriteArrayList<>();
    private final Map<String, String> answered = new LinkedHashMap<>();
    private final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
    /** Handles received frames one at a time, in arrival order, as a page's event loop would. */
    private final ExecutorService inbox;

    private NodeFrame(String crm, String role, String node, URI uri, String token) {
        this.crm = crm;
        this.role = role;
        this.node = node;
        this.inbox = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crm-frame-" + crm + "-" + role + "-" + node);
            t.setDaemon(true);
            return t;
        });
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new Listener()).join();
        ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("v", 1).put("token", token)
                .put("crm", crm).put("role", role);
        send(hello);
        try {
            welcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(crm + " " + role + " on " + node + " got no welcome; received " + received, e);
        }
    }

    /** A frame on {@code node} whose hello was welcomed; a HubSpot frame has also sent READY. */
    static NodeFrame open(ClusterNodes.Node node, String crm, String role, String token) {
        NodeFrame frame = new NodeFrame(crm, role, node.name(), node.bridgeUri(), token);
        if (crm.equals("hubspot")) {
            frame.crmEvent("READY", JSON.createObjectNode().put("hostUrl", "https://app.hubspot.com")
                    .put("portalId", 22104933L).put("userId", 7812034L).put("ownerId", 53728419L)
                    .put("iframeLocation", role).put("usesCallingWindow", role.equals("window")));
        }
        return frame;
    }

    void crmEvent(String name, JsonNode data) {
        send(JSON.createObjectNode().put("type", "crmEvent").put("name", name).set("data", data));
    }

    /** Sends a softphone action and waits for its ack. */
    JsonNode act(String action, JsonNode args) {
        String id = "a-" + ACTIONS.incrementAndGet();
        send(JSON.createObjectNode().put("type", "uiAction").put("id", id).put("action", action).set("args", args));
        return await(f -> "ack".equals(f.path("type").asString()) && id.equals(f.path("id").asString()), "ack " + id);
    }

    /** Every invocation this frame's CRM ran, in order. */
    List<Executed> executed() {
        return List.copyOf(executed);
    }

    List<Executed> executed(String method) {
        return executed.stream().filter(e -> e.method().equals(method)).toList();
    }

    /** Every {@code ui} state this frame was sent, in order. */
    List<JsonNode> uiStates() {
        return List.copyOf(ui);
    }

    /** The states of {@code callId} in the {@code ui} snapshots this frame was sent, repeats folded. */
    List<String> callStates(String callId) {
        List<String> states = new ArrayList<>();
        for (JsonNode state : ui) {
            for (JsonNode call : state.path("calls")) {
                if (callId.equals(call.path("id").asString())) {
                    String s = call.path("state").asString();
                    if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) {
                        states.add(s);
                    }
                }
            }
        }
        return states;
    }

    /** The {@code seq} of every {@code ui} frame, in arrival order. */
    List<Long> uiSeqs() {
        return received.stream().filter(f -> "ui".equals(f.path("type").asString()))
                .map(f -> f.path("seq").asLong()).toList();
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Waits until a received frame matches. */
    JsonNode await(Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode f : received) {
                if (wanted.test(f)) {
                    return f;
                }
            }
            sleep(10);
        }
        throw new AssertionError(crm + " " + role + " on " + node + ": no " + what + " within " + WAIT
                + "; received " + received);
    }

    /** Waits until a {@code ui} state matches; returns the state. */
    JsonNode awaitUi(Predicate<JsonNode> wanted, String what) {
        return await(f -> "ui".equals(f.path("type").asString()) && wanted.test(f.path("state")), what)
                .path("state");
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
        inbox.shutdownNow();
    }

    @Override
    public String toString() {
        return crm + " " + role + " on " + node;
    }

    private void send(JsonNode frame) {
        synchronized (socket) {
            socket.sendText(frame.toString(), true).join();
        }
    }

    private void onFrame(JsonNode frame) {
        received.add(frame);
        switch (frame.path("type").asString()) {
            case "welcome" -> welcome.complete(frame);
            case "ui" -> ui.add(frame.path("state"));
            case "invoke" -> run(frame.path("id").asString(), frame.path("method").asString(), frame.path("args"));
            default -> { }
        }
    }

    /** Runs an invocation as the CRM would, once per id, and answers. */
    private void run(String id, String method, JsonNode args) {
        String value;
        boolean first;
        synchronized (answered) {
            first = !answered.containsKey(id);
            if (first) {
                answered.put(id, answer(method));
            }
            value = answered.get(id);
        }
        if (first) {
            executed.add(new Executed(id, method, args));
        }
        send(JSON.createObjectNode().put("type", "result").put("id", id).put("ok", true).set("value",
                JSON.readTree(value)));
        if (first && crm.equals("hubspot")) {
            if (method.equals("OUTGOING_CALL_STARTED") && args.path("createEngagement").asBoolean(false)) {
                crmEvent("CREATE_ENGAGEMENT_SUCCEEDED",
                        JSON.createObjectNode().put("engagementId", ENGAGEMENTS.incrementAndGet()));
            } else if (method.equals("CALL_COMPLETED") && args.has("engagementId")) {
                crmEvent("UPDATE_ENGAGEMENT_SUCCEEDED",
                        JSON.createObjectNode().put("engagementId", args.path("engagementId").asLong()));
            }
        }
    }

    private String answer(String method) {
        if (crm.equals("hubspot")) {
            return "null";
        }
        ObjectNode result = JSON.createObjectNode().put("success", true).putNull("errors");
        if (method.equals("saveLog")) {
            result.putObject("returnValue").put("recordId", String.format("00T000000000%03dAAA",
                    TASKS.incrementAndGet()));
        } else if (method.equals("searchAndScreenPop")) {
            result.putObject("returnValue");
        } else {
            result.putNull("returnValue");
        }
        return result.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                // Answered off the listener thread: sending from inside onText could wait on this very socket.
                JsonNode frame = JSON.readTree(text);
                inbox.execute(() -> onFrame(frame));
            }
            webSocket.request(1);
            return null;
        }
    }
}
