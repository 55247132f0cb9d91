package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One call the softphone placed from a Salesforce click-to-dial. */
public final class SalesforceCall {
    private final Browser browser;
    private final String callId;
    private final String recordId;

    SalesforceCall(Browser browser, String callId, String recordId) {
        this.browser = browser;
        this.callId = callId;
        this.recordId = recordId;
    }

    /** The softphone's id of the call: the Task's {@code CallObject}. */
    public String callId() {
        return callId;
    }

    /** The record that was clicked. */
    public String recordId() {
        return recordId;
    }

    /** Waits until the softphone shows the call connected. */
    public SalesforceCall awaitConnected() {
        browser.awaitCallState(SalesforceHost.TAB, "CONNECTED");
        return this;
    }

    /** Waits until the softphone shows the call ended. */
    public SalesforceCall awaitEnded() {
        browser.awaitCallState(SalesforceHost.TAB, "ENDED");
        return this;
    }

    /** The agent hangs up in the softphone. */
    public SalesforceCall hangUp() {
        browser.callControl(SalesforceHost.TAB, "hangup");
        return this;
    }

    /** The agent saves the wrap-up form: {@code outcome} is the softphone's disposition (e.g. {@code connected}). */
    public SalesforceCall wrapUp(String outcome, String notes) {
        browser.wrapUp(SalesforceHost.TAB, outcome, notes);
        return this;
    }

    /**
     * Waits until the softphone logged the call with {@code saveLog} (a Task whose {@code CallObject} is this call)
     * and the host holds that Task; fails if the host holds more than one Task for the call.
     */
    public SalesforceTask expectTask() {
        browser.awaitMessage("saveLog of a Task with CallObject " + callId, "in", "saveLog",
                m -> callId.equals(Json.string(m, "data", "object", "CallObject")));
        List<Map<String, Object>> tasks = browser.await("the host to hold the Task of " + callId, () -> {
            List<Map<String, Object>> mine = new ArrayList<>();
            for (Object t : Json.list(browser.hostState(), "tasks")) {
                if (callId.equals(Json.string(t, "fields", "CallObject"))) {
                    mine.add(Json.map(t));
                }
            }
            return mine.isEmpty() ? null : mine;
        });
        if (tasks.size() != 1) {
            throw browser.failure("the host holds " + tasks.size() + " Tasks with CallObject " + callId + ", not one",
                    null);
        }
        return new SalesforceTask(browser, tasks.get(0));
    }
}
