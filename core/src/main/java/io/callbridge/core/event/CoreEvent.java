package io.callbridge.core.event;

import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened, as core tells adapters and bridges. Events carry the whole new value of what changed, so applying
 * one twice is harmless: a subscriber that resumes from a snapshot and then sees an event the snapshot already
 * contained ends in the same state.
 */
public sealed interface CoreEvent {

    /** A call came into being: an outbound call was queued or an inbound call rings. */
    record CallCreated(Call call) implements CoreEvent {
        public CallCreated { Objects.requireNonNull(call, "call"); }
    }

    /** The call moved from {@code previous} to {@code call.state()}. */
    record CallStateChanged(Call call, CallState previous) implements CoreEvent {
        public CallStateChanged {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** Something other than the state changed: mute, recording, CRM record, CRM links, work item, caller id. */
    record CallUpdated(Call call) implements CoreEvent {
        public CallUpdated { Objects.requireNonNull(call, "call"); }
    }

    /** A work item was offered ({@code previous} null) or changed state. */
    record WorkItemChanged(WorkItem item, @Nullable WorkItemState previous) implements CoreEvent {
        public WorkItemChanged { Objects.requireNonNull(item, "item"); }
    }

    /** The agent logged in or out, changed presence, or their activity changed. */
    record AgentChanged(Agent agent, Agent previous) implements CoreEvent {
        public AgentChanged {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** Something the agent should be told; changes no state. */
    record AgentNotice(String code, String message, @Nullable CallId callId) implements CoreEvent {
        public AgentNotice {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
