package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.internal.Browser;
import java.util.Map;

/** One call the calling app announced to the HubSpot host ({@code OUTGOING_CALL_STARTED}). */
public final class HubSpotCall {
    private final Browser browser;
    private final String externalCallId;
    private final Map<String, Object> started;

    HubSpotCall(Browser browser, String externalCallId, Map<String, Object> started) {
        this.browser = browser;
        this.externalCallId = externalCallId;
        this.started = started;
    }

    /** The app's id of the call, as HubSpot stores it on the engagement. */
    public String externalCallId() {
        return externalCallId;
    }

    /** The {@code data} of the app's {@code OUTGOING_CALL_STARTED} ({@code toNumber}, {@code fromNumber}, ...). */
    public Map<String, Object> started() {
        return started;
    }

    /** Waits until the app told HubSpot the call was answered ({@code CALL_ANSWERED}). */
    public HubSpotCall awaitAnswered() {
        browser.awaitMessage("CALL_ANSWERED for " + externalCallId, "in", "CALL_ANSWERED", this::mine);
        return this;
    }

    /** Waits until the app told HubSpot the call ended ({@code CALL_ENDED}) with {@code callEndStatus}. */
    public HubSpotCall awaitEnded(String callEndStatus) {
        Map<String, Object> ended = browser.awaitMessage("CALL_ENDED for " + externalCallId, "in", "CALL_ENDED",
                this::mine);
        if (!callEndStatus.equals(Json.string(ended, "data", "callEndStatus"))) {
            throw browser.failure("the call ended " + Json.string(ended, "data", "callEndStatus") + ", not "
                    + callEndStatus, null);
        }
        return this;
    }

    /** The agent hangs up in the softphone. */
    public HubSpotCall hangUp() {
        browser.callControl(HubSpotHost.WIDGET, "hangup");
        return this;
    }

    /** The agent saves the wrap-up form: {@code outcome} is the softphone's disposition (e.g. {@code connected}). */
    public HubSpotCall wrapUp(String outcome, String notes) {
        browser.wrapUp(HubSpotHost.WIDGET, outcome, notes);
        return this;
    }

    /**
     * Waits until the app sent HubSpot {@code CALL_COMPLETED} for this call and the host confirmed the engagement
     * update ({@code UPDATE_ENGAGEMENT_SUCCEEDED}); fails if the call was completed more than once.
     */
    public EngagementUpdate expectEngagementUpdate() {
        Map<String, Object> completed = browser.awaitMessage("CALL_COMPLETED for " + externalCallId, "in",
                "CALL_COMPLETED", this::mine);
        int seq = ((Number) completed.get("seq")).intValue();
        browser.awaitMessage("UPDATE_ENGAGEMENT_SUCCEEDED after the CALL_COMPLETED of " + externalCallId, "out",
                "UPDATE_ENGAGEMENT_SUCCEEDED", m -> ((Number) m.get("seq")).intValue() > seq);
        long completions = browser.messages("in", "CALL_COMPLETED").stream().filter(this::mine).count();
        if (completions != 1) {
            throw browser.failure("HubSpot got CALL_COMPLETED for " + externalCallId + " " + completions
                    + " times, not once", null);
        }
        return new EngagementUpdate(browser, Json.map(completed, "data"));
    }

    private boolean mine(Map<String, Object> message) {
        return externalCallId.equals(Json.string(message, "data", "externalCallId"));
    }
}
