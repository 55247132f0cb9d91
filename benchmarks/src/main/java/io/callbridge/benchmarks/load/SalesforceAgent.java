package io.callbridge.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A Salesforce Lightning tab, as the shipped {@code bridge.js} behaves on the wire: answers every Open CTI invocation
 * with Salesforce's callback result ({@code {success, returnValue, errors}}), logs in and goes available, and per call
 * clicks a number ({@code crmEvent onClickToDial}), waits for the wrap-up, saves it ({@code uiAction wrapUp}) and
 * returns the new Task's id from {@code saveLog}. Every second call of an agent is Sales Engagement work: the tab first
 * reports {@code hvs.onWorkStart} for the number, and the call is logged once {@code hvs.completeWork} arrives after
 * the Task; the other calls are logged with the Task.
 *
 * <p>Measured per step (µs, under {@code salesforce.}): {@code clickToPanel} (click → the
 * setSoftphonePanelVisibility it causes), phone Ended → the utility item's "Wrap-up" label
 * ({@code phoneEventToInvoke.ENDED}; Dialing and Answered cause no invocation on Salesforce, only {@code ui}
 * snapshots), {@code wrapUpToSaveLog}, {@code saveLogToCompleteWork} (work calls) and {@code wrapUpToLog}.
 */
public final class SalesforceAgent extends BridgeAgent {
    /** As Salesforce formats a US number in a record; the adapter normalises it. */
    static final String NUMBER = "(617) 555-0142";
    static final String RECORD = "00Q000000000001AAA";
    private static final String SHOW_PANEL = ":showPanel";
    private static final String WRAP_UP_LABEL = "Wrap-up";
    private static final String OK_NULL = "{\"success\":true,\"returnValue\":null,\"errors\":null}";
    private static final AtomicLong WORK_IDS = new AtomicLong();
    private static final AtomicLong TASK_IDS = new AtomicLong();

    private volatile boolean work;
    private volatile boolean ended;
    private volatile long saveLogAnsweredNanos;
    private long calls;

    SalesforceAgent(String token, FlowStats stats, Events events) {
        super(token, stats, events);
    }

    @Override
    public String crm() {
        return "salesforce";
    }

    @Override
    String role() {
        return "tab";
    }

    @Override
    void onWelcome() {
        sendLogin();
    }

    @Override
    void loggedIn() {
        send("{\"type\":\"uiAction\",\"id\":\"presence-" + nextAction() + "\",\"action\":\"presence\","
                + "\"args\":{\"status\":\"AVAILABLE\"}}");
    }

    @Override
    void onAck(JsonNode frame) {
        String id = frame.path("id").asString("");
        if (id.startsWith("presence-")) {
            if (frame.path("ok").asBoolean(false)) {
                events.ready(this);
            } else {
                events.lost(this, "presence refused: " + frame.path("error").path("code").asString(""));
            }
            return;
        }
        super.onAck(frame);
    }

    @Override
    synchronized void sendDial() {
        ended = false;
        work = calls++ % 2 == 1;
        if (work) {
            String workId = String.format("0Q3%012dAAA", WORK_IDS.incrementAndGet());
            send("{\"type\":\"crmEvent\",\"name\":\"hvs.onWorkStart\",\"data\":{\"workId\":\"" + workId
                    + "\",\"completeWorkWhen\":\"TaskSaved\",\"attributes\":{\"to\":\"" + NUMBER + "\"}}}");
        }
        dialSentNanos = System.nanoTime();
        send("{\"type\":\"crmEvent\",\"name\":\"onClickToDial\",\"data\":{\"number\":\"" + NUMBER
                + "\",\"recordId\":\"" + RECORD + "\",\"objectType\":\"Lead\"}}");
    }

    @Override
    void onInvoke(JsonNode frame, long receivedMicros, long receivedNanos) {
        String id = frame.path("id").asString("");
        String method = frame.path("method").asString("");
        if (method.equals("saveLog")) {
            String task = String.format("00T%012dAAA", TASK_IDS.incrementAndGet());
            send("{\"type\":\"result\",\"id\":\"" + id + "\",\"ok\":true,\"value\":{\"success\":true,"
                    + "\"returnValue\":{\"recordId\":\"" + task + "\"},\"errors\":null}}");
        } else {
            send("{\"type\":\"result\",\"id\":\"" + id + "\",\"ok\":true,\"value\":" + OK_NULL + "}");
        }
        if (!inCall) {
            return; // click-to-dial, labels and refreshView between calls: answered, nothing to do
        }
        switch (method) {
            case "setSoftphonePanelVisibility" -> {
                if (callId == null && id.endsWith(SHOW_PANEL)) {
                    callId = id.substring(0, id.length() - SHOW_PANEL.length());
                    if (measuredCall) {
                        record("clickToPanel", stats.dialAck, receivedNanos - dialSentNanos);
                    }
                }
            }
            case "setSoftphoneItemLabel" -> {
                if (!ended && WRAP_UP_LABEL.equals(frame.path("args").path("label").asString(""))) {
                    ended = true;
                    String call = callId;
                    if (call == null) {
                        stats.error("salesforce wrap-up before the call's panel");
                        return;
                    }
                    measured(call, "ENDED", receivedMicros);
                    sendWrapUp(call);
                }
            }
            case "saveLog" -> {
                if (!ended) {
                    return;
                }
                if (measuredCall) {
                    record("wrapUpToSaveLog", null, receivedNanos - wrapUpSentNanos);
                }
                if (work) {
                    saveLogAnsweredNanos = System.nanoTime();
                } else {
                    logged(receivedNanos);
                }
            }
            case "hvs.completeWork" -> {
                if (ended && work) {
                    if (measuredCall) {
                        record("saveLogToCompleteWork", null, receivedNanos - saveLogAnsweredNanos);
                    }
                    logged(receivedNanos);
                }
            }
            default -> {
                // notifyInitializationComplete, listeners, icons, refreshView: answered above.
            }
        }
    }
}
