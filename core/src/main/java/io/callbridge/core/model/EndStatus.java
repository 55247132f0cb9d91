package io.callbridge.core.model;

/**
 * Why a call ended. One taxonomy for every CRM: adapters map it to HubSpot's {@code callEndStatus} and to
 * Salesforce's {@code CallDisposition}/{@code wasConnected}.
 */
public enum EndStatus {
    /** Connected and then hung up normally. */
    COMPLETED,
    BUSY,
    NO_ANSWER,
    FAILED,
    /** The caller gave up before the call was answered (outbound: the agent cancelled while it rang). */
    CANCELED,
    /** An inbound call the agent declined. */
    REJECTED,
    /** An inbound call that stopped ringing before anyone answered. */
    MISSED,
    /** Handed to another party; the call continues without this agent. */
    TRANSFERRED;

    /** Whether the status can only describe an inbound call. */
    public boolean inboundOnly() {
        return this == REJECTED || this == MISSED;
    }
}
