package io.callbridge.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent's state: presence they chose × activity derived from their calls.
 *
 * @param pendingPresence a presence chosen while busy (e.g. AWAY during a call), applied when they become idle
 */
public record Agent(AgentId id, boolean loggedIn, Presence presence, @Nullable Presence pendingPresence,
        Activity activity) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(activity, "activity");
        if (loggedIn == (presence.status() == PresenceStatus.OFFLINE)) {
            throw new IllegalArgumentException("an agent is OFFLINE exactly when logged out");
        }
    }

    /** An agent the project has not seen yet. */
    public static Agent offline(AgentId id) {
        return new Agent(id, false, Presence.OFFLINE, null, Activity.IDLE);
    }

    /** Whether new calls may be offered to the agent: logged in, AVAILABLE and idle. */
    public boolean isReadyForCalls() {
        return loggedIn && presence.status() == PresenceStatus.AVAILABLE && activity == Activity.IDLE;
    }

    /** Whether the agent shows as available in a CRM (HubSpot's isAvailable): logged in and AVAILABLE. */
    public boolean isAvailable() {
        return loggedIn && presence.status() == PresenceStatus.AVAILABLE;
    }
}
