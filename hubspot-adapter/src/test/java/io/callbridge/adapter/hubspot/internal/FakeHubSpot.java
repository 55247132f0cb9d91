package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.message.HubSpotMessageCodec;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.model.AgentId;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transport and HubSpot for one agent, in memory. As a {@link BridgeChannel} it routes invocations to frames like
 * the transport does (an AnyFrame invocation whose frame leaves goes again, same id, to another live frame; NO_FRAME
 * when none is left). Behind each frame it answers like HubSpot: records the message, and reacts to a call start with
 * the engagement (and caller-id matches), to a completion with UPDATE_ENGAGEMENT_SUCCEEDED. Reactions are queued and
 * delivered one by one by the test's settle loop, as a network would.
 */
final class FakeHubSpot implements BridgeChannel {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long PORTAL = 22104933L;
    static final long OWNER = 53728419L;
    /** What a frame gets about itself and the agent; everything else is about a call or an error. */
    static final Set<String> FRAME_MESSAGES = Set.of("INITIALIZED", "RESIZE_WIDGET", "LOGGED_IN", "LOGGED_OUT",
            "USER_AVAILABLE", "USER_UNAVAILABLE");

    /** What HubSpot does when told a call started with createEngagement. */
    enum Engagements { CREATE, FAIL, NONE }

    /** One message a frame's HubSpot received. */
    record Received(String sessionId, String invocationId, String type, JsonNode data) {
        String summary() {
            return FakeHubSpot.summary(type, data);
        }
    }

    private record Held(Invocation invocation, String sessionId, CompletableFuture<InvocationResult> result) { }

    private static final class Failing {
        final InvocationResult.Kind kind;
        int times;

        Failing(InvocationResult.Kind kind, int times) {
            this.kind = kind;
            this.times = times;
        }
    }

    private final AgentId agent;
    private final Clock clock;
    private final HubSpotMessageCodec codec = new HubSpotMessageCodec();
    private @Nullable AgentBridge bridge;
    private final List<FrameInfo> frames = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final Set<String> holding = new HashSet<>();
    private final ArrayDeque<Runnable> hostEvents = new ArrayDeque<>();
    private final List<Map.Entry<String, String>> ui = new ArrayList<>();
    private final Map<String, Failing> failing = new HashMap<>();
    private final List<Received> attempts = new ArrayList<>();
    /** What each frame's page knows of HubSpot: a page outlives its sockets, so a new session inherits it. */
    private final Map<String, Page> pages = new HashMap<>();
    private int frameCount;
    private long nextEngagement = 5001;

    Engagements engagements = Engagements.CREATE;
    /** Caller-id matches HubSpot reports after INCOMING_CALL, as the callerIdMatches array; null for none sent. */
    @Nullable JsonNode callerIdMatches;

    FakeHubSpot(AgentId agent, Clock clock) {
        this.agent = agent;
        this.clock = clock;
    }

    void bind(AgentBridge bridge) {
        this.bridge = bridge;
    }

    // ---------------------------------------------------------------- the test drives frames

    String join(String role) {
        return open(new Page(role), Map.of("bridge", "callbridge-hubspot"));
    }

    /**
     * The frame's socket drops and the same page, without a reload, opens a new session, as the bridge client does
     * after a network blip or a server restart: the page completed the SDK handshake before, so no READY comes again,
     * and its hello says so (what bridge.js puts in its attributes). Returns the new session's id.
     */
    String reconnect(String sessionId) {
        Page page = page(sessionId);
        leave(sessionId);
        return rejoin(page);
    }

    /** The page's socket is gone (see {@link #leave}); the page opens a new session later with {@link #rejoin}. */
    Page drop(String sessionId) {
        Page page = page(sessionId);
        leave(sessionId);
        return page;
    }

