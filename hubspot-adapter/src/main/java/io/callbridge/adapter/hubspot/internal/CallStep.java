package io.callbridge.adapter.hubspot.internal;

import java.util.List;

/**
 * The messages HubSpot gets about one call, in the order it expects them. Each delivered step is written on the call
 * itself as a CRM link ({@link #marker}), so a bridge that starts afresh (every frame reloaded, another server node)
 * knows what HubSpot has already been told and never tells it twice.
 */
enum CallStep {
    START("hubspot.started"),
    /** Screen pop to the caller's record; not part of the ordered sequence, it may come whenever the call is live. */
    NAVIGATE("hubspot.navigated"),
    ANSWERED("hubspot.answered"),
    TRANSFERRED("hubspot.transferred"),
    ENDED("hubspot.ended"),
    COMPLETED("hubspot.completed"),
    FINALIZED("hubspot.finalized");

    /** The steps that must reach HubSpot in this order; a step after a delivered one is never sent late. */
    static final List<CallStep> ORDERED = List.of(START, ANSWERED, TRANSFERRED, ENDED, COMPLETED, FINALIZED);
    /** Every step, without the copy {@link #values()} makes on each call. */
    static final List<CallStep> ALL = List.of(values());

    private final String marker;

    CallStep(String marker) {
        this.marker = marker;
    }

    /** The CRM-link key recording that HubSpot got this step; its value is when. */
    String marker() {
        return marker;
    }
}
