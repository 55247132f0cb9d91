package io.callbridge.rest.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.rest.salesforce.SalesforceApiError;
import io.callbridge.rest.salesforce.SalesforceAuthException;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.internal.SalesforceClient.Result;
import io.callbridge.rest.salesforce.internal.SalesforceWire.ActionResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CadenceEvent;
import io.callbridge.rest.salesforce.internal.SalesforceWire.LedgerEntry;
import io.callbridge.rest.salesforce.internal.SalesforceWire.QueryResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.SaveResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import io.callbridge.rest.salesforce.internal.SalesforceWire.WireFormatException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's server-side executor for one Salesforce org: saves the Task of a call whose frame never did, and, if asked
 * to, marks its Sales Engagement step manually complete. See {@code docs/salesforce-rest.md} for why it is exactly
 * once: in short, the delivery store's claim keeps two executors apart, and a ledger entry written before the create
 * (and a {@code CallObject} query whenever the outcome of an earlier create is not known) keeps a retry or a restart
 * from creating a second Task.
 *
 * <p>Thread-safe: {@link #plan} never blocks (it reads only memory and core, and while the org is paused tells the
 * entry's agent through core, once per pause); {@link #execute} blocks on Salesforce, bounded by the request timeout.
 * The org's pause after its daily limit (or the reserve below it) is this node's, in memory.
 */
public final class SalesforceRestExecutor implements ServerSideExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceRestExecutor.class);

    /** The ledger's namespace in the {@link CrmStateStore}: call id → the Task's state. */
    public static final String LEDGER = "salesforce.ledger";
    public static final Duration LEDGER_TTL = Duration.ofDays(30);
    /** How soon to look again at a call not yet ready to log. */
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(30);
    /** How far off an entry REST leaves to frames is asked about again. */
    static final Duration LEFT_TO_FRAMES = Duration.ofDays(1);
    /** How long a failed login waits: a configuration problem, not a blip. */
    static final Duration AUTH_RETRY = Duration.ofMinutes(5);
    /** The link a manually completed Sales Engagement step leaves on its call. */
    public static final String WORK_COMPLETED_WITHOUT_OUTCOME = "salesforce.workCompletedWithoutOutcome";
    /** The link a step that Salesforce would not mark complete leaves on its call, with the reason's codes. */
    public static final String WORK_COMPLETION_FAILED = "salesforce.workCompletionFailed";
    /** The code of the agent's notice when the org's daily API limit, or the reserve kept below it, is reached. */
    public static final String LIMIT_NOTICE = "salesforce.API_LIMIT_REACHED";
    private static final String LIMIT_REACHED = "Salesforce's daily API limit is reached";

    private final SalesforceRestSettings settings;
    private final SalesforceSettings adapterSettings;
    private final CrmStateStore state;
    private final CallEngine engine;
    private final Clock clock;
    private final SalesforceClient client;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    /** Transient failures in a row per key: core's service lets a Retry's claim go without counting an attempt. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Guards the org's pause: when it ends, what the agents are told of it, and who has been told. */
    private final Object pauseLock = new Object();
    private @Nullable Instant pausedUntil;
    private String pauseNotice = "";
    private final Set<AgentId> toldOfPause = new HashSet<>();

    @Inject
    public SalesforceRestExecutor(SalesforceRestSettings settings, SalesforceSettings adapterSettings,
            CrmStateStore state, CallEngine engine, Clock clock, CoreSettings core) {
        this(settings, adapterSettings, state, engine, clock, HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        if (core.wrapUpTimeout() == null) {
            // Silence is the worst failure: without the timeout a call whose console closed before wrap-up stays in
            // wrap-up, and REST, which logs only wrapped-up calls, never logs it, with nothing saying so.
            LOG.warn("CoreSettings.wrapUpTimeout is not set: a call that is never wrapped up is never logged through"
                    + " REST. A call whose Salesforce console closed before the agent finished wrap-up waits in"
                    + " wrap-up for good, and the Salesforce REST fallback logs only wrapped-up calls; set"
                    + " CoreSettings.wrapUpTimeout so that core wraps such calls up itself");
        }
    }

    SalesforceRestExecutor(SalesforceRestSettings settings, SalesforceSettings adapterSettings, CrmStateStore state,
            CallEngine engine, Clock clock, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.adapterSettings = Objects.requireNonNull(adapterSettings, "adapterSettings");
        this.state = Objects.requireNonNull(state, "state");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new SalesforceClient(settings, new JwtBearerTokens(settings, http, clock), http,
                new LimitMonitor(settings.apiReservePercent(), this::reserveReached));
    }

    @Override
    public String crm() {
        return SalesforceCallLog.CRM;
    }

    @Override
    public @Nullable String callOf(OwedDelivery owed) {
        CallId call = SalesforceCallLog.callOf(owed.key());
        if (call != null) {
            return call.value();
        }
        WorkItemId work = SalesforceCallLog.workItemOf(owed.key());
        if (work != null) {
            return engine.workItem(owed.agent(), work).map(WorkItem::call).map(CallId::value).orElse(null);
        }
        CallId step = SalesforceCallLog.callOfStep(owed.key());
        return step == null ? null : step.value();
    }

    @Override
    public Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
        if (SalesforceCallLog.callOf(owed.key()) != null) {
            return planSaveLog(owed, call, now);
        }
        WorkItemId work = SalesforceCallLog.workItemOf(owed.key());
        if (work != null) {
            return planCompleteWork(owed, work, call, now);
        }
        // Screen pops need a console: never REST's to run. But one about a call core has forgotten (callRetention
        // after its wrap-up) no console can want, and left alone it would stay in the store for good.
        if (call == null && SalesforceCallLog.callOfStep(owed.key()) != null) {
            return new Plan.Drop("the call is gone: its screen pop (" + owed.method() + ") has nothing left to show");
        }
        return new Plan.NotYet(now.plus(LEFT_TO_FRAMES));
    }

    private Plan planSaveLog(OwedDelivery owed, @Nullable Call call, Instant now) {
        if (call == null) {
            return new Plan.Drop("core has no such call");
        }
        if (SalesforceCallLog.settled(call)) {
            return new Plan.Drop("the call's Task is saved or given up");
        }
        Optional<Instant> paused = pausedAt(now);
        if (paused.isPresent()) {
            return waitForPause(owed, call.id(), paused.get());
        }
        Instant wrappedUp = call.wrappedUpAt();
        if (!SalesforceCallLog.readyToLog(call) || wrappedUp == null) {
            // Looked at again no later than one deadline from now: a recheck longer than the deadline would save the
            // Task late by up to the recheck.
            return new Plan.NotYet(now.plus(notReadyRecheck()));
        }
        Instant due = wrappedUp.plus(settings.deadlineAfterWrapUp());
        return due.isAfter(now) ? new Plan.NotYet(due) : new Plan.Run();
    }

    private Plan planCompleteWork(OwedDelivery owed, WorkItemId work, @Nullable Call call, Instant now) {
        if (!settings.hvsManualCompletion()) {
            // Only a frame completes the step with its outcome; REST leaves it to frames (see the docs).
            return new Plan.NotYet(now.plus(LEFT_TO_FRAMES));
        }
        Optional<WorkItem> item = engine.workItem(owed.agent(), work);
        if (item.isEmpty() || item.get().state().isTerminal()) {
            firstSeen.remove(owed.key());
            return new Plan.Drop("the work item is gone or settled");
        }
        if (call != null && !SalesforceCallLog.settled(call)) {
            return new Plan.NotYet(now.plus(notReadyRecheck()));
        }
        Optional<Instant> paused = pausedAt(now);
        if (paused.isPresent()) {
            return waitForPause(owed, call == null ? null : call.id(), paused.get());
        }
        Instant since = call != null && call.wrappedUpAt() != null ? call.wrappedUpAt()
                : firstSeen.computeIfAbsent(owed.key(), k -> now);
        Instant due = since.plus(settings.deadlineAfterWrapUp());
        return due.isAfter(now) ? new Plan.NotYet(due) : new Plan.Run();
    }

    @Override
    public Outcome execute(OwedDelivery owed, Call call) throws InterruptedException {
        Outcome outcome = run(owed, call);
        if (!(outcome instanceof Outcome.Retry)) {
            failures.remove(owed.key());
        }
        return outcome;
    }

    private Outcome run(OwedDelivery owed, Call call) throws InterruptedException {
        try {
            if (SalesforceCallLog.callOf(owed.key()) != null) {
                return saveLog(owed, call);
            }
            WorkItemId work = SalesforceCallLog.workItemOf(owed.key());
            if (work != null && settings.hvsManualCompletion()) {
                return completeWork(owed, work, call);
            }
            return new Outcome.Retry("not an entry the REST fallback runs", clock.instant().plus(LEFT_TO_FRAMES));
        } catch (SalesforceAuthException e) {
            LOG.warn("Salesforce REST fallback cannot log in: {}", e.getMessage());
            return new Outcome.Retry(e.getMessage(), clock.instant().plus(AUTH_RETRY));
        } catch (IOException e) {
            // Includes timeouts and dropped connections: whether a create happened is unknown, the ledger says
            // "creating", and the next attempt asks Salesforce first.
            LOG.debug("Salesforce REST request for {} failed", owed.key(), e);
            Outcome.Retry retry = retry(owed, "Salesforce could not be reached: " + e.getClass().getSimpleName());
            // Not sooner than one more request timeout: a write still in flight at Salesforce lands before the query.
            Instant floor = clock.instant().plus(settings.requestTimeout());
            return retry.notBefore().isBefore(floor) ? new Outcome.Retry(retry.reason(), floor) : retry;
        }
    }

    // ---- saveLog ---------------------------------------------------------------------------------------------------

    private Outcome saveLog(OwedDelivery owed, Call call)
            throws IOException, InterruptedException, SalesforceAuthException {
        Instant now = clock.instant();
        TaskCreate task;
        try {
            task = new TaskCreate(SalesforceCallLog.taskFields(call, adapterSettings));
        } catch (WireFormatException | IllegalArgumentException e) {
            return gaveUp(call, "The call's Task could not be built: " + e.getMessage());
        }
        String ledgerKey = ledgerKey(call.id());
        Optional<Versioned<String>> entry = state.get(LEDGER, ledgerKey);
        long version;
        if (entry.isPresent()) {
            LedgerEntry known = readLedger(entry.get().value());
            if (known != null && known.state() == LedgerEntry.State.CREATED) {
                return done(known.taskId());
            }
            // An earlier attempt got as far as the create and no further (a crash, an unclear failure): did it?
            Result<QueryResult> lookUp = find(task);
            if (lookUp instanceof Result.Refused<QueryResult> refused && refused.has("REQUEST_LIMIT_EXCEEDED")) {
                return limitReached(owed, call.id());
            }
            if (!(lookUp instanceof Result.Ok<QueryResult> answer)) {
                return retry(owed, "Salesforce could not be asked whether the Task exists");
            }
            Optional<String> found = answer.value().ids().stream().findFirst();
            if (found.isPresent()) {
                recordCreated(ledgerKey, entry.get().version(), found.get());
                return done(found.get());
            }
            version = entry.get().version();
        } else {
            Optional<Long> written = state.compareAndSet(LEDGER, ledgerKey, 0,
                    LedgerEntry.CREATING_ENTRY.toJson().toString(), LEDGER_TTL);
            if (written.isEmpty()) {
                return retry(owed, "the ledger changed under the create; looking again");
            }
            version = written.get();
        }
        Result<SaveResult> result = client.createTask(task);
        if (result instanceof Result.Ok<SaveResult> ok) {
            String taskId = ok.value().id();
            recordCreated(ledgerKey, version, taskId);
            LOG.info("{}: call {} logged in Salesforce by REST as Task {}", owed.agent(), call.id(), taskId);
            return done(taskId);
        }
        if (result instanceof Result.Refused<SaveResult> refused) {
            if (refused.has("REQUEST_LIMIT_EXCEEDED")) {
                return limitReached(owed, call.id());
            }
            if (refused.status() == 401 || refused.status() == 403) {
                return new Outcome.Retry("Salesforce refused the session: " + summary(refused.errors()),
                        now.plus(AUTH_RETRY));
            }
            // A definite refusal: nothing was created, so the ledger's "creating" may go.
            state.remove(LEDGER, ledgerKey, version);
            // The codes and the fields only: Salesforce's own message can quote the refused values (a subject holding
            // a phone number, a validation rule's text), so it is never logged, at any level.
            LOG.warn("{}: Salesforce refused the Task of call {}: {}", owed.agent(), call.id(),
                    summary(refused.errors()));
            return gaveUp(call, "Salesforce refused the call's Task: " + summary(refused.errors()));
        }
        return retry(owed, ((Result.Unclear<SaveResult>) result).reason());
    }

    /** The Tasks of the call as Salesforce has them, by their {@code CallObject}. */
    private Result<QueryResult> find(TaskCreate task)
            throws IOException, InterruptedException, SalesforceAuthException {
        String callObject = task.callObject();
        if (callObject == null) {
            LOG.debug("the Task has no CallObject to look it up by; trusting the ledger alone");
            return new Result.Ok<>(new QueryResult(0, true, List.of()));
        }
        return client.tasksByCallObject(callObject);
    }

    /** The call id, or its SHA-256 when it is longer than a CrmStateStore key may be (call ids go to 255). */
    static String ledgerKey(CallId call) {
        String id = call.value();
        if (id.length() <= 200) {
            return id;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void recordCreated(String ledgerKey, long version, String taskId) {
        try {
            if (state.compareAndSet(LEDGER, ledgerKey, version, LedgerEntry.created(taskId).toJson().toString(),
                    LEDGER_TTL).isEmpty()) {
                LOG.debug("the ledger entry of call {} changed meanwhile; the call's link records the Task",
                        ledgerKey);
            }
        } catch (RuntimeException e) {
            // The Task exists; the call's link, written next by core, is the record. A retry would find "creating"
            // and the Task by its CallObject.
            LOG.warn("the ledger could not record the Task of call {}: {}", ledgerKey, e.toString());
        }
    }

    private static @Nullable LedgerEntry readLedger(String value) {
        try {
            return LedgerEntry.read(SalesforceWire.parse(value, "the ledger entry"));
        } catch (WireFormatException e) {
            LOG.warn("unreadable ledger entry ({}); asking Salesforce instead", e.getMessage());
            return null;
        }
    }

    private Outcome done(@Nullable String taskId) {
        return new Outcome.Done(SalesforceCallLog.doneLinks(clock.instant(), Objects.requireNonNull(taskId)));
    }

    private Outcome gaveUp(Call call, String message) {
        return new Outcome.GaveUp(message, SalesforceCallLog.failedLinks(clock.instant()));
    }

    // ---- completeWork ----------------------------------------------------------------------------------------------

    private Outcome completeWork(OwedDelivery owed, WorkItemId work, Call call)
            throws IOException, InterruptedException, SalesforceAuthException {
        Instant now = clock.instant();
        CadenceEvent event;
        try {
            event = new CadenceEvent(work.value(), CadenceEvent.MANUAL_COMPLETE);
        } catch (WireFormatException e) {
            return workFailed(owed, work, "the work item's id is not a cadence step tracker id");
        }
        Result<List<ActionResult>> result = client.sendCadenceEvent(event);
        if (result instanceof Result.Ok<List<ActionResult>> ok) {
            ActionResult first = ok.value().get(0);
            if (first.isSuccess()) {
                firstSeen.remove(owed.key());
                engine.execute(new WorkCommand.CompleteWork(owed.agent(), work));
                LOG.info("{}: Sales Engagement step {} of call {} marked manually complete by REST, without its"
                        + " outcome", owed.agent(), work, call.id());
                return new Outcome.Done(Map.of(WORK_COMPLETED_WITHOUT_OUTCOME, now.toString()));
            }
            return workFailed(owed, work, summary(first.errors()));
        }
        if (result instanceof Result.Refused<List<ActionResult>> refused) {
            if (refused.has("REQUEST_LIMIT_EXCEEDED")) {
                return limitReached(owed, call.id());
            }
            return workFailed(owed, work, summary(refused.errors()));
        }
        // Marking a step complete twice is harmless: a retry may resend.
        return retry(owed, ((Result.Unclear<List<ActionResult>>) result).reason());
    }

    /** As a frame's failed completion: the work item fails in core, the call says why, the agent is told. */
    private Outcome workFailed(OwedDelivery owed, WorkItemId work, String reason) {
        firstSeen.remove(owed.key());
        String message = "Salesforce did not mark the Sales Engagement step complete: " + reason
                + ". Complete it by hand so the cadence moves on.";
        engine.execute(new WorkCommand.FailWork(owed.agent(), work, reason.length() > 255 ? reason.substring(0, 255)
                : reason));
        return new Outcome.GaveUp(message, Map.of(WORK_COMPLETION_FAILED, reason.length() > 255
                ? reason.substring(0, 255) : reason));
    }

    // ---- limits and retries ----------------------------------------------------------------------------------------

    private Optional<Instant> pausedAt(Instant now) {
        synchronized (pauseLock) {
            return pausedUntil != null && pausedUntil.isAfter(now) ? Optional.of(pausedUntil) : Optional.empty();
        }
    }

    /** The org's daily limit: its queue waits for {@code limitPause}; the agent whose request met it is told. */
    private Outcome limitReached(OwedDelivery owed, CallId call) {
        Instant until = pause(clock.instant(), LIMIT_REACHED);
        tellOfPause(owed.agent(), call);
        return new Outcome.Retry("Salesforce's daily API limit is reached (REQUEST_LIMIT_EXCEEDED)", until);
    }

    /**
     * An answer's {@code Sforce-Limit-Info} left fewer requests than {@code apiReservePercent}: the org's queue waits
     * as after {@code REQUEST_LIMIT_EXCEEDED}, so the rest is left to the org's other integrations. The request that
     * read it is done; the agents are told as their waiting entries are planned.
     */
    private void reserveReached(long used, long limit) {
        pause(clock.instant(), used >= limit ? LIMIT_REACHED : "Salesforce's daily API requests are nearly used up ("
                + used + " of " + limit + "; the last " + settings.apiReservePercent()
                + " % are left to the org's other integrations)");
    }

    /** Starts the org's pause of {@code limitPause} unless one is on; either way, when the pause ends. */
    private Instant pause(Instant now, String why) {
        Instant until;
        synchronized (pauseLock) {
            if (pausedUntil != null && pausedUntil.isAfter(now)) {
                return pausedUntil;
            }
            until = now.plus(settings.limitPause());
            pausedUntil = until;
            pauseNotice = why + ": calls not logged from an open Salesforce tab are logged after " + until + ".";
            toldOfPause.clear();
        }
        LOG.warn("{}; this node's REST call logs for the org wait until {}", why, until);
        return until;
    }

    /**
     * An entry the REST fallback would run, of an org that is paused: it waits for the pause's end, and its agent,
     * who has work waiting, is told (once per pause, however many entries and sweeps).
     */
    private Plan waitForPause(OwedDelivery owed, @Nullable CallId call, Instant until) {
        tellOfPause(owed.agent(), call);
        return new Plan.NotYet(until);
    }

    private void tellOfPause(AgentId agent, @Nullable CallId call) {
        String notice;
        synchronized (pauseLock) {
            if (!toldOfPause.add(agent)) {
                return;
            }
            notice = pauseNotice;
        }
        // A notice is a publish to the agent's sessions through core's event router, as the service's own notices
        // are; no request to Salesforce.
        engine.execute(new NotifyAgent(agent, LIMIT_NOTICE, notice, call));
    }

    /** A transient failure: backoff by the adapter's retry policy, by the failures in a row. */
    private Outcome.Retry retry(OwedDelivery owed, String reason) {
        int inARow = failures.merge(owed.key(), 1, Integer::sum);
        Duration wait = adapterSettings.retry().delayBefore(Math.max(inARow, owed.attempts() + 1));
        return new Outcome.Retry(reason, clock.instant().plus(wait));
    }

    private static String summary(List<SalesforceApiError> errors) {
        return errors.isEmpty() ? "no reason given"
                : errors.stream().map(SalesforceApiError::summary).collect(Collectors.joining(", "));
    }

    private Duration notReadyRecheck() {
        Duration deadline = settings.deadlineAfterWrapUp();
        return deadline.compareTo(NOT_READY_RECHECK) < 0 ? deadline : NOT_READY_RECHECK;
    }
}
