package io.callbridge.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A HubSpot widget: answers READY's INITIALIZED, logs in, and per call: {@code uiAction dial} → (phone system: Dialing,
 * Ringing, Answered, Ended) → {@code uiAction wrapUp}, until the adapter's CALL_COMPLETED invocation — the call log —
 * arrives. It answers every invocation with a successful result and, after OUTGOING_CALL_STARTED, reports the
 * engagement HubSpot would have created. Phone events measured: Dialing → OUTGOING_CALL_STARTED, Answered →
 * CALL_ANSWERED, Ended → CALL_ENDED.
 */
public final class HubSpotAgent extends BridgeAgent {
    static final String NUMBER = "+16175550142";
    private static final AtomicLong ENGAGEMENTS = new AtomicLong(1_000_000);
    private volatile boolean loggedIn;

    HubSpotAgent(String token, FlowStats stats, Events events) {
        super(token, stats, events);
    }

    @Override
    public String crm() {
        return "hubspot";
    }

    @Override
    String role() {
        return "widget";
    }

    @Override
    void onWelcome() {
        send("{\"type\":\"crmEvent\",\"name\":\"READY\",\"data\":{\"iframeLocation\":\"widget\","
                + "\"portalId\":22104933,\"ownerId\":53728419}}");
    }

    @Override
    void sendDial() {
        send("{\"type\":\"uiAction\",\"id\":\"d-" + nextAction() + "\",\"action\":\"dial\",\"args\":{\"number\":\""
                + NUMBER + "\"}}");
    }

    @Override
    void loggedIn() {
        loggedIn = true;
        super.loggedIn();
    }

    @Override
    void onInvoke(JsonNode frame, long receivedMicros, long receivedNanos) {
        String id = frame.path("id").asString("");
        String method = frame.path("method").asString("");
        send("{\"type\":\"result\",\"id\":\"" + id + "\",\"ok\":true,\"value\":null}");
        String call = frame.path("args").path("externalCallId").asString("");
        switch (method) {
            case "INITIALIZED" -> {
                if (!loggedIn) {
                    sendLogin();
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
                sendWrapUp(call);
            }
            case "CALL_COMPLETED" -> logged(receivedNanos);
            default -> {
                // LOGGED_IN, USER_AVAILABLE and the like: answered above, nothing else to do.
            }
        }
    }
}
