package io.callbridge.core.model;

/** Who placed the call, seen from the agent. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
