package io.callbridge.core;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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

    /**
     * This snapshot with every call that is not wrapped up and only the {@code wrappedUp} most recently wrapped-up
     * calls (latest {@link Call#wrappedUpAt()} first kept; ties by id), in the same order as before. Returns this
     * snapshot when it has no more wrapped-up calls than that.
     *
     * @throws IllegalArgumentException if {@code wrappedUp} is negative
     */
    public AgentSnapshot withNewestWrappedUp(int wrappedUp) {
        if (wrappedUp < 0) {
            throw new IllegalArgumentException("wrappedUp must be >= 0 but was " + wrappedUp);
        }
        List<Call> done = new ArrayList<>();
        for (Call call : calls) {
            if (call.state() == CallState.WRAPPED_UP) {
                done.add(call);
            }
        }
        if (done.size() <= wrappedUp) {
            return this;
        }
        done.sort(NEWEST_WRAP_UP_FIRST);
        Set<Call> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(done.subList(0, wrappedUp));
        List<Call> shown = new ArrayList<>(calls.size() - done.size() + wrappedUp);
        for (Call call : calls) {
            if (call.state() != CallState.WRAPPED_UP || kept.contains(call)) {
                shown.add(call);
            }
        }
        return new AgentSnapshot(sequence, agent, shown, workItems);
    }

    private static final Comparator<Call> NEWEST_WRAP_UP_FIRST = (a, b) -> {
        Instant x = a.wrappedUpAt();
        Instant y = b.wrappedUpAt();
        int byTime = x == null ? (y == null ? 0 : 1) : y == null ? -1 : y.compareTo(x);
        return byTime != 0 ? byTime : a.id().value().compareTo(b.id().value());
    };
}
