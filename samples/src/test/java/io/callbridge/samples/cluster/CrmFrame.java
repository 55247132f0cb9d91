package io.callbridge.samples.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One CRM frame (a HubSpot widget or calling window, a Salesforce tab) as the shipped bridge script is on the wire,
 * over a real WebSocket (the JDK's client) to one node: it says hello, forwards the CRM events the test raises, runs
 * every invocation the server sends and answers it as a CRM that accepts everything would. Like the real bridge client
 * it runs an invocation id once per page and answers a repeat with the first result, and that memory survives a
 * {@link #reconnect} (the bridge client keeps it in sessionStorage), so {@link #executed()} is what this page's CRM
 * actually did, across nodes.
 *
 * <p>What it does beyond that is set by {@link Options}: methods it receives but never runs (a tab closed before the
 * CRM call ran), whether it says READY as HubSpot, whether it reacts as HubSpot does to what it ran
 * (OUTGOING_CALL_STARTED with CREATE_ENGAGEMENT_SUCCEEDED and a new engagement id, CALL_COMPLETED with
 * UPDATE_ENGAGEMENT_SUCCEEDED), and how long the CRM takes before the result goes back (the CRM has run it by then).
 * As Salesforce, {@code saveLog} returns a new Task id.
 */
public final class CrmFrame implements AutoCloseable {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong ENGAGEMENTS = new AtomicLong(7000);
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final AtomicLong ACTIONS = new AtomicLong();

    /**
     * How the frame behaves.
     *
     * @param unanswered methods it receives but never runs nor answers
     * @param hubSpotReady whether a HubSpot frame sends READY (with its role as the iframe location) once welcomed
     * @param hubSpotReactions whether it raises the CRM events HubSpot raises after OUTGOING_CALL_STARTED and
     *     CALL_COMPLETED
     * @param answerDelay how long the CRM takes to answer an invocation of a method it ran (it ran when the delay
     *     starts)
     */
    public record Options(Set<String> unanswered, boolean hubSpotReady, boolean hubSpotReactions,
            Function<String, Duration> answerDelay) {
        /** Everything the test does by hand: no READY, no reactions, answers at once. */
        public static Options plain(Set<String> unanswered) {
            return new Options(unanswered, false, false, m -> Duration.ZERO);
        }

        /** A frame that behaves as HubSpot's or Salesforce's page does by itself. */
        public static Options asTheCrm() {
            return new Options(Set.of(), true, true, m -> Duration.ZERO);
        }

        public Options withAnswerDelay(Function<String, Duration> delay) {
            return new Options(unanswered, hubSpotReady, hubSpotReactions, delay);
        }
    }

    /**
     * An invocation this frame received, and whether its CRM ran it then (a repeat answered from memory did not).
     *
     * @param at when it arrived ({@link System#nanoTime})
     * @param connection which connection of this page it came on, from 1
     */
    public record Invoked(String id, String method, JsonNode args, boolean ran, long at, int connection) { }

    /** One invocation this frame's CRM ran. */
    public record Executed(String id, String method, JsonNode args) { }

    public final String crm;
    public final String role;
    private final String token;
    private final Options options;
    private volatile String node;
    private volatile WebSocket socket;
    private final Object lock = new Object();
    /** Every frame received, over every connection, in arrival order; guarded by {@link #lock}. */
    private final List<JsonNode> received = new ArrayList<>();
    private final List<Invoked> invoked = new CopyOnWriteArrayList<>();
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final List<JsonNode> ui = new CopyOnWriteArrayList<>();
    /** The page's memory of results, by invocation id: it survives reconnects. */
    private final Map<String, String> answered = new LinkedHashMap<>();
    /** Handles received frames one at a time, in arrival order, as a page's event loop would; also times answers. */
    private final ScheduledExecutorService inbox;
    private volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile int connection;
    /** Answers the CRM has not sent yet (it takes {@link Options#answerDelay} to). */
    private final AtomicInteger unsent = new AtomicInteger();

    private CrmFrame(String crm, String role, String token, Options options) {
        this.crm = crm;
        this.role = role;
        this.token = token;
        this.options = options;
        this.inbox = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crm-frame-" + crm + "-" + role);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects to {@code bridge}, says hello with {@code token} and waits for the welcome. */
    public static CrmFrame open(URI bridge, String token, String crm, String role, Options options) {
        CrmFrame frame = new CrmFrame(crm, role, token, options);
        frame.connect(bridge.getAuthority(), bridge);
        return frame;
    }

    /** Like {@link #open(URI, String, String, String, Options)}, with {@link Options#plain}. */
    public static CrmFrame open(URI bridge, String token, String crm, String role, Set<String> unanswered) {
        return open(bridge, token, crm, role, Options.plain(unanswered));
    }

    /** A frame on {@code node} that behaves {@link Options#asTheCrm as the CRM's page does}. */
    public static CrmFrame open(ClusterNodes.Node node, String crm, String role, String token) {
        CrmFrame frame = new CrmFrame(crm, role, token, Options.asTheCrm());
        frame.connect(node.name(), node.bridgeUri());
        return frame;
    }

    /**
     * The same page connects again, to {@code bridge} (another node, say, after its node died), with the same token
     * and its memory of results: what it ran before is answered from memory if asked again.
     */
    public void reconnect(URI bridge) {
        WebSocket old = socket;
        old.abort();
        connect(bridge.getAuthority(), bridge);
    }

    private void connect(String nodeName, URI bridge) {
        this.node = nodeName;
        this.connection++;
        CompletableFuture<Integer> closing = new CompletableFuture<>();
        this.closed = closing;
        int before = receivedCount();
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(bridge, new Listener(closing, connection)).join();
        send(JSON.createObjectNode().put("type", "hello").put("v", 1).put("token", token).put("crm", crm)
                .put("role", role));
        await(f -> f.path("type").asString().equals("welcome"), "welcome", WAIT, before);
        if (crm.equals("hubspot") && options.hubSpotReady()) {
            crmEvent("READY", JSON.createObjectNode().put("hostUrl", "https://app.hubspot.com")
                    .put("portalId", 22104933L).put("userId", 7812034L).put("ownerId", 53728419L)
                    .put("iframeLocation", role).put("usesCallingWindow", role.equals("window")));
        }
    }

    public void send(JsonNode frame) {
        String text = frame.toString();
        WebSocket s = socket;
        try {
            synchronized (s) {
                s.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError(this + " could not send " + text, e);
        }
    }

    public void crmEvent(String name, JsonNode data) {
        send(JSON.createObjectNode().put("type", "crmEvent").put("name", name).set("data", data));
    }

    /** Sends a softphone action without waiting for its ack; returns its id. */
    public String sendAction(String action, JsonNode args) {
        String id = "a-" + ACTIONS.incrementAndGet();
        send(JSON.createObjectNode().put("type", "uiAction").put("id", id).put("action", action).set("args", args));
        return id;
    }

    /** Sends a softphone action and returns its ack. */
    public JsonNode act(String action, JsonNode args) {
        String id = sendAction(action, args);
        return await(f -> "ack".equals(f.path("type").asString()) && id.equals(f.path("id").asString()),
                "ack of " + action);
    }

    /** Sends a softphone action and returns its ack. */
    public JsonNode action(String action, Map<String, Object> args) {
        return act(action, JSON.valueToTree(args));
    }

    /** Like {@link #action} and checks that core accepted it. */
    public JsonNode accepted(String action, Map<String, Object> args) {
        JsonNode ack = action(action, args);
        if (!ack.path("ok").asBoolean() || !ack.path("result").asString().equals("accepted")) {
            throw new AssertionError(action + " " + args + " was not accepted: " + ack);
        }
        return ack;
    }

    /** Like {@link #action} and checks that core took it (accepted, or ignored as already so). */
    public JsonNode ok(String action, Map<String, Object> args) {
        JsonNode ack = action(action, args);
        if (!ack.path("ok").asBoolean()) {
            throw new AssertionError(action + " " + args + " was refused: " + ack);
        }
        return ack;
    }

    /** How many frames this page received so far, over every connection (a mark for {@link #await} from it). */
    public int receivedCount() {
        synchronized (lock) {
            return received.size();
        }
    }

    /** The first received frame (earlier ones included) that matches, waiting for it. */
    public JsonNode await(Predicate<JsonNode> wanted, String what) {
        return await(wanted, what, WAIT);
    }

    public JsonNode await(Predicate<JsonNode> wanted, String what, Duration timeout) {
        return await(wanted, what, timeout, 0);
    }

    /** The first frame received from the {@code from}th on that matches, waiting for it. */
    public JsonNode await(Predicate<JsonNode> wanted, String what, Duration timeout, int from) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int next = from;
            while (true) {
                for (; next < received.size(); next++) {
                    if (wanted.test(received.get(next))) {
                        return received.get(next);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(this + ": no " + what + " within " + timeout + "; received " + tail());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a {@code ui} snapshot whose state matches; returns the state. */
    public JsonNode awaitUi(Predicate<JsonNode> state, String what) {
        return awaitUi(state, what, WAIT, 0);
    }

    /** Waits for a {@code ui} snapshot, from the {@code from}th frame received on, whose state matches. */
    public JsonNode awaitUi(Predicate<JsonNode> state, String what, Duration timeout, int from) {
        return await(f -> f.path("type").asString().equals("ui") && state.test(f.path("state")), what, timeout, from)
                .path("state");
    }

    /** Waits for an invocation of {@code method}. */
    public Invoked awaitInvoked(String method) {
        return awaitInvoked(method, null, WAIT);
    }

    /**
     * Waits for an invocation of {@code method} about {@code callId} (whose id, the side effect's idempotency key,
     * names the call).
     */
    public Invoked awaitInvoked(String method, @Nullable String callId, Duration timeout) {
        JsonNode f = await(x -> x.path("type").asString().equals("invoke") && x.path("method").asString()
                .equals(method) && (callId == null || x.path("id").asString().contains(callId)),
                method + " invocation" + (callId == null ? "" : " for " + callId), timeout);
        String id = f.path("id").asString();
        // Recorded on the inbox thread right after the frame itself: wait for that too.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Invoked i : invoked) {
                if (i.id().equals(id)) {
                    return i;
                }
            }
            sleep(5);
        }
        throw new AssertionError(this + ": invocation " + id + " received but never handled");
    }

    /** The invocations of {@code method} about {@code callId} this page's CRM ran. */
    public long ran(String method, String callId) {
        return executed.stream().filter(e -> e.method().equals(method) && e.id().contains(callId)).count();
    }

    /** Every invocation this page received, repeats included, in order. */
    public List<Invoked> invoked() {
        return List.copyOf(invoked);
    }

    /** Every invocation this page's CRM ran, in order. */
    public List<Executed> executed() {
        return List.copyOf(executed);
    }

    public List<Executed> executed(String method) {
        return executed.stream().filter(e -> e.method().equals(method)).toList();
    }

    /** Every {@code ui} state this page was sent, in order. */
    public List<JsonNode> uiStates() {
        return List.copyOf(ui);
    }

    /** The states of {@code callId} in the {@code ui} snapshots this page was sent, repeats folded. */
    public List<String> callStates(String callId) {
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
    public List<Long> uiSeqs() {
        return received().stream().filter(f -> "ui".equals(f.path("type").asString()))
                .map(f -> f.path("seq").asLong()).toList();
    }

    public List<JsonNode> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits until the CRM has sent every answer (and HubSpot event) it owes for what it ran: a page closed before
     * that leaves its node without the result, and a new page (which remembers nothing) is asked again.
     */
    public void awaitAnswersSent() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (unsent.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(this + ": " + unsent.get() + " answers still unsent after " + WAIT);
            }
            sleep(5);
        }
    }

    /** Whether the current connection is open. */
    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        WebSocket s = socket;
        try {
            if (s != null && !s.isOutputClosed()) {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The server may be gone already (killed): nothing to close then.
        } finally {
            if (s != null) {
                s.abort();
            }
            inbox.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return crm + " " + role + " on " + node;
    }

    private String tail() {
        List<String> texts = new ArrayList<>();
        for (JsonNode f : received) {
            String t = f.toString();
            texts.add(t.length() > 300 ? t.substring(0, 300) + "…" : t);
        }
        return texts.subList(Math.max(0, texts.size() - 8), texts.size()).toString();
    }

    private void onFrame(WebSocket from, int number, JsonNode frame) {
        synchronized (lock) {
            received.add(frame);
            lock.notifyAll();
        }
        switch (frame.path("type").asString()) {
            case "ui" -> ui.add(frame.path("state"));
            case "invoke" -> run(from, number, frame.path("id").asString(), frame.path("method").asString(),
                    frame.path("args"));
            default -> { }
        }
    }

    /** Runs an invocation as the CRM would, once per id, and answers on the connection it came on. */
    private void run(WebSocket from, int number, String id, String method, JsonNode args) {
        if (options.unanswered().contains(method)) {
            invoked.add(new Invoked(id, method, args, false, System.nanoTime(), number));
            return;
        }
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
        invoked.add(new Invoked(id, method, args, first, System.nanoTime(), number));
        String result = JSON.createObjectNode().put("type", "result").put("id", id).put("ok", true)
                .set("value", JSON.readTree(value)).toString();
        unsent.incrementAndGet();
        Runnable reply = () -> {
            try {
                if (from != socket) {
                    return; // that connection is gone; the node asks again on the new one if it still wants it
                }
                try {
                    synchronized (from) {
                        from.sendText(result, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (Exception e) {
                    return; // the node died meanwhile
                }
                if (first && crm.equals("hubspot") && options.hubSpotReactions()) {
                    react(method, args);
                }
            } finally {
                unsent.decrementAndGet();
            }
        };
        Duration delay = first ? options.answerDelay().apply(method) : Duration.ZERO;
        if (delay.isZero()) {
            reply.run();
        } else {
            inbox.schedule(reply, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void react(String method, JsonNode args) {
        try {
            if (method.equals("OUTGOING_CALL_STARTED") && args.path("createEngagement").asBoolean(false)) {
                crmEvent("CREATE_ENGAGEMENT_SUCCEEDED",
                        JSON.createObjectNode().put("engagementId", ENGAGEMENTS.incrementAndGet()));
            } else if (method.equals("CALL_COMPLETED") && args.has("engagementId")) {
                crmEvent("UPDATE_ENGAGEMENT_SUCCEEDED",
                        JSON.createObjectNode().put("engagementId", args.path("engagementId").asLong()));
            }
        } catch (AssertionError e) {
            // The node died before the event left: HubSpot's event is lost with the connection, as in a browser.
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
        private final CompletableFuture<Integer> closing;
        private final int number;

        Listener(CompletableFuture<Integer> closing, int number) {
            this.closing = closing;
            this.number = number;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                // Handled off the listener thread: answering from inside onText could wait on this very socket.
                inbox.execute(() -> onFrame(webSocket, number, frame));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closing.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closing.complete(-1);
        }
    }
}
