package io.callbridge.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One CRM frame's bridge as the generator plays it, over one WebSocket session: authenticates with its agent token,
 * logs in, and on {@link #dial} runs a whole call until the CRM's log of it arrives. What is the same for every CRM
 * (hello, parsing, acks, sending, the measurements) is here; {@link HubSpotAgent} and {@link SalesforceAgent} play
 * their CRM's part of the flow.
 *
 * <p>Jetty delivers one session's frames one at a time; {@link #dial} comes from the driver thread, so state that both
 * touch is volatile and sends are serialised on the agent.
 */
public abstract sealed class BridgeAgent implements Session.Listener.AutoDemanding
        permits HubSpotAgent, SalesforceAgent {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the driver hears from its agents. */
    public interface Events {
        /** Logged in and idle: ready for {@link #dial}. */
        void ready(BridgeAgent agent);

        /** The call is logged (or failed); the agent is idle again. */
        void idle(BridgeAgent agent);

        /** The session is gone or could not authenticate. */
        void lost(BridgeAgent agent, String why);
    }

    private final String token;
    protected final FlowStats stats;
    protected final Events events;
    private volatile @Nullable Session session;
    protected volatile boolean inCall;
    protected volatile boolean measuredCall;
    protected volatile long dialSentNanos;
    protected volatile long wrapUpSentNanos;
    protected volatile @Nullable String callId;
    private final AtomicLong actions = new AtomicLong();

    BridgeAgent(String token, FlowStats stats, Events events) {
        this.token = token;
        this.stats = stats;
        this.events = events;
    }

    /** A bridge of {@code crm} ({@code hubspot} or {@code salesforce}). */
    public static BridgeAgent of(String crm, String token, FlowStats stats, Events events) {
        return switch (crm) {
            case "hubspot" -> new HubSpotAgent(token, stats, events);
            case "salesforce" -> new SalesforceAgent(token, stats, events);
            default -> throw new IllegalArgumentException("no load agent for CRM " + crm);
        };
    }

    /** {@code hubspot} or {@code salesforce}: the CRM name in hello, tokens and step names. */
    public abstract String crm();

    /** The frame role in hello. */
    abstract String role();

    /** The server welcomed the frame. */
    abstract void onWelcome();

    /** An invocation arrived (already parsed); the subclass answers it. */
    abstract void onInvoke(JsonNode frame, long receivedMicros, long receivedNanos);

    /** Sends what starts a call on this CRM. */
    abstract void sendDial();

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        send("{\"type\":\"hello\",\"v\":1,\"token\":\"" + token + "\",\"crm\":\"" + crm() + "\",\"role\":\"" + role()
                + "\"}");
    }

    @Override
    public void onWebSocketText(String text) {
        long receivedMicros = Clocks.epochMicros();
        long receivedNanos = System.nanoTime();
        stats.traffic.received(text.length());
        stats.sizes.add(text.length());
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (RuntimeException e) {
            stats.error("unreadable frame");
            return;
        }
        String type = frame.path("type").asString("");
        switch (type) {
            case "welcome" -> onWelcome();
            case "invoke" -> onInvoke(frame, receivedMicros, receivedNanos);
            case "ack" -> onAck(frame);
            case "error" -> stats.error(crm() + " error frame " + frame.path("code").asString(""));
            case "ui", "pong" -> {
                // Snapshots are what the softphone draws; the flow needs nothing from them.
            }
            default -> stats.error("unexpected frame " + type);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, @Nullable String reason) {
        session = null;
        events.lost(this, statusCode + " " + reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        stats.error("websocket error " + cause.getClass().getSimpleName());
    }

    /** Starts a call; only when {@link Events#ready} or {@link Events#idle} said so. */
    public void dial() {
        inCall = true;
        callId = null;
        measuredCall = stats.measuring();
        if (measuredCall) {
            stats.callsStarted.increment();
        }
        dialSentNanos = System.nanoTime();
        sendDial();
    }

    public boolean inCall() {
        return inCall;
    }

    public void close() {
        Session s = session;
        if (s != null) {
            s.close(1000, "done", Callback.NOOP);
        }
    }

    /** Acks of login and dial are the same on every CRM; a subclass adds its own before calling this. */
    void onAck(JsonNode frame) {
        String id = frame.path("id").asString("");
        boolean ok = frame.path("ok").asBoolean(false);
        if (id.startsWith("login-")) {
            if (ok) {
                loggedIn();
            } else {
                events.lost(this, "login refused: " + frame.path("error").path("code").asString(""));
            }
        } else if (id.startsWith("d-")) {
            if (measuredCall) {
                record("dialToAck", stats.dialAck, System.nanoTime() - dialSentNanos);
            }
            if (!ok) {
                stats.error(crm() + " dial refused " + frame.path("error").path("code").asString(""));
                inCall = false;
                events.idle(this);
            }
        } else if (!ok) {
            stats.error(crm() + " action refused " + frame.path("error").path("code").asString(""));
        }
    }

    /** The login was accepted. */
    void loggedIn() {
        events.ready(this);
    }

    void sendLogin() {
        send("{\"type\":\"uiAction\",\"id\":\"login-" + nextAction() + "\",\"action\":\"login\",\"args\":{}}");
    }

    void sendWrapUp(String call) {
        wrapUpSentNanos = System.nanoTime();
        send("{\"type\":\"uiAction\",\"id\":\"w-" + nextAction() + "\",\"action\":\"wrapUp\",\"args\":{"
                + "\"callId\":\"" + call + "\",\"disposition\":\"connected\",\"notes\":\"Load test call\"}}");
    }

    /** The call is logged in the CRM: it counts, and the agent is idle again. */
    void logged(long receivedNanos) {
        stats.allCallsLogged.increment();
        if (measuredCall) {
            record("wrapUpToLog", stats.wrapUpToLog, receivedNanos - wrapUpSentNanos);
            stats.callsLogged.increment();
        }
        inCall = false;
        events.idle(this);
    }

    /** The invocation that answers phone event {@code kind} (DIALING, ANSWERED, ENDED) arrived. */
    void measured(@Nullable String call, String kind, long receivedMicros) {
        if (measuredCall && call != null && !call.isEmpty()) {
            stats.invocationReceived(crm(), call, kind, receivedMicros);
        }
    }

    /** Records a step of a measured call under this CRM's name and, if given, in the all-CRM recorder. */
    void record(String step, @Nullable LatencyRecorder all, long nanos) {
        long micros = nanos / 1_000;
        stats.step(crm() + "." + step).record(micros);
        if (all != null) {
            all.record(micros);
        }
    }

    long nextAction() {
        return actions.incrementAndGet();
    }

    synchronized void send(String text) {
        Session s = session;
        if (s == null) {
            stats.error("send without session");
            return;
        }
        stats.traffic.sent(text.length());
        stats.sizes.add(text.length());
        s.sendText(text, new Callback() {
            @Override
            public void fail(Throwable cause) {
                stats.error("send failed " + cause.getClass().getSimpleName());
            }
        });
    }
}
