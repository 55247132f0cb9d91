package io.callbridge.core.event;

import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * An event in an agent's stream. Sequence numbers start at 1 and have no gaps for one agent, so a subscriber that
 * remembers the last one it saw can ask for exactly what it missed.
 */
public record SequencedEvent(AgentId agent, long sequence, Instant occurredAt, CoreEvent event) {
    public SequencedEvent {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }
}
