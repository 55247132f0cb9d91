package io.callbridge.core.model;

/** What the agent chose to be. */
public enum PresenceStatus {
    OFFLINE,
    AVAILABLE,
    AWAY
}
