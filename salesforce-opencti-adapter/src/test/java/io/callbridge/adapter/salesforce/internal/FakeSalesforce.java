package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's Salesforce tabs as the adapter sees them through the transport: records every Open CTI call each frame
 * receives and answers it as Salesforce would (a new Task id for {@code saveLog}, the configured matches for
 * {@code searchAndScreenPop}). It can make a call fail, time out or hang on the frame it lands on, and drop a frame;
 * like the transport, it moves an {@code AnyFrame} invocation that times out or loses its frame to the next live frame
 * under the same id.
 */
final class FakeSalesforce implements BridgeChannel {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One delivery of an invocation to a frame, and what became of it there. */
    record Sent(String id, String method, JsonNode args, String sessionId, String result) {
        @Override
        public String toString() {
            return method + "@" + sessionId + "[" + id + "] " + args + " → " + result;
        }
    }

    private enum Behaviour { OK, ERROR, TIMEOUT, HANG }

    private record Scripted(Behaviour behaviour, String code, String description) { }

    private record Hung(Invocation invocation, CompletableFuture<InvocationResult> future, Set<String> tried,
            String sessionId) { }

    /** Live frames, most recently active first. */
    private final List<FrameInfo> frames = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripts = new HashMap<>();
    private final Map<String, String> matches = new HashMap<>();
    private final Map<String, String> ui = new LinkedHashMap<>();
    private final List<Hung> hung = new ArrayList<>();
    private int tasks;

    // ---------------------------------------------------------------- scripting

    void addFrame(FrameInfo frame) {
        frames.add(0, frame);
    }

    /** The frame closes: invocations hanging on it move on, as the transport moves them. */
    void removeFrame(String sessionId) {
        frames.removeIf(f -> f.sessionId().equals(sessionId));
        for (Hung h : List.copyOf(hung)) {
            if (h.sessionId().equals(sessionId)) {
                hung.remove(h);
                dispatch(h.invocation(), h.future(), h.tried());
            }
        }
    }

    /** The next {@code method} call answers {@code success: false} with {@code code}. */
    FakeSalesforce failNext(String method, String code) {
        return failNext(method, code, "scripted");
    }

    /** The next {@code method} call answers {@code success: false} with {@code code} and {@code description}. */
    FakeSalesforce failNext(String method, String code, String description) {
        script(method, new Scripted(Behaviour.ERROR, code, description));
        return this;
    }

    /** The next {@code method} call gets no answer in time on the frame it lands on. */
    FakeSalesforce timeOutNext(String method) {
        script(method, new Scripted(Behaviour.TIMEOUT, "", ""));
        return this;
    }

    /** The next {@code method} call gets no answer until its frame goes away. */
    FakeSalesforce hangNext(String method) {
        script(method, new Scripted(Behaviour.HANG, "", ""));
        return this;
    }

    /** What {@code searchAndScreenPop} for {@code searchString} finds: a JSON object of records keyed by id. */
    FakeSalesforce searchFinds(String searchString, String recordsJson) {
        matches.put(searchString, recordsJson);
        return this;
    }

    private void script(String method, Scripted s) {
        synchronized (scripts) {
            scripts.computeIfAbsent(method, m -> new ArrayDeque<>()).add(s);
        }
    }

    // ---------------------------------------------------------------- inspection

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Deliveries of {@code method}. */
    List<Sent> sent(String method) {
        return sent.stream().filter(s -> s.method().equals(method)).toList();
    }

    /** Deliveries to one frame. */
    List<Sent> sentTo(String sessionId) {
        return sent.stream().filter(s -> s.sessionId().equals(sessionId)).toList();
    }

    /**
     * The calls that act on Salesforce data or pages, i.e. everything but a frame's set-up and status display
     * (initialisation, listeners, click-to-dial switch, utility-bar label and icon).
     */
    List<Sent> sideEffects() {
        Set<String> setUp = Set.of("notifyInitializationComplete", "onClickToDial", "onNavigationChange",
                "hvs.onWorkStart", "enableClickToDial", "disableClickToDial", "setSoftphoneItemLabel",
                "setSoftphoneItemIcon");
        return sent.stream().filter(s -> !setUp.contains(s.method())).toList();
    }

    List<String> sideEffectMethods() {
        return sideEffects().stream().map(Sent::method).toList();
    }

