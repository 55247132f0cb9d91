package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItemId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A command on a unit of sales-cadence work. */
public sealed interface WorkCommand extends Command {
    WorkItemId workItemId();

    /**
     * The CRM offers work: a call to {@code expectedNumber} is expected. Core matches it to the agent's outbound
     * call to the same number, whichever of the two arrives first.
     *
     * @param ttl how long the work waits for its call, or null for the configured default
     */
    record OfferWork(AgentId agent, WorkItemId workItemId, PhoneNumber expectedNumber, CompletionTrigger trigger,
            @Nullable Duration ttl, Map<String, String> attributes) implements WorkCommand {
        public OfferWork {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(workItemId, "workItemId");
            Objects.requireNonNull(expectedNumber, "expectedNumber");
            Objects.requireNonNull(trigger, "trigger");
            if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
                throw new IllegalArgumentException("ttl must be positive");
            }
            attributes = Map.copyOf(attributes);
        }
    }

    /** Match the work to a call explicitly (automatic matching by number covers the usual case). */
    record MatchWork(AgentId agent, WorkItemId workItemId, CallId callId) implements WorkCommand {
        public MatchWork {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(workItemId, "workItemId");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The matched call's log was saved in the CRM under {@code logId} (e.g. the Salesforce Task id). */
    record MarkWorkLogged(AgentId agent, WorkItemId workItemId, String logId) implements WorkCommand {
        public MarkWorkLogged {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(workItemId, "workItemId");
            Objects.requireNonNull(logId, "logId");
            if (logId.isBlank() || logId.length() > 255) {
                throw new IllegalArgumentException("logId must be 1-255 characters");
            }
        }
    }

    /** The CRM confirmed the work complete. */
    record CompleteWork(AgentId agent, WorkItemId workItemId) implements WorkCommand {
        public CompleteWork {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(workItemId, "workItemId");
        }
    }

    /** Completing the work failed for good. */
    record FailWork(AgentId agent, WorkItemId workItemId, String reason) implements WorkCommand {
        public FailWork {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(workItemId, "workItemId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
