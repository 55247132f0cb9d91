package io.callbridge.core;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.WorkItem;
import java.util.List;

/**
 * Everything core holds about one agent. {@code sequence} was read before the state, so the state reflects at least
 * every event up to it; subscribing after {@code sequence} then misses nothing (and may repeat an event the snapshot
 * already shows, which events are built to tolerate).
 */
public record AgentSnapshot(long sequence, Agent agent, List<Call> calls, List<WorkItem> workItems) {
    public AgentSnapshot {
        calls = List.copyOf(calls);
        workItems = List.copyOf(workItems);
    }
}