    /** A new session of a page that completed the handshake in an earlier session: hello attributes, no READY. */
    String rejoin(Page page) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("bridge", "callbridge-hubspot");
        if (page.handshaken) {
            attributes.put("handshake", "done");
            attributes.put("iframeLocation", page.role);
            attributes.put("portalId", Long.toString(PORTAL));
            attributes.put("ownerId", Long.toString(OWNER));
        }
        if (page.initialized) {
            attributes.put("initialized", "true");
        }
        return open(page, attributes);
    }

    private String open(Page page, Map<String, String> attributes) {
        FrameInfo info = new FrameInfo("s" + (++frameCount), agent, "hubspot", page.role, clock.instant(),
                attributes);
        frames.add(0, info);
        pages.put(info.sessionId(), page);
        bridge().frameJoined(info);
        return info.sessionId();
    }

    private Page page(String sessionId) {
        return Objects.requireNonNull(pages.get(sessionId), () -> "no page behind " + sessionId);
    }

    /** One loaded softphone page: what its SDK has been through, whichever socket it currently uses. */
    static final class Page {
        final String role;
        boolean handshaken;
        boolean initialized;
        /** Call messages HubSpot got through this page before its INITIALIZED, which HubSpot would not expect. */
        final List<String> beforeInitialized = new ArrayList<>();

        Page(String role) {
            this.role = role;
        }
    }

    /** Call messages some page passed on before its INITIALIZED (empty when the adapter keeps HubSpot's order). */
    List<String> callMessagesBeforeInitialized() {
        return pages.values().stream().distinct().flatMap(p -> p.beforeInitialized.stream()).toList();
    }

    /** The SDK's READY after the handshake, with what HubSpot puts in SYNC. */
    void ready(String sessionId) {
        ready(sessionId, null);
    }

    /** READY after a SYNC that names the engagement HubSpot shows for the call in progress. */
    void ready(String sessionId, @Nullable Long engagementId) {
        ObjectNode data = JSON.createObjectNode();
        if (engagementId != null) {
            data.put("engagementId", engagementId);
        }
        data.put("hostUrl", "https://app.hubspot.com");
        data.put("portalId", PORTAL);
        data.put("userId", 7812034L);
        data.put("ownerId", OWNER);
        data.put("iframeLocation", frame(sessionId).role());
        data.put("usesCallingWindow", false);
        page(sessionId).handshaken = true;
        page(sessionId).initialized = false;
        event(sessionId, "READY", data.toString());
    }

    /** HubSpot raises {@code name} in the frame; the bridge forwards it. */
    void event(String sessionId, String name, String payloadJson) {
        FrameInfo info = frame(sessionId);
        frames.remove(info);
        frames.add(0, info);
        bridge().crmEvent(info, name, payloadJson);
    }

    /** The frame's socket closes: held invocations move on as the transport moves them, then the bridge hears. */
    void leave(String sessionId) {
        FrameInfo info = frame(sessionId);
        frames.remove(info);
        holding.remove(sessionId);
        for (Iterator<Held> it = held.iterator(); it.hasNext();) {
            Held h = it.next();
            if (!h.sessionId().equals(sessionId)) {
                continue;
            }
            it.remove();
            String other = h.invocation().target() instanceof Invocation.Target.AnyFrame && !frames.isEmpty()
                    ? frames.get(0).sessionId() : null;
            if (other == null) {
                h.result().complete(noFrame());
            } else {
                route(h.invocation(), other, h.result());
            }
        }
        bridge().frameLeft(info);
    }

    /** The frame's page stops answering (its messages stay in flight) until {@link #release}. */
    void hold(String sessionId) {
        holding.add(sessionId);
    }

    void release(String sessionId) {
        holding.remove(sessionId);
        for (Iterator<Held> it = held.iterator(); it.hasNext();) {
            Held h = it.next();
            if (h.sessionId().equals(sessionId)) {
                it.remove();
                deliver(h.invocation(), sessionId, h.result());
            }
        }
    }

    /**
     * The next {@code times} invocations of {@code type} fail with {@code kind} instead of reaching HubSpot: TIMEOUT as
     * the transport reports it once no frame answered in time, CRM_ERROR or BRIDGE_ERROR as the bridge reports an SDK
     * call that threw. HubSpot does not see them, so they are not among {@link #received()}.
     */
    void fail(String type, InvocationResult.Kind kind, int times) {
        failing.put(type, new Failing(kind, times));
    }

    /** Every invocation of {@code type} a frame was asked to run, failed ones included, in order. */
    List<Received> attempts(String type) {
        return attempts.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Delivers one queued HubSpot reaction; false when none is left. */
    boolean deliverHostEvent() {
        Runnable next = hostEvents.pollFirst();
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    // ---------------------------------------------------------------- what HubSpot saw

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every message HubSpot received, on any frame, as one-line summaries. */
    List<String> messages() {
        return received.stream().map(Received::summary).toList();
    }

    List<String> messages(String sessionId) {
        return received.stream().filter(r -> r.sessionId().equals(sessionId)).map(Received::summary).toList();
    }

    /** The data of the only message of {@code type}. */
    JsonNode data(String type) {
        List<Received> of = received.stream().filter(r -> r.type().equals(type)).toList();
        if (of.size() != 1) {
            throw new AssertionError("expected one " + type + " but HubSpot got " + of.size() + ": " + messages());
        }
        return of.get(0).data();
    }

    List<Map.Entry<String, String>> ui() {
        return List.copyOf(ui);
    }

    // ---------------------------------------------------------------- BridgeChannel

    @Override
    public CompletionStage<InvocationResult> invoke(Invocation invocation) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        String target = choose(invocation.target());
        if (target == null) {
            result.complete(noFrame());
        } else {
            route(invocation, target, result);
        }
        return result;
    }

    @Override
    public void publishUi(String topic, String stateJson) {
        ui.add(Map.entry(topic, stateJson));
    }

    @Override
    public List<FrameInfo> frames() {
        return List.copyOf(frames);
    }

    // ---------------------------------------------------------------- HubSpot's side

    private void route(Invocation invocation, String sessionId, CompletableFuture<InvocationResult> result) {
        if (holding.contains(sessionId)) {
            held.add(new Held(invocation, sessionId, result));
        } else {
            deliver(invocation, sessionId, result);
        }
    }

    private void deliver(Invocation invocation, String sessionId, CompletableFuture<InvocationResult> result) {
        // Decoding with the model proves every message the adapter sends is one HubSpot's SDK accepts.
        ToHubSpot message = codec.decodeMessage(invocation.method(), invocation.argsJson());
        JsonNode data = JSON.readTree(invocation.argsJson());
        attempts.add(new Received(sessionId, invocation.id(), message.type(), data));
        Failing failure = failing.get(message.type());
        if (failure != null && failure.times > 0) {
            failure.times--;
            boolean local = failure.kind == InvocationResult.Kind.TIMEOUT;
            result.complete(new InvocationResult.Failure(failure.kind, local ? "no frame answered within "
                    + invocation.timeout() : "SDK threw: " + message.type() + " refused", null,
                    local ? null : sessionId));
            return;
        }
        received.add(new Received(sessionId, invocation.id(), message.type(), data));
        Page page = pages.get(sessionId);
        if (page != null) {
            if (message instanceof ToHubSpot.Initialized) {
                page.initialized = true;
            } else if (!page.initialized && !FRAME_MESSAGES.contains(message.type())) {
                page.beforeInitialized.add(message.type());
            }
        }
        result.complete(new InvocationResult.Success("null", sessionId));
        react(sessionId, message, data);
    }

    private void react(String sessionId, ToHubSpot message, JsonNode data) {
        if (message instanceof ToHubSpot.IncomingCall && callerIdMatches != null) {
            ObjectNode matches = JSON.createObjectNode();
            matches.set("callerIdMatches", callerIdMatches);
            later(sessionId, "CALLER_ID_MATCH_SUCCEEDED", matches.toString());
        }
        boolean started = message instanceof ToHubSpot.OutgoingCallStarted || message instanceof ToHubSpot.IncomingCall;
        if (started && data.path("createEngagement").asBoolean(false)) {
            switch (engagements) {
                case CREATE -> later(sessionId, "CREATE_ENGAGEMENT_SUCCEEDED",
                        "{\"engagementId\":" + (nextEngagement++) + "}");
                case FAIL -> later(sessionId, "CREATE_ENGAGEMENT_FAILED",
                        "{\"error\":{\"message\":\"Contact 9001 was deleted.\"}}");
                case NONE -> { }
            }
        }
        if (message instanceof ToHubSpot.CallCompleted completed && completed.engagementId() != null) {
            later(sessionId, "UPDATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":" + completed.engagementId() + "}");
        }
        if (message instanceof ToHubSpot.FinalizeEngagement f) {
            later(sessionId, "FINALIZE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":" + f.engagementId()
                    + ",\"externalCallId\":\"" + f.externalCallId() + "\"}");
        }
    }

    private void later(String sessionId, String name, String payload) {
        hostEvents.addLast(() -> {
            if (frames.stream().anyMatch(f -> f.sessionId().equals(sessionId))) {
                event(sessionId, name, payload);
            }
        });
    }

    private @Nullable String choose(Invocation.Target target) {
        if (target instanceof Invocation.Target.Frame f) {
            return frames.stream().anyMatch(i -> i.sessionId().equals(f.sessionId())) ? f.sessionId() : null;
        }
        String preferred = ((Invocation.Target.AnyFrame) target).preferredSessionId();
        if (preferred != null && frames.stream().anyMatch(i -> i.sessionId().equals(preferred))) {
            return preferred;
        }
        return frames.isEmpty() ? null : frames.get(0).sessionId();
    }

    private FrameInfo frame(String sessionId) {
        return frames.stream().filter(f -> f.sessionId().equals(sessionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live frame " + sessionId));
    }

    private AgentBridge bridge() {
        return Objects.requireNonNull(bridge, "bind the agent bridge first");
    }

    private static InvocationResult noFrame() {
        return new InvocationResult.Failure(InvocationResult.Kind.NO_FRAME, "no live frame", null, null);
    }

    /** Type plus the fields a flow test cares about, in one line. */
    static String summary(String type, JsonNode d) {
        return switch (type) {
            case "INITIALIZED" -> type + " loggedIn=" + d.path("isLoggedIn").asBoolean() + " available="
                    + d.path("isAvailable").asBoolean();
            case "OUTGOING_CALL_STARTED" -> type + " " + d.path("externalCallId").asString() + " to="
                    + d.path("toNumber").asString() + " createEngagement=" + d.path("createEngagement").asBoolean();
            case "INCOMING_CALL" -> type + " " + d.path("externalCallId").asString() + " from="
                    + d.path("fromNumber").asString() + " createEngagement=" + d.path("createEngagement").asBoolean();
            case "CALL_ANSWERED", "CALL_TRANSFERRED" -> type + " " + d.path("externalCallId").asString();
            case "CALL_ENDED" -> type + " " + d.path("externalCallId").asString() + " engagement="
                    + (d.has("engagementId") ? d.path("engagementId").asString() : "none") + " "
                    + d.path("callEndStatus").asString();
            case "CALL_COMPLETED" -> type + " " + d.path("externalCallId").asString() + " engagement="
                    + (d.has("engagementId") ? d.path("engagementId").asString() : "none") + " status="
                    + d.path("engagementProperties").path("hs_call_status").asString();
            case "FINALIZE_ENGAGEMENT" -> type + " " + d.path("externalCallId").asString() + " engagement="
                    + d.path("engagementId").asLong();
            case "NAVIGATE_TO_RECORD" -> type + " " + d.path("objectCoordinates").path("objectTypeId").asString()
                    + "/" + d.path("objectCoordinates").path("objectId").asLong();
            case "RESIZE_WIDGET" -> type + " " + d.path("width").asInt() + "x" + d.path("height").asInt();
            case "ERROR" -> type + " " + d.path("message").asString();
            default -> type;
        };
    }
}
