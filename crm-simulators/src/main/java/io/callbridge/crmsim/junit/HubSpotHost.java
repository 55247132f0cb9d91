package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot host simulator page, open for one agent with the calling widget logged in and available. Its contacts
 * (ids 101-108) and company (201) have the numbers the host page lists; {@link #dial(String)} finds one by number.
 */
public final class HubSpotHost {
    static final String WIDGET = "#slot-widget iframe";

    private final Browser browser;

    HubSpotHost(Browser browser) {
        this.browser = browser;
    }

    /** HubSpot's Call button on contact {@code contactId}: DIAL_NUMBER to the widget; waits for the app's call. */
    public HubSpotCall dialContact(long contactId) {
        return dial("0-1", contactId);
    }

    /** The Call button on the contact (or company) whose phone number is {@code phoneNumber} (digits compared). */
    public HubSpotCall dial(String phoneNumber) {
        List<Object> contacts = Json.list(browser.js("return JSON.parse(JSON.stringify(window.__sim.contacts))"));
        for (Object c : contacts) {
            if (Json.digits(Json.string(c, "phone")).equals(Json.digits(phoneNumber))) {
                return dial("0-1", ((Number) Json.at(c, "id")).longValue());
            }
        }
        List<Object> companies = Json.list(browser.js("return JSON.parse(JSON.stringify(window.__sim.companies))"));
        for (Object c : companies) {
            if (Json.digits(Json.string(c, "phone")).equals(Json.digits(phoneNumber))) {
                return dial("0-2", ((Number) Json.at(c, "id")).longValue());
            }
        }
        List<String> numbers = new ArrayList<>();
        contacts.forEach(c -> numbers.add(Json.string(c, "phone")));
        companies.forEach(c -> numbers.add(Json.string(c, "phone")));
        throw new AssertionError("the HubSpot host has no record with the number " + phoneNumber + "; it has "
                + numbers);
    }

    private HubSpotCall dial(String objectTypeId, long id) {
        int before = browser.messages("in", "OUTGOING_CALL_STARTED").size();
        Object sent = browser.js("return window.__sim.dial(arguments[0], arguments[1], 'widget')", objectTypeId, id);
        if (sent == null) {
            throw browser.failure("the HubSpot host could not dial " + objectTypeId + " " + id
                    + " (no such record, or no widget)", null);
        }
        Map<String, Object> started = browser.await("OUTGOING_CALL_STARTED for the dial of " + objectTypeId + " "
                + id, () -> {
                    List<Map<String, Object>> all = browser.messages("in", "OUTGOING_CALL_STARTED");
                    return all.size() > before ? all.get(all.size() - 1) : null;
                });
        String callId = Json.string(started, "data", "externalCallId");
        if (callId == null) {
            throw browser.failure("OUTGOING_CALL_STARTED without an externalCallId", null);
        }
        return new HubSpotCall(browser, callId, Json.map(started, "data"));
    }

    /** Every message the host logged, oldest first: {@code seq, at, dir ("in": app to host), frame, type, data}. */
    public List<Map<String, Object>> log() {
        return browser.hostLog();
    }

    /** The messages of {@code type} in direction {@code dir} ({@code in}: app to host, {@code out}: host to app). */
    public List<Map<String, Object>> messages(String dir, String type) {
        return browser.messages(dir, type);
    }

    /** The host's state: {@code engagements} (with {@code announcements}, {@code completions}), {@code errors}, ... */
    public Map<String, Object> state() {
        return browser.hostState();
    }

    /** The log as text, for one's own failure messages. */
    public String logText() {
        return browser.hostLogText();
    }
}
