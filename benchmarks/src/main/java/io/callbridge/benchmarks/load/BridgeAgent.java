package io.callbridge.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HubSpot bridge as the generator plays it: authenticates with its agent token, answers READY's INITIALIZED, logs
 * in, and on {@link #dial} runs a whole call: dial → (phone system: Dialing, Ringing, Answered, Ended) → wrapUp, until
 * the adapter's CALL_COMPLETED invocation — the call log — arrives. It answers every invocation with a successful
 * result and, after OUTGOING_CALL_STARTED, reports the engagement HubSpot would have created.
 *
 * <p>Jetty delivers one session's frames one at a time; {@link #dial} comes from the driver thread, so state that both
 * touch is volatile and sends are serialised on the agent.
 */
public final class BridgeAgent implements Session.Listener.AutoDemanding {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong ENGAGEMENTS = new AtomicLong(1_000_000);

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
    private final String number;
    private final FlowStats stats;
    private final Events events;
    private volatile @Nullable Session session;
    private volatile boolean loggedIn;
    private volatile boolean inCall;
    private volatile boolean measuredCall;
    private volatile long dialSentNanos;
    private volatile long wrapUpSentNanos;
    private volatile @Nullable String callId;
    private long actions;

    public BridgeAgent(String token, String number, FlowStats stats, Events events) {
        this.token = token;
        this.number = number;
        this.stats = stats;
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        send("{\"type\":\"hello\",\"v\":1,\"token\":\"" + token + "\",\"crm\":\"hubspot\",\"role\":\"widget\"}");
    }

    @Override
    public void onWebSocketText(String text) {
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
            case "welcome" -> send("{\"type\":\"crmEvent\",\"name\":\"READY\",\"data\":{\"iframeLocation\":\"widget\","
                    + "\"portalId\":22104933,\"ownerId\":53728419}}");
            case "invoke" -> onInvoke(frame);
            case "ack" -> onAck(frame);
            case "error" -> stats.error("error frame " + frame.path("code").asString(""));
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
        send("{\"type\":\"uiAction\",\"id\":\"d-" + nextAction() + "\",\"action\":\"dial\",\"args\":{\"number\":\""
                + number + "\"}}");
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

    private void onInvoke(JsonNode frame) {
        long receivedMicros = Clocks.epochMicros();
        long receivedNanos = System.nanoTime();
        String id = frame.path("id").asString("");
        String method = frame.path("method").asString("");
        send("{\"type\":\"result\",\"id\":\"" + id + "\",\"ok\":true,\"value\":null}");
        String call = frame.path("args").path("externalCallId").asString("");
        switch (method) {
            case "INITIALIZED" -> {
                if (!loggedIn) {
                    send("{\"type\":\"uiAction\",\"id\":\"login-" + nextAction() + "\",\"action\":\"login\"}");
                }
            }
            case "OUTGOING_CALL_STARTED" -> {
                callId = call;
                measured(call, "DIALING", receivedMicros);
                send("{\"type\":\"crmEvent\",\"name\":\"CREATE_ENGAGEMENT_SUCCEEDED\",\"data\":{\"engagementId\":"
                        + ENGAGEMENTS.incrementAndGet() + "}}");
            }
            case "CALL_ANSWERED" -> measured(call, "ANSWERED", receivedMicros);
            case "CALL_ENDED" -> {
                measured(call, "ENDED", receivedMicros);
                wrapUpSentNanos = System.nanoTime();
                send("{\"type\":\"uiAction\",\"id\":\"w-" + nextAction() + "\",\"action\":\"wrapUp\",\"args\":{"
                        + "\"callId\":\"" + call + "\",\"disposition\":\"connected\",\"notes\":\"Load test call\"}}");
            }
            case "CALL_COMPLETED" -> {
                stats.allCallsLogged.increment();
                if (measuredCall) {
                    stats.wrapUpToLog.record((receivedNanos - wrapUpSentNanos) / 1_000);
                    stats.callsLogged.increment();
                }
                inCall = false;
                events.idle(this);
            }
            default -> {
                // LOGGED_IN, USER_AVAILABLE and the like: answered above, nothing else to do.
            }
        }
    }

    private void onAck(JsonNode frame) {
        String id = frame.path("id").asString("");
        boolean ok = frame.path("ok").asBoolean(false);
        if (id.startsWith("login-")) {
            if (ok) {
                loggedIn = true;
                events.ready(this);
            } else {
                events.lost(this, "login refused: " + frame.path("error").path("code").asString(""));
            }
        } else if (id.startsWith("d-")) {
            if (measuredCall) {
                stats.dialAck.record((System.nanoTime() - dialSentNanos) / 1_000);
            }
            if (!ok) {
                stats.error("dial refused " + frame.path("error").path("code").asString(""));
                inCall = false;
                events.idle(this);
            }
        } else if (!ok) {
            stats.error("action refused " + frame.path("error").path("code").asString(""));
        }
    }

    private void measured(String call, String kind, long receivedMicros) {
        if (measuredCall && !call.isEmpty()) {
            stats.invocationReceived(call, kind, receivedMicros);
        }
    }

    private synchronized long nextAction() {
        return ++actions;
    }

    private synchronized void send(String text) {
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
