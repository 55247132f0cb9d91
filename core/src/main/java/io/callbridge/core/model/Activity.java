package io.callbridge.core.model;

/** What the agent is doing, derived from their calls; never set directly. */
public enum Activity {
    IDLE,
    /** An inbound call is ringing at the agent and no other call is live. */
    RINGING,
    /** A call of theirs is live (being placed, ringing out, connected or on hold). */
    ON_CALL,
    /** A call of theirs has ended and waits for its outcome. */
    WRAP_UP
}
