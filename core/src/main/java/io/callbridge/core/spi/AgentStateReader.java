package io.callbridge.core.spi;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.WorkItem;
import java.util.List;
import java.util.Optional;

/**
 * Optional, for an {@link AgentEventRouter} whose stores live in the same backend (e.g. one Redis): everything an
 * agent's snapshot holds, read in one step instead of four (the last sequence, the agent, their calls, their work
 * items). Core uses it only when {@link #reads} says these are the stores it uses; the answer must be what reading the
 * last sequence first and then the three stores would give (or better: all of it at one instant).
 */
public interface AgentStateReader {
    /** What {@link #read} found; {@code agent} is empty when the store has no value for them. */
    record State(long sequence, Optional<Versioned<Agent>> agent, List<Versioned<Call>> calls,
            List<Versioned<WorkItem>> workItems) {
        public State {
            agent = agent == null ? Optional.empty() : agent;
            calls = List.copyOf(calls);
            workItems = List.copyOf(workItems);
        }
    }

    /** Whether {@link #read} reads exactly these stores (the ones core uses). */
    boolean reads(VersionedStore<?, ?> calls, VersionedStore<?, ?> agents, VersionedStore<?, ?> workItems);

    /** The agent's last sequence and, as of it or later, the agent and all their calls and work items. */
    State read(AgentId agent);
}
