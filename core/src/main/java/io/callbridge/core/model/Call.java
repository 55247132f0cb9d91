package io.callbridge.core.model;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One call of one agent, as the project knows it. Immutable: every change produces a new value through
 * {@link #toBuilder()}, and the state machine in {@code io.callbridge.core.machine} decides which changes are legal.
 *
 * @param id the project's id, also HubSpot's externalCallId and Salesforce's CallObject
 * @param from the calling number; for an outbound call null until the phone system reports the caller id it used
 * @param endStatus set exactly when the state is ENDED or WRAPPED_UP
 * @param connectedAt set once the call was answered; tells a connected call from one that never was
 * @param recordingUrl where the phone system stored the recording, if it did
 * @param outcome what the agent saved at wrap-up; set exactly when the state is WRAPPED_UP
 * @param record the CRM record the call is about, if known
 * @param crmContext what a CRM sent when it asked for the call (e.g. HubSpot's whole dial request), keyed by the
 *     adapter that wrote it; core never reads it
 * @param crmLinks ids of artefacts the CRMs created for the call, e.g. {@code hubspot.engagementId}
 * @param workItem the sales-cadence work this call fulfils, if any
 */
public record Call(
        CallId id,
        AgentId agent,
        Direction direction,
        @Nullable PhoneNumber from,
        PhoneNumber to,
        CallState state,
        @Nullable EndStatus endStatus,
        Instant createdAt,
        @Nullable Instant connectedAt,
        @Nullable Instant endedAt,
        @Nullable Instant wrappedUpAt,
        boolean muted,
        boolean recording,
        @Nullable URI recordingUrl,
        @Nullable CallOutcome outcome,
        @Nullable CrmRecordRef record,
        Map<String, String> crmContext,
        Map<String, String> crmLinks,
        @Nullable WorkItemId workItem) {

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        crmContext = Map.copyOf(crmContext);
        crmLinks = Map.copyOf(crmLinks);
        boolean over = state == CallState.ENDED || state == CallState.WRAPPED_UP;
        if (over != (endStatus != null) || over != (endedAt != null)) {
            throw new IllegalArgumentException("endStatus and endedAt are set exactly when a call is over: " + state);
        }
        boolean wrapped = state == CallState.WRAPPED_UP;
        if (wrapped != (outcome != null) || wrapped != (wrappedUpAt != null)) {
            throw new IllegalArgumentException("outcome and wrappedUpAt are set exactly when a call is wrapped up");
        }
        if ((state == CallState.CONNECTED || state == CallState.HELD) && connectedAt == null) {
            throw new IllegalArgumentException("a " + state + " call must have connectedAt");
        }
    }

    /** A new outbound call, before the phone system has seen it. */
    public static Call outbound(CallId id, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to, Instant now) {
        return new Call(id, agent, Direction.OUTBOUND, from, to, CallState.QUEUED, null, now, null, null, null,
                false, false, null, null, null, Map.of(), Map.of(), null);
    }

    /** A new inbound call, ringing at the agent. */
    public static Call inbound(CallId id, AgentId agent, PhoneNumber from, PhoneNumber to, Instant now) {
        return new Call(id, agent, Direction.INBOUND, from, to, CallState.RINGING, null, now, null, null, null,
                false, false, null, null, null, Map.of(), Map.of(), null);
    }

    /** Whether the call was ever answered. Salesforce's {@code wasConnected} is exactly this. */
    public boolean wasConnected() {
        return connectedAt != null;
    }

    /** Talk time: from answer to end (or to {@code now} while still connected); zero if never answered. */
    public Duration talkTime(Instant now) {
        if (connectedAt == null) {
            return Duration.ZERO;
        }
        Instant end = endedAt != null ? endedAt : now;
        return end.isBefore(connectedAt) ? Duration.ZERO : Duration.between(connectedAt, end);
    }

    public Optional<String> crmLink(String key) {
        return Optional.ofNullable(crmLinks.get(key));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-with-changes for an immutable call; {@link #build()} re-checks the invariants. */
    public static final class Builder {
        private final CallId id;
        private final AgentId agent;
        private final Direction direction;
        private @Nullable PhoneNumber from;
        private final PhoneNumber to;
        private CallState state;
        private @Nullable EndStatus endStatus;
        private final Instant createdAt;
        private @Nullable Instant connectedAt;
        private @Nullable Instant endedAt;
        private @Nullable Instant wrappedUpAt;
        private boolean muted;
        private boolean recording;
        private @Nullable URI recordingUrl;
        private @Nullable CallOutcome outcome;
        private @Nullable CrmRecordRef record;
        private Map<String, String> crmContext;
        private Map<String, String> crmLinks;
        private @Nullable WorkItemId workItem;

        private Builder(Call c) {
            id = c.id;
            agent = c.agent;
            direction = c.direction;
            from = c.from;
            to = c.to;
            state = c.state;
            endStatus = c.endStatus;
            createdAt = c.createdAt;
            connectedAt = c.connectedAt;
            endedAt = c.endedAt;
            wrappedUpAt = c.wrappedUpAt;
            muted = c.muted;
            recording = c.recording;
            recordingUrl = c.recordingUrl;
            outcome = c.outcome;
            record = c.record;
            crmContext = c.crmContext;
            crmLinks = c.crmLinks;
            workItem = c.workItem;
        }

        public Builder from(@Nullable PhoneNumber value) { from = value; return this; }
        public Builder state(CallState value) { state = value; return this; }
        public Builder endStatus(@Nullable EndStatus value) { endStatus = value; return this; }
        public Builder connectedAt(@Nullable Instant value) { connectedAt = value; return this; }
        public Builder endedAt(@Nullable Instant value) { endedAt = value; return this; }
        public Builder wrappedUpAt(@Nullable Instant value) { wrappedUpAt = value; return this; }
        public Builder muted(boolean value) { muted = value; return this; }
        public Builder recording(boolean value) { recording = value; return this; }
        public Builder recordingUrl(@Nullable URI value) { recordingUrl = value; return this; }
        public Builder outcome(@Nullable CallOutcome value) { outcome = value; return this; }
        public Builder record(@Nullable CrmRecordRef value) { record = value; return this; }
        public Builder crmContext(Map<String, String> value) { crmContext = value; return this; }
        public Builder crmLinks(Map<String, String> value) { crmLinks = value; return this; }
        public Builder workItem(@Nullable WorkItemId value) { workItem = value; return this; }

        public Call build() {
            return new Call(id, agent, direction, from, to, state, endStatus, createdAt, connectedAt, endedAt,
                    wrappedUpAt, muted, recording, recordingUrl, outcome, record, crmContext, crmLinks, workItem);
        }
    }
}
