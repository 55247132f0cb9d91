package io.callbridge.operations;

import static io.callbridge.operations.Setting.bool;
import static io.callbridge.operations.Setting.duration;
import static io.callbridge.operations.Setting.enumSet;
import static io.callbridge.operations.Setting.integer;
import static io.callbridge.operations.Setting.text;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.model.EndStatus;
import java.util.List;

/** The keys of {@link CoreSettings}. */
final class CoreKeys {
    private CoreKeys() {
    }

    static List<Setting<CoreSettings>> settings() {
        CoreSettings d = CoreSettings.DEFAULTS;
        return List.of(
                Setting.<CoreSettings>of("core.default-region", "region", d.defaultRegion(),
                        "ISO 3166 region for numbers dialled without a country code",
                        (s, t) -> s.withDefaultRegion(text(t))),
                Setting.<CoreSettings>of("core.work-match-window", "duration", "2m",
                        "how long a work item waits for the call that matches it",
                        (s, t) -> s.withWorkMatchWindow(duration(t))),
                Setting.<CoreSettings>of("core.work-ttl", "duration", "30m", "how long a pending work item lives",
                        (s, t) -> s.withWorkTtl(duration(t))),
                Setting.<CoreSettings>of("core.call-retention", "duration", "1h",
                        "how long a wrapped-up call is kept",
                        (s, t) -> s.withCallRetention(duration(t))),
                Setting.<CoreSettings>of("core.events-kept-per-agent", "integer",
                        String.valueOf(d.eventsKeptPerAgent()), "events kept per agent for a bridge that resumes",
                        (s, t) -> s.withEventsKeptPerAgent(integer(t))),
                Setting.<CoreSettings>of("core.cas-retries", "integer", String.valueOf(d.casRetries()),
                        "compare-and-set attempts before an input is refused with CONFLICT",
                        (s, t) -> s.withCasRetries(integer(t))),
                Setting.<CoreSettings>of("core.max-notes-length", "integer", String.valueOf(d.maxNotesLength()),
                        "longest call notes accepted, in characters",
                        (s, t) -> s.withMaxNotesLength(integer(t))),
                Setting.<CoreSettings>of("core.auto-wrap-up", "end statuses", "MISSED,REJECTED",
                        "end statuses wrapped up without the agent (comma-separated; empty: none)",
                        (s, t) -> s.withAutoWrapUp(enumSet(EndStatus.class, t))),
                Setting.<CoreSettings>of("core.concurrent-calls", "boolean", String.valueOf(d.concurrentCalls()),
                        "whether an agent may dial while on a live call",
                        (s, t) -> s.withConcurrentCalls(bool(t))),
                Setting.<CoreSettings>of("core.wrap-up-timeout", "duration", "",
                        "how long a call waits in wrap-up before core wraps it up with no outcome (empty: forever)",
                        (s, t) -> s.withWrapUpTimeout(t.isBlank() ? null : duration(t))));
    }

    static List<Setting<ServerSideSettings>> serverSide() {
        ServerSideSettings d = ServerSideSettings.DEFAULTS;
        return List.of(
                Setting.<ServerSideSettings>of("server-side.sweep-interval", "duration",
                        d.sweepInterval().toSeconds() + "s",
                        "how often owed CRM side effects are looked through for a server-side executor (REST)",
                        (s, t) -> s.withSweepInterval(duration(t))),
                Setting.<ServerSideSettings>of("server-side.claim-lease", "duration", d.claimLease().toSeconds() + "s",
                        "how long a server-side executor's claim lasts without renewal (a dead node's lapses then)",
                        (s, t) -> s.withClaimLease(duration(t))),
                Setting.<ServerSideSettings>of("server-side.threads", "integer", String.valueOf(d.threads()),
                        "threads running server-side executors' requests",
                        (s, t) -> s.withThreads(integer(t))));
    }
}
