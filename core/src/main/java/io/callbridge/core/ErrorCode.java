package io.callbridge.core;

/** Why core refused something. Stable: bridges and vendors switch on these. */
public enum ErrorCode {
    /** The call's or work item's state does not allow it. */
    ILLEGAL_TRANSITION,
    UNKNOWN_CALL,
    UNKNOWN_WORK_ITEM,
    /** The call or work item belongs to another agent. */
    NOT_YOUR_CALL,
    AGENT_NOT_LOGGED_IN,
    /**
     * The agent is busy for what was asked. A dial: the agent already has a live call (queued, dialing, ringing,
     * connected or held) and {@code CoreSettings.concurrentCalls} is off; a call in wrap-up (ENDED, waiting for its
     * outcome) does not count, so the agent may dial while still writing up the last call. A log-out: the agent has
     * a ringing or live call, or one still to wrap up.
     */
    AGENT_BUSY,
    INVALID_ARGUMENT,
    /** An id is already taken by something different. */
    DUPLICATE_ID,
    /** Concurrent writers kept winning; the caller may retry. */
    CONFLICT,
    /** The phone system refused or failed a request. */
    PROVIDER_FAILURE,
    /**
     * The state store (e.g. Redis) could not be reached: the input may or may not have taken effect. The agent's
     * bridges get a fresh state once the store is back; the caller may retry then.
     */
    STORE_UNAVAILABLE
}
