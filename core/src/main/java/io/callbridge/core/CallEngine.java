package io.callbridge.core;

import io.callbridge.core.command.Command;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import java.util.List;
import java.util.Optional;

/**
 * The server-side truth about calls, agents and work items. Adapters and bridges send it commands and follow
 * agents' event streams; the phone system reports progress through {@link io.callbridge.core.spi.TelephonyEvents}.
 *
 * <p>Commands on one call are applied one at a time, whatever the number of threads; a refused command changes
 * nothing and publishes nothing.
 */
public interface CallEngine {

    /**
     * Applies {@code command}; never throws for bad input, which is answered with {@link CommandResult.Rejected}, nor
     * when the state store cannot be reached, which is answered with {@link ErrorCode#STORE_UNAVAILABLE}. The queries
     * below throw {@link io.callbridge.core.spi.StoreUnavailableException} then.
     */
    CommandResult execute(Command command);

    Optional<Call> call(CallId id);

    /** The agent's state; an agent core has never seen is logged out. */
    Agent agent(AgentId id);

    /** The agent's calls that are live, in wrap-up, or wrapped up and not yet forgotten, oldest first. */
    List<Call> calls(AgentId id);

    Optional<WorkItem> workItem(AgentId agent, WorkItemId id);

    /** The agent's work items that are not yet forgotten, oldest first. */
    List<WorkItem> workItems(AgentId id);

    AgentSnapshot snapshot(AgentId id);

    /**
     * As {@link #snapshot(AgentId)}, but with only the {@code wrappedUp} most recently wrapped-up calls besides every
     * call that is not wrapped up: what a softphone page shows. Core keeps wrapped-up calls for
     * {@code CoreSettings#callRetention()}, so over a shift the full snapshot grows with the agent's history; this one
     * does not, and a store that indexes recent calls (Redis) reads only those.
     *
     * @throws IllegalArgumentException if {@code wrappedUp} is negative
     */
    default AgentSnapshot snapshot(AgentId id, int wrappedUp) {
        if (wrappedUp < 0) {
            throw new IllegalArgumentException("wrappedUp must be >= 0 but was " + wrappedUp);
        }
        return snapshot(id).withNewestWrappedUp(wrappedUp);
    }

    /**
     * Follows the agent's events with a sequence number above {@code afterSequence}: first those still kept, then live
     * ones, in order and without gaps. Pass 0 for everything kept, or a snapshot's sequence to continue from it.
     */
    Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener);

    /**
     * Expires overdue work items, wraps up calls whose wrap-up timed out and forgets values kept past their retention
     * (wrapped-up calls, finished work items): reads every kept value. Run now and then ({@code Housekeeper}: every
     * five minutes, and {@link #housekeepOpen} in between).
     */
    void housekeeping();

    /**
     * The part of {@link #housekeeping} that cannot wait: expires overdue work items and wraps up calls whose wrap-up
     * timed out, reading only the open values ({@link io.callbridge.core.spi.VersionedStore#allOpen}); it forgets
     * nothing. Run every few seconds. The default runs the whole {@link #housekeeping}.
     */
    default void housekeepOpen() {
        housekeeping();
    }
}
