package io.callbridge.core.model;

/**
 * Lifecycle of a call. The line is live from QUEUED to HELD; ENDED means the line is down and the agent is in
 * wrap-up until the outcome is saved, which moves the call to WRAPPED_UP, its final state.
 */
public enum CallState {
    /** Accepted by the project, not yet taken up by the phone system. */
    QUEUED(0),
    /** The phone system is placing the call. */
    DIALING(1),
    /** The far end (outbound) or the agent (inbound) is being alerted. */
    RINGING(2),
    CONNECTED(3),
    HELD(3),
    /** The line is down; the call waits for its outcome (wrap-up). */
    ENDED(4),
    /** The outcome is saved; the state is final, though a late CRM record, CRM link or recording may still arrive. */
    WRAPPED_UP(5);

    private final int progress;

    CallState(int progress) {
        this.progress = progress;
    }

    /**
     * How far along the lifecycle the state is. Provider events that would move a call backwards are late,
     * and CONNECTED and HELD share a rank because a call moves between them freely.
     */
    public int progress() {
        return progress;
    }

    /** Whether the phone line is up or being set up. */
    public boolean isLive() {
        return progress < ENDED.progress;
    }
}
