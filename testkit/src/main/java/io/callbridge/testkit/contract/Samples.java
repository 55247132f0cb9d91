package io.callbridge.testkit.contract;

import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.PresenceStatus;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Values the contracts store: each fills every field it can, with text that a careless encoding would damage
 * (non-ASCII, quotes, separators), so that a store which only keeps some of a value fails a contract.
 */
final class Samples {
    static final Instant T0 = Instant.parse("2026-01-01T09:00:00.123456789Z");

    private Samples() {
    }

    static PhoneNumber number(int n) {
        return new PhoneNumber("+1415555" + String.format("%04d", n % 10_000), n % 2 == 0 ? null : "12",
                "(415) 555-" + String.format("%04d", n % 10_000));
    }

    /** A call of {@code agent} that differs with {@code revision}; odd revisions are live, even ones wrapped up. */
    static Call call(CallId id, AgentId agent, int revision) {
        Instant created = T0.plusSeconds(revision);
        Call base = Call.outbound(id, agent, number(revision), number(revision + 1), created);
        Call.Builder b = base.toBuilder()
                .state(CallState.CONNECTED)
                .connectedAt(created.plusMillis(1500))
                .muted(revision % 3 == 0)
                .recording(true)
                .recordingUrl(URI.create("https://recordings.example/r/" + revision + "?a=1&b=%C3%A9"))
                .record(new CrmRecordRef("hubspot", "CONTACT", "c-" + revision, "Zoë \"Z\" O'Brien"))
                .crmContext(Map.of("hubspot.dial", "{\"toNumber\":\"+1 415\",\"n\":" + revision + "}"))
                .crmLinks(Map.of("hubspot.engagementId", "e-" + revision, "salesforce.taskId", "00T" + revision))
                .workItem(WorkItemId.of("step/" + revision + ": call ☎"));
        if (revision % 2 == 0) {
            b.state(CallState.WRAPPED_UP)
                    .endStatus(EndStatus.COMPLETED)
                    .endedAt(created.plusSeconds(60))
                    .wrappedUpAt(created.plusSeconds(90))
                    .outcome(new CallOutcome("connected", "Talked pricing — revision " + revision + "\nline 2",
                            URI.create("https://recordings.example/final/" + revision)));
        }
        return b.build();
    }

    static Agent agent(AgentId id, int revision) {
        return switch (revision % 3) {
            case 0 -> new Agent(id, true, Presence.away("lunch ☕ " + revision), Presence.AVAILABLE, Activity.WRAP_UP);
            case 1 -> new Agent(id, true, Presence.AVAILABLE, null, revision % 2 == 0 ? Activity.IDLE
                    : Activity.ON_CALL);
            default -> revision % 4 == 0 ? Agent.offline(id)
                    : new Agent(id, true, new Presence(PresenceStatus.AWAY, null), Presence.away("r" + revision),
                            Activity.RINGING);
        };
    }

    static WorkItem workItem(WorkItemId id, AgentId agent, int revision) {
        WorkItem pending = WorkItem.pending(id, agent, number(revision), CompletionTrigger.LOG_SAVED,
                T0.plusSeconds(revision), T0.plusSeconds(revision + 1800),
                Map.of("salesforce.workId", "0Z" + revision, "note", "“quoted” & <tagged>"));
        return switch (revision % 4) {
            case 0 -> pending;
            case 1 -> pending.matched(CallId.of("call-" + revision));
            case 2 -> pending.matched(CallId.of("call-" + revision)).logged("00T" + revision);
            default -> pending.matched(CallId.of("call-" + revision)).failed("CRM said no: " + revision);
        };
    }

    /** Event {@code n} of a stream: every kind of event in turn. */
    static CoreEvent event(AgentId agent, int n) {
        CallId id = CallId.of("call-" + n);
        return switch (n % 8) {
            case 0 -> new CoreEvent.CallCreated(Call.outbound(id, agent, null, number(n), T0.plusSeconds(n)));
            case 1 -> new CoreEvent.CallStateChanged(call(id, agent, 2 * n + 1), CallState.RINGING);
            case 2 -> new CoreEvent.CallUpdated(call(id, agent, 2 * n));
            case 3 -> new CoreEvent.WorkItemChanged(workItem(WorkItemId.of("w" + n), agent, n), null);
            case 4 -> new CoreEvent.WorkItemChanged(workItem(WorkItemId.of("w" + n), agent, n), WorkItemState.PENDING);
            case 5 -> new CoreEvent.AgentChanged(agent(agent, n), Agent.offline(agent));
            case 6 -> new CoreEvent.AgentNotice("PROVIDER_FAILURE", "number barred — " + n, id);
            default -> new CoreEvent.AgentNotice("INFO", "notice " + n + " ✓", null);
        };
    }
}
