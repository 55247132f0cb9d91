package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce host simulator page (Lightning with the Open CTI softphone utility), open for one agent who is logged
 * in and available, with click-to-dial enabled. Its records (Contacts, Leads, an Account) have the numbers the page
 * lists; {@link #clickToDial(String)} finds one by number.
 */
public final class SalesforceHost {
    static final String TAB = "#softphone";

    private final Browser browser;

    SalesforceHost(Browser browser) {
        this.browser = browser;
    }

    /** A click on the phone field of the record whose number is {@code phoneNumber} (digits compared). */
    public SalesforceCall clickToDial(String phoneNumber) {
        List<Object> records = Json.list(browser.js("return JSON.parse(JSON.stringify(window.__sim.records))"));
        List<String> numbers = new ArrayList<>();
        for (Object r : records) {
            String phone = Json.string(r, "Phone");
            numbers.add(phone);
            if (Json.digits(phone).equals(Json.digits(phoneNumber))) {
                return clickToDialRecord(String.valueOf(Json.string(r, "Id")));
            }
        }
        throw new AssertionError("the Salesforce host has no record with the number " + phoneNumber + "; it has "
                + numbers);
    }

    /** A click on the phone field of record {@code recordId}: Open CTI's onClickToDial to the softphone. */
    public SalesforceCall clickToDialRecord(String recordId) {
        int before = browser.messages("out", "onClickToDial").size();
        if (!Boolean.TRUE.equals(browser.js("return window.__sim.clickToDial(arguments[0])", recordId))) {
            throw browser.failure("the Salesforce host could not fire onClickToDial for " + recordId
                    + " (no such record, click-to-dial off, or no listener)", null);
        }
        browser.awaitMessage("onClickToDial sent", "out", "onClickToDial", m -> ((Number) m.get("seq")).intValue()
                > before);
        String callId = awaitCallId();
        return new SalesforceCall(browser, callId, recordId);
    }

    private String awaitCallId() {
        return browser.await("the softphone's call after click-to-dial", () -> browser.inFrame(TAB, () -> {
            Object id = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "var c = document.querySelector('.cb-call[data-call-id]');"
                            + " return c ? c.getAttribute('data-call-id') : null;");
            return id == null ? null : String.valueOf(id);
        }));
    }

    /** Every Open CTI message the host logged, oldest first: {@code seq, at, dir, type (the method), callId, data}. */
    public List<Map<String, Object>> log() {
        return browser.hostLog();
    }

    /** The messages of {@code type} (an Open CTI method) in direction {@code dir} ({@code in}: softphone to host). */
    public List<Map<String, Object>> messages(String dir, String type) {
        return browser.messages(dir, type);
    }

    /** The host's state: {@code tasks}, {@code completedWork}, {@code screenPops}, {@code searches}, ... */
    public Map<String, Object> state() {
        return browser.hostState();
    }

    /** The log as text, for one's own failure messages. */
    public String logText() {
        return browser.hostLogText();
    }
}
