package io.callbridge.cluster.redis.internal;

import io.callbridge.core.model.AgentId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents of whom this node may have changed something in Redis without announcing it: a write or a publish failed
 * because Redis became unreachable (a write that timed out may still have been applied; a publish that failed after the
 * input's write succeeded leaves a change with no event). Once Redis answers again the router appends a gap marker to
 * each one's stream, so every follower on every node re-reads the agent's state: nothing that happened is missed.
 *
 * <p>Bounded: one entry per agent, however many inputs failed, and at most {@link #MAX_AGENTS} agents; past that the
 * others are told only by their next event (logged once per outage). Thread-safe.
 */
final class Unannounced {
    static final int MAX_AGENTS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(Unannounced.class);

    private final Set<AgentId> agents = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    void add(AgentId agent) {
        if (agents.size() >= MAX_AGENTS && !agents.contains(agent)) {
            if (overflowLogged.compareAndSet(false, true)) {
                LOG.warn("more than {} agents had changes Redis may not have announced; the others' followers re-read"
                        + " their state at their next event", MAX_AGENTS);
            }
            return;
        }
        agents.add(agent);
    }

    List<AgentId> agents() {
        return List.copyOf(agents);
    }

    void announced(AgentId agent) {
        agents.remove(agent);
        if (agents.isEmpty()) {
            overflowLogged.set(false);
        }
    }

    boolean isEmpty() {
        return agents.isEmpty();
    }
}
