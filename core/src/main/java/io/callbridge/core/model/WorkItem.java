package io.callbridge.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sales-cadence step an agent is working (Salesforce HVS today): the CRM expects a call to {@code expectedNumber},
 * and wants to be told once that call's log is saved.
 *
 * @param call the call matched to it (MATCHED and after)
 * @param logId the id of the saved call log, e.g. the Salesforce Task id (LOGGED and after)
 * @param failure why it FAILED
 * @param attributes what the CRM sent with it, kept for the adapter
 */
public record WorkItem(
        WorkItemId id,
        AgentId agent,
        PhoneNumber expectedNumber,
        CompletionTrigger trigger,
        WorkItemState state,
        Instant offeredAt,
        Instant expiresAt,
        @Nullable CallId call,
        @Nullable String logId,
        @Nullable String failure,
        Map<String, String> attributes) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(expectedNumber, "expectedNumber");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        attributes = Map.copyOf(attributes);
    }

    public static WorkItem pending(WorkItemId id, AgentId agent, PhoneNumber expected, CompletionTrigger trigger,
            Instant now, Instant expiresAt, Map<String, String> attributes) {
        return new WorkItem(id, agent, expected, trigger, WorkItemState.PENDING, now, expiresAt, null, null, null,
                attributes);
    }

    public WorkItem matched(CallId callId) {
        return new WorkItem(id, agent, expectedNumber, trigger, WorkItemState.MATCHED, offeredAt, expiresAt, callId,
                null, null, attributes);
    }

    public WorkItem logged(String log) {
        return new WorkItem(id, agent, expectedNumber, trigger, WorkItemState.LOGGED, offeredAt, expiresAt, call,
                log, null, attributes);
    }

    public WorkItem completed() {
        return new WorkItem(id, agent, expectedNumber, trigger, WorkItemState.COMPLETED, offeredAt, expiresAt, call,
                logId, null, attributes);
    }

    public WorkItem failed(String reason) {
        return new WorkItem(id, agent, expectedNumber, trigger, WorkItemState.FAILED, offeredAt, expiresAt, call,
                logId, reason, attributes);
    }

    public WorkItem expired() {
        return new WorkItem(id, agent, expectedNumber, trigger, WorkItemState.EXPIRED, offeredAt, expiresAt, call,
                logId, null, attributes);
    }
}
