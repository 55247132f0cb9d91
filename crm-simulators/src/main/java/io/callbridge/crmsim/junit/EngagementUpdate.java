package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.Map;

/** What the app sent HubSpot to complete a call ({@code CALL_COMPLETED}); each check fails with the host's log. */
public final class EngagementUpdate {
    private final Browser browser;
    private final Map<String, Object> data;

    EngagementUpdate(Browser browser, Map<String, Object> data) {
        this.browser = browser;
        this.data = data;
    }

    /** The message's {@code data}: {@code externalCallId}, {@code engagementId}, {@code engagementProperties}. */
    public Map<String, Object> data() {
        return data;
    }

    /** {@code engagementProperties}: {@code hs_call_status}, {@code hs_call_disposition}, {@code hs_call_body}, ... */
    public Map<String, Object> properties() {
        return Json.map(data, "engagementProperties");
    }

    /** {@code hs_call_status}, e.g. {@code COMPLETED}, {@code BUSY}, {@code NO_ANSWER}. */
    public EngagementUpdate hasStatus(String status) {
        return hasProperty("hs_call_status", status);
    }

    /** {@code hs_call_disposition}: the portal's call outcome id the softphone's outcome maps to. */
    public EngagementUpdate hasDisposition(String outcomeId) {
        return hasProperty("hs_call_disposition", outcomeId);
    }

    /** {@code hs_call_direction}: {@code OUTBOUND} or {@code INBOUND}. */
    public EngagementUpdate hasDirection(String direction) {
        return hasProperty("hs_call_direction", direction);
    }

    /** {@code hs_call_body} (the notes) contains {@code text}. */
    public EngagementUpdate hasNotesContaining(String text) {
        Object body = properties().get("hs_call_body");
        if (body == null || !String.valueOf(body).contains(text)) {
            throw browser.failure("hs_call_body " + (body == null ? "is missing" : "'" + body + "'")
                    + ", expected it to contain '" + text + "'; engagementProperties " + properties(), null);
        }
        return this;
    }

    /** Engagement property {@code name} is {@code value} (numbers by value, everything else as a string). */
    public EngagementUpdate hasProperty(String name, Object value) {
        Object actual = properties().get(name);
        if (!Json.same(actual, value)) {
            throw browser.failure("engagement property " + name + " is " + actual + ", expected " + value
                    + "; engagementProperties " + properties(), null);
        }
        return this;
    }
}
