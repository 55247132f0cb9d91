package io.callbridge.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The agent's chosen presence; AWAY may carry a reason ("lunch", "training"). */
public record Presence(PresenceStatus status, @Nullable String reason) {
    public static final Presence OFFLINE = new Presence(PresenceStatus.OFFLINE, null);
    public static final Presence AVAILABLE = new Presence(PresenceStatus.AVAILABLE, null);

    public Presence {
        Objects.requireNonNull(status, "status");
        if (reason != null && status != PresenceStatus.AWAY) {
            throw new IllegalArgumentException("only AWAY carries a reason");
        }
        if (reason != null && (reason.isBlank() || reason.length() > 100)) {
            throw new IllegalArgumentException("an away reason must be 1-100 characters");
        }
    }

    public static Presence away(@Nullable String reason) {
        return new Presence(PresenceStatus.AWAY, reason);
    }
}
