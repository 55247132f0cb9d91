package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.Map;

/** A Task the softphone logged in the Salesforce host ({@code saveLog}); each check fails with the host's log. */
public final class SalesforceTask {
    private final Browser browser;
    private final Map<String, Object> task;

    SalesforceTask(Browser browser, Map<String, Object> task) {
        this.browser = browser;
        this.task = task;
    }

    /** The Task's id, as the host assigned it. */
    public String id() {
        return String.valueOf(task.get("Id"));
    }

    /** Its fields as last saved: {@code CallObject}, {@code CallType}, {@code CallDisposition}, {@code WhoId}, ... */
    public Map<String, Object> fields() {
        return Json.map(task, "fields");
    }

    /** How often the softphone updated the Task after creating it. */
    public int updates() {
        Object n = task.get("updates");
        return n instanceof Number number ? number.intValue() : 0;
    }

    public SalesforceTask hasCallObject(String callId) {
        return hasField("CallObject", callId);
    }

    /** {@code Inbound}, {@code Outbound} or {@code Internal}. */
    public SalesforceTask hasCallType(String callType) {
        return hasField("CallType", callType);
    }

    /** {@code CallDisposition}: the org's call result the softphone's outcome maps to. */
    public SalesforceTask hasDisposition(String disposition) {
        return hasField("CallDisposition", disposition);
    }

    /** {@code WhoId}: the Contact or Lead the call was with. */
    public SalesforceTask hasWhoId(String recordId) {
        return hasField("WhoId", recordId);
    }

    /** {@code Description} (the notes) contains {@code text}. */
    public SalesforceTask hasDescriptionContaining(String text) {
        Object description = fields().get("Description");
        if (description == null || !String.valueOf(description).contains(text)) {
            throw browser.failure("the Task's Description " + (description == null ? "is missing" : "is '"
                    + description + "'") + ", expected it to contain '" + text + "'; the Task " + fields(), null);
        }
        return this;
    }

    /** Field {@code name} is {@code value} (numbers by value, everything else as a string). */
    public SalesforceTask hasField(String name, Object value) {
        Object actual = fields().get(name);
        if (!Json.same(actual, value)) {
            throw browser.failure("the Task's " + name + " is " + actual + ", expected " + value + "; the Task "
                    + fields(), null);
        }
        return this;
    }
}
