package io.callbridge.adapter.hubspot.internal;

import java.util.List;

/**
 * The messages HubSpot gets about one call, in the order it expects them. Each delivered step is written on the call
 * itself as a CRM link ({@link #marker}), so a bridge that starts afresh (every frame reloaded, another server node)
 * knows what HubSpot has already been told and never tells it twice. A step that HubSpot refused, or that no frame
 * took in all the attempts the retry policy allows, is written as {@link #failureMarker} once the agent has been told,
 * so it is not owed again either.
 */
enum CallStep {
    START("hubspot.started", "hubspot.startFailed"),
    /** Screen pop to the caller's record; not part of the ordered sequence, it may come whenever the call is live. */
    NAVIGATE("hubspot.navigated", "hubspot.navigateFailed"),
    ANSWERED("hubspot.answered", "hubspot.answerFailed"),
    TRANSFERRED("hubspot.transferred", "hubspot.transferFailed"),
    ENDED("hubspot.ended", "hubspot.endFailed"),
    COMPLETED("hubspot.completed", "hubspot.completeFailed"),
    FINALIZED("hubspot.finalized", "hubspot.finalizeFailed");

    /** The steps that must reach HubSpot in this order; a step after a delivered one is never sent late. */
    static final List<CallStep> ORDERED = List.of(START, ANSWERED, TRANSFERRED, ENDED, COMPLETED, FINALIZED);
    /** Every step, without the copy {@link #values()} makes on each call. */
    static final List<CallStep> ALL = List.of(values());

    private final String marker;
    private final String failureMarker;

    CallStep(String marker, String failureMarker) {
        this.marker = marker;
        this.failureMarker = failureMarker;
    }

    /** The CRM-link key recording that HubSpot got this step; its value is when. */
    String marker() {
        return marker;
    }

    /** The CRM-link key recording that the adapter gave this step up and told the agent; its value is when. */
    String failureMarker() {
        return failureMarker;
    }
}
