package io.callbridge.core.model;

/** Lifecycle of a unit of sales-cadence work: PENDING → MATCHED → LOGGED → COMPLETED, or FAILED / EXPIRED. */
public enum WorkItemState {
    /** Offered by the CRM, waiting for the call that fulfils it. */
    PENDING,
    /** A call was matched to it. */
    MATCHED,
    /** The call's log (e.g. a Salesforce Task) was saved; the log's id is known. */
    LOGGED,
    /** The CRM confirmed the work complete. */
    COMPLETED,
    /** Completing it failed for good; the agent and vendor were told why. */
    FAILED,
    /** No call came for it in time. */
    EXPIRED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED;
    }
}
