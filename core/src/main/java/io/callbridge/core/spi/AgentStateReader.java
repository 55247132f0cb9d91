package io.callbridge.core.spi;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.WorkItem;
import java.util.List;
import java.util.Optional;

/**
 * Optional, for an {@link AgentEventRouter} whose stores live in the same backend (e.g. one Redis): what core reads
 * about one agent together, in one step. A snapshot: the last sequence, the agent, their calls, their work items (four
 * reads otherwise); an activity refresh: the agent and their open calls (two). Core uses it only when {@link #reads}
 * says these are the stores it uses; the answer must be what the separate reads, in that order, would give (or better:
 * all of it at one instant).
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

    /** What {@link #readActivity} found: the agent (empty when there is no value) and their open calls. */
    record ActivityInputs(Optional<Versioned<Agent>> agent, List<Versioned<Call>> openCalls) {
        public ActivityInputs {
            agent = agent == null ? Optional.empty() : agent;
            openCalls = List.copyOf(openCalls);
        }
    }

    /** Whether {@link #read} and {@link #readActivity} read exactly these stores (the ones core uses). */
    boolean reads(VersionedStore<?, ?> calls, VersionedStore<?, ?> agents, VersionedStore<?, ?> workItems);

    /** The agent's last sequence and, as of it or later, the agent and all their calls and work items. */
    State read(AgentId agent);

    /**
     * As {@link #read}, but the calls need only be every open call and at least the {@code wrappedUp} most recently
     * closed ones (core keeps exactly those of what this returns; see {@code CallEngine#snapshot(AgentId, int)}). The
     * default reads everything.
     */
    default State readRecent(AgentId agent, int wrappedUp) {
        return read(agent);
    }

    /**
     * What core re-derives an agent's activity from, in one step: the agent as the store holds them and their open
     * calls as {@link VersionedStore#findOpenByOwner} lists them (at least every call written open before).
     */
    ActivityInputs readActivity(AgentId agent);
}
