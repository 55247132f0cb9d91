package io.callbridge.core.spi;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.List;

/**
 * Gives each agent's events their sequence numbers and carries them to whoever follows that agent — on this node by
 * default; a clustered implementation carries them across nodes (e.g. a Redis stream per agent) so a bridge can be
 * connected to any node. Delivery to one listener is in sequence order.
 */
public interface AgentEventRouter {

    /** Numbers {@code events} consecutively after the agent's last sequence, keeps them for replay, delivers them. */
    List<SequencedEvent> publish(AgentId agent, Instant occurredAt, List<CoreEvent> events);

    /**
     * Delivers the kept events after {@code afterSequence}, then every new one, with no gap and no repeat between the
     * two; if events after {@code afterSequence} are no longer kept, calls {@link AgentEventListener#onGap} first.
     */
    Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener);

    /** The agent's last issued sequence number (0 before the first event). */
    long lastSequence(AgentId agent);
}