    synchronized Map<String, String> ui() {
        return Map.copyOf(ui);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    // ---------------------------------------------------------------- BridgeChannel

    @Override
    public CompletionStage<InvocationResult> invoke(Invocation invocation) {
        CompletableFuture<InvocationResult> future = new CompletableFuture<>();
        dispatch(invocation, future, new HashSet<>());
        return future;
    }

    @Override
    public synchronized void publishUi(String topic, String stateJson) {
        ui.put(topic, stateJson);
    }

    @Override
    public List<FrameInfo> frames() {
        return List.copyOf(frames);
    }

    private void dispatch(Invocation invocation, CompletableFuture<InvocationResult> future, Set<String> tried) {
        for (FrameInfo frame : candidates(invocation.target())) {
            if (!tried.add(frame.sessionId())) {
                continue;
            }
            Scripted s = nextScript(invocation.method());
            JsonNode args = JSON.readTree(invocation.argsJson());
            switch (s.behaviour()) {
                case TIMEOUT -> {
                    sent.add(new Sent(invocation.id(), invocation.method(), args, frame.sessionId(), "timeout"));
                    if (invocation.target() instanceof Invocation.Target.AnyFrame) {
                        continue;
                    }
                    future.complete(new InvocationResult.Failure(InvocationResult.Kind.TIMEOUT, "no answer", null,
                            null));
                    return;
                }
                case HANG -> {
                    sent.add(new Sent(invocation.id(), invocation.method(), args, frame.sessionId(), "hung"));
                    synchronized (this) {
                        hung.add(new Hung(invocation, future, tried, frame.sessionId()));
                    }
                    return;
                }
                case ERROR -> {
                    sent.add(new Sent(invocation.id(), invocation.method(), args, frame.sessionId(),
                            "error " + s.code()));
                    ObjectNode failed = JSON.createObjectNode().put("success", false).putNull("returnValue");
                    failed.putArray("errors").addObject().put("code", s.code()).put("description", s.description());
                    future.complete(new InvocationResult.Success(failed.toString(), frame.sessionId()));
                    return;
                }
                case OK -> {
                    sent.add(new Sent(invocation.id(), invocation.method(), args, frame.sessionId(), "ok"));
                    future.complete(new InvocationResult.Success(answer(invocation.method(), args),
                            frame.sessionId()));
                    return;
                }
            }
        }
        boolean anyTried = !tried.isEmpty();
        future.complete(new InvocationResult.Failure(anyTried ? InvocationResult.Kind.TIMEOUT
                : InvocationResult.Kind.NO_FRAME, anyTried ? "no frame answered" : "no live frame", null, null));
    }

    private List<FrameInfo> candidates(Invocation.Target target) {
        List<FrameInfo> live = List.copyOf(frames);
        if (target instanceof Invocation.Target.Frame f) {
            return live.stream().filter(x -> x.sessionId().equals(f.sessionId())).toList();
        }
        String preferred = ((Invocation.Target.AnyFrame) target).preferredSessionId();
        List<FrameInfo> ordered = new ArrayList<>();
        live.stream().filter(x -> x.sessionId().equals(preferred)).forEach(ordered::add);
        live.stream().filter(x -> !x.sessionId().equals(preferred)).forEach(ordered::add);
        return ordered;
    }

    private Scripted nextScript(String method) {
        synchronized (scripts) {
            Deque<Scripted> q = scripts.get(method);
            Scripted s = q == null ? null : q.poll();
            return s != null ? s : new Scripted(Behaviour.OK, "", "");
        }
    }

    private synchronized String answer(String method, JsonNode args) {
        ObjectNode result = JSON.createObjectNode();
        result.put("success", true);
        result.putNull("errors");
        if (method.equals("saveLog")) {
            result.putObject("returnValue").put("recordId", String.format("00T000000000%03dAAA", ++tasks));
        } else if (method.equals("searchAndScreenPop")) {
            String found = matches.getOrDefault(args.get("searchParams").stringValue(), "{}");
            ObjectNode value = (ObjectNode) json(found);
            if (args.has("deferred") && args.get("deferred").booleanValue()) {
                value.put("SCREEN_POP_DATA", "opaque");
            }
            result.set("returnValue", value);
        } else {
            result.putNull("returnValue");
        }
        return result.toString();
    }

    /** Lets the fake tell the adapter about frames it drops. */
    void dropFrame(AgentBridge bridge, FrameInfo frame) {
        removeFrame(frame.sessionId());
        bridge.frameLeft(frame);
    }
}
