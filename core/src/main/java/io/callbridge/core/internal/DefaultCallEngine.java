package io.callbridge.core.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreError;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.LogContext;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.machine.AgentMachine;
import io.callbridge.core.machine.CallMachine;
import io.callbridge.core.machine.ProviderRequest;
import io.callbridge.core.machine.Transition;
import io.callbridge.core.machine.WorkItemMachine;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.AgentStateReader;
import io.callbridge.core.spi.IdGenerator;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies commands and provider reports with the pure machines, stores the results with compare-and-set, publishes
 * the events, then asks the phone system to act.
 *
 * <p>Concurrency: on this node, inputs for one call (and for one agent, one work item) are serialised by striped
 * locks, which also keeps their events in order; across nodes the store's compare-and-set keeps updates from being
 * lost (a write that loses is recomputed from the new state). Locks are always taken call → work item → agent, so
 * they cannot deadlock. Requests to the phone system are made after the locks are released: a phone system may
 * report back from inside the request.
 *
 * <p>Cost: an agent keeps its wrapped-up calls (and finished work items) for a while, possibly hundreds of them, but
 * only its open ones (calls not wrapped up, pending work) can change what the next input does. Every write tells the
 * store whether the value is open, and the per-input paths (the agent's activity, matching work to calls) read only
 * the open values through {@link VersionedStore#findOpenByOwner}, so an input costs the same however many finished
 * values are kept. Those paths still check every value they get, as a store may list more than the open ones. The
 * open flag lives in the store, not in this engine, so that the engines of several nodes sharing a store agree.
 */
public final class DefaultCallEngine implements CallEngine, TelephonyEvents {
    /** The notice an agent gets when core wrapped up their call because the wrap-up time ran out. */
    static final String WRAP_UP_TIMED_OUT = "core.WRAP_UP_TIMED_OUT";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCallEngine.class);
    private static final int STRIPES = 256;
    private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final VersionedStore<CallId, Call> calls;
    private final VersionedStore<AgentId, Agent> agents;
    private final VersionedStore<WorkItemKey, WorkItem> work;
    private final AgentEventRouter router;
    private final TelephonyProvider provider;
    private final IdGenerator ids;
    private final Clock clock;
    private final CoreSettings settings;
    private final MetricsRecorder metrics;
    private final ReentrantLock[] callLocks = stripes();
    private final ReentrantLock[] workLocks = stripes();
    private final ReentrantLock[] agentLocks = stripes();
    private final AtomicLong lastStoreWarning = new AtomicLong();
    private final AtomicLong storeRefusals = new AtomicLong();

    public DefaultCallEngine(VersionedStore<CallId, Call> calls, VersionedStore<AgentId, Agent> agents,
            VersionedStore<WorkItemKey, WorkItem> work, AgentEventRouter router, TelephonyProvider provider,
            IdGenerator ids, Clock clock, CoreSettings settings) {
        this(calls, agents, work, router, provider, ids, clock, settings, MetricsRecorder.NONE);
    }

    /** @param metrics where refusals and call states are counted */
    @Inject
    public DefaultCallEngine(VersionedStore<CallId, Call> calls, VersionedStore<AgentId, Agent> agents,
            VersionedStore<WorkItemKey, WorkItem> work, AgentEventRouter router, TelephonyProvider provider,
            IdGenerator ids, Clock clock, CoreSettings settings, MetricsRecorder metrics) {
        this.calls = calls;
        this.agents = agents;
        this.work = work;
        this.router = router;
        this.provider = provider;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CommandResult execute(Command command) {
        if (command == null) {
            return observed(rejected(CoreError.invalid("command", "command is missing")));
        }
        try (LogContext log = LogContext.of(command.agent(),
                command instanceof CallCommand c ? c.callId() : command instanceof Dial d ? d.callId() : null)) {
            return observed(apply(command));
        } catch (StoreUnavailableException e) {
            return observed(storeUnavailable(command.getClass().getSimpleName(), e));
        }
    }

    /** Counts what a finished input did: a refusal by its code, and each state a call entered. */
    private CommandResult observed(CommandResult result) {
        try {
            if (result instanceof CommandResult.Rejected r) {
                metrics.refused(r.error().code());
            } else if (result instanceof CommandResult.Accepted a) {
                for (SequencedEvent e : a.events()) {
                    if (e.event() instanceof CoreEvent.CallCreated created) {
                        metrics.callEntered(created.call().state());
                    } else if (e.event() instanceof CoreEvent.CallStateChanged changed) {
                        metrics.callEntered(changed.call().state());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("metrics recorder failed", e);
        }
        return result;
    }

    private CommandResult apply(Command command) {
        try {
            if (command instanceof Dial d) {
                return dial(d);
            } else if (command instanceof CallCommand c) {
                if (c instanceof CallCommand.WrapUp w && tooLong(w.outcome().notes())) {
                    return rejected(CoreError.invalid("outcome.notes",
                            "notes are longer than " + settings.maxNotesLength() + " characters"));
                }
                return finish(onCall(c.callId(), call -> CallMachine.apply(call, c, now())));
            } else if (command instanceof AgentCommand c) {
                return onAgent(c.agent(), agent -> AgentMachine.apply(agent, c)).result();
            } else if (command instanceof WorkCommand c) {
                return work(c);
            } else if (command instanceof NotifyAgent n) {
                return accepted(router.publish(n.agent(), now(),
                        List.of(new CoreEvent.AgentNotice(n.code(), n.message(), n.callId()))));
            }
            throw new IllegalStateException("unhandled command " + command.getClass().getName());
        } catch (IllegalArgumentException e) {
            return rejected(CoreError.invalid("command", e.getMessage()));
        }
    }

    @Override
    public CommandResult report(ProviderEvent event) {
        if (event == null) {
            return observed(rejected(CoreError.invalid("event", "provider event is missing")));
        }
        try (LogContext log = LogContext.of(event instanceof ProviderEvent.Incoming in ? in.agent() : null,
                event.callId())) {
            if (event instanceof ProviderEvent.Incoming incoming) {
                return observed(incoming(incoming));
            }
            return observed(finish(onCall(event.callId(), call -> CallMachine.apply(call, event, now()))));
        } catch (StoreUnavailableException e) {
            return observed(storeUnavailable(event.getClass().getSimpleName(), e));
        }
    }

    /**
     * The store went away during an input: refused with a typed error, like any refusal. What was written before the
     * failure stays written (each write is atomic on its own); a clustered store makes sure that the agent's followers
     * re-read the state once it is back, so nothing the input did passes unseen.
     */
    private CommandResult storeUnavailable(String input, StoreUnavailableException e) {
        // The message names the store, never the input's data (numbers, notes). While the store is down every input
        // fails: one WARN per interval with the count, the rest at DEBUG.
        long refused = storeRefusals.incrementAndGet();
        long now = System.nanoTime();
        long last = lastStoreWarning.get();
        if ((last == 0 || now - last >= STORE_WARNING_INTERVAL_NANOS) && lastStoreWarning.compareAndSet(last, now)) {
            storeRefusals.set(0);
            LOG.warn("{} refused: the state store is unavailable ({} inputs refused since the last warning): {}",
                    input, refused, e.getMessage());
        } else {
            LOG.debug("{} refused: the state store is unavailable: {}", input, e.getMessage());
        }
        return rejected(CoreError.of(ErrorCode.STORE_UNAVAILABLE,
                "the state store is unavailable; try again in a moment"));
    }

    private CommandResult dial(Dial dial) {
        if (!agent(dial.agent()).loggedIn()) {
            return rejected(notLoggedIn(dial));
        }
        if (dial.callId() == null) {
            // Before an id is issued: a refused dial changes nothing. A dial with its own id may be a retry of the
            // live call itself, which is ignored below, not refused.
            CoreError busy = busy(dial);
            if (busy != null) {
                return rejected(busy);
            }
        }
        CallId id = dial.callId() != null ? dial.callId() : ids.newCallId();
        LogContext.enter(dial.agent(), id);
        // The agent lock is held from the log-in check until the call is stored and the agent is ON_CALL, so a
        // concurrent LogOut either comes first (and the dial is refused) or finds the agent busy.
        // The call as stored, for matching work: its agent, direction and number never change.
        Call[] inserted = new Call[1];
        Outcome created = withLock(callLocks, id, () -> withLock(agentLocks, dial.agent(), () -> {
            if (!agent(dial.agent()).loggedIn()) {
                return Outcome.rejected(notLoggedIn(dial));
            }
            // An id issued just now is new (were it not, the insert's compare-and-set against "absent" would fail with
            // the same DUPLICATE_ID): only a dial with its own id may name a stored call.
            Optional<Versioned<Call>> existing = dial.callId() == null ? Optional.empty() : calls.get(id);
            if (existing.isPresent()) {
                Call call = existing.get().value();
                boolean same = call.agent().equals(dial.agent()) && call.direction() == Direction.OUTBOUND
                        && call.to().sameNumberAs(dial.to());
                return same ? Outcome.ignored("call " + id + " was already dialled")
                        : Outcome.rejected(CoreError.of(ErrorCode.DUPLICATE_ID, "call id " + id + " is already used"));
            }
            // Again under the agent lock, which every dial takes: of two dials at once, only one can pass.
            CoreError busy = busy(dial);
            if (busy != null) {
                return Outcome.rejected(busy);
            }
            Transition<Call> start = CallMachine.start(dial, id, now());
            inserted[0] = ((Transition.Applied<Call>) start).next();
            return insertCall(start);
        }));
        if (created.isAccepted()) {
            created.events.addAll(matchWorkForCall(inserted[0]));
        }
        return finish(created);
    }

    /** One call at a time unless configured otherwise: AGENT_BUSY while the agent has a live call, else null. */
    private @Nullable CoreError busy(Dial dial) {
        if (settings.concurrentCalls()) {
            return null;
        }
        for (Call call : values(calls.findOpenByOwner(dial.agent()))) {
            if (call.state().isLive()) {
                return new CoreError(ErrorCode.AGENT_BUSY, dial.agent() + " already has a live call (" + call.id()
                        + "); end it before dialling", "agent");
            }
        }
        return null;
    }

    private static CoreError notLoggedIn(Dial dial) {
        return new CoreError(ErrorCode.AGENT_NOT_LOGGED_IN, dial.agent() + " must log in before dialling", "agent");
    }

    private CommandResult incoming(ProviderEvent.Incoming incoming) {
        return finish(withLock(callLocks, incoming.callId(), () -> {
            Optional<Versioned<Call>> existing = calls.get(incoming.callId());
            if (existing.isPresent()) {
                Transition<Call> t = CallMachine.apply(existing.get().value(), incoming, now());
                return t instanceof Transition.Rejected<Call> r ? Outcome.rejected(r.error())
                        : Outcome.ignored(((Transition.Ignored<Call>) t).reason());
            }
            return insertCall(CallMachine.start(incoming, now()));
        }));
    }

    /** Stores a new call (caller holds its lock) and publishes its creation. */
    private Outcome insertCall(Transition<Call> start) {
        Transition.Applied<Call> applied = (Transition.Applied<Call>) start;
        Call call = applied.next();
        Optional<List<SequencedEvent>> published = calls.compareAndSetAndPublish(call.id(), 0, call.agent(), call,
                isOpen(call), router, now(), applied.events());
        if (published.isEmpty()) {
            return Outcome.rejected(CoreError.of(ErrorCode.DUPLICATE_ID, "call id " + call.id() + " is already used"));
        }
        Outcome o = Outcome.accepted(published.get(), applied.requests());
        o.events.addAll(refreshActivity(call.agent()));
        return o;
    }

    /**
     * Applies a transition to a stored call, retrying on a lost compare-and-set; publishes its events and refreshes the
     * owner's activity. Requests to the phone system are returned to be made after the lock is released.
     */
    private Outcome onCall(CallId id, Function<Call, Transition<Call>> transition) {
        return withLock(callLocks, id, () -> {
            for (int attempt = 0; attempt < settings.casRetries(); attempt++) {
                Optional<Versioned<Call>> current = calls.get(id);
                if (current.isEmpty()) {
                    return Outcome.rejected(CoreError.of(ErrorCode.UNKNOWN_CALL, "no call " + id));
                }
                Call call = current.get().value();
                // A phone system report names only the call: its agent joins the log context here, inside the
                // report's own scope, which puts back what was there when it ends.
                LogContext.enter(call.agent(), id);
                Transition<Call> t = transition.apply(call);
                if (t instanceof Transition.Ignored<Call> i) {
                    return Outcome.ignored(i.reason());
                } else if (t instanceof Transition.Rejected<Call> r) {
                    return Outcome.rejected(r.error());
                }
                Transition.Applied<Call> a = (Transition.Applied<Call>) t;
                if (a.next().equals(call)) {
                    return Outcome.accepted(List.of(), a.requests());
                }
                Optional<List<SequencedEvent>> published = calls.compareAndSetAndPublish(id,
                        current.get().version(), call.agent(), a.next(), isOpen(a.next()), router, now(), a.events());
                if (published.isPresent()) {
                    Outcome o = Outcome.accepted(published.get(), a.requests());
                    if (AgentMachine.activityOf(a.next()) != AgentMachine.activityOf(call)) {
                        o.events.addAll(refreshActivity(call.agent()));
                    }
                    if (a.next().state() == CallState.ENDED && settings.autoWrapUp().contains(a.next().endStatus())) {
                        // Nothing for the agent to record (e.g. a missed call): wrap up now, under the same lock, so
                        // no command can slip in between.
                        o.events.addAll(onCall(id, ended -> CallMachine.apply(ended,
                                new CallCommand.WrapUp(ended.agent(), id, CallOutcome.NONE), now())).events);
                    }
                    return o;
                }
            }
            return conflict("call " + id);
        });
    }

    private Outcome onAgent(AgentId id, Function<Agent, Transition<Agent>> transition) {
        return onAgentRead(id, () -> new AgentStep(agents.get(id), transition));
    }

    /** The agent as read for one attempt, and the transition to apply to them. */
    private record AgentStep(Optional<Versioned<Agent>> current, Function<Agent, Transition<Agent>> transition) { }

    /** {@link #onAgent} where each attempt's read (the agent, and whatever the transition needs) is {@code read}. */
    private Outcome onAgentRead(AgentId id, java.util.function.Supplier<AgentStep> read) {
        return withLock(agentLocks, id, () -> {
            for (int attempt = 0; attempt < settings.casRetries(); attempt++) {
                AgentStep step = read.get();
                Optional<Versioned<Agent>> current = step.current();
                Function<Agent, Transition<Agent>> transition = step.transition();
                Agent agent = current.map(Versioned::value).orElseGet(() -> Agent.offline(id));
                long version = current.map(Versioned::version).orElse(0L);
                Transition<Agent> t = transition.apply(agent);
                if (t instanceof Transition.Ignored<Agent> i) {
                    return Outcome.ignored(i.reason());
                } else if (t instanceof Transition.Rejected<Agent> r) {
                    return Outcome.rejected(r.error());
                }
                Transition.Applied<Agent> a = (Transition.Applied<Agent>) t;
                // Every agent counts as open (the store's four-argument compareAndSet).
                Optional<List<SequencedEvent>> published = agents.compareAndSetAndPublish(id, version, id, a.next(),
                        true, router, now(), a.events());
                if (published.isPresent()) {
                    return Outcome.accepted(published.get(), List.of());
                }
            }
            return conflict("agent " + id);
        });
    }

    /**
     * Re-derives the agent's activity from their calls (caller may hold a call lock: agent locks come after). Only open
     * calls count: a wrapped-up call adds nothing ({@link AgentMachine#activityOf(Call)} is IDLE for it). Each caller
     * refreshes after its own write to a call, under the agent lock, so the last refresh reads every call as written.
     */
    private List<SequencedEvent> refreshActivity(AgentId id) {
        AgentStateReader reader = stateReader();
        if (reader != null) {
            // The agent and their open calls in one read (e.g. one Redis script) instead of two.
            return onAgentRead(id, () -> {
                AgentStateReader.ActivityInputs read = reader.readActivity(id);
                List<Call> open = values(read.openCalls());
                return new AgentStep(read.agent(), agent -> AgentMachine.activityChanged(agent,
                        AgentMachine.activityOf(open)));
            }).events;
        }
        Outcome o = onAgent(id, agent -> AgentMachine.activityChanged(agent, AgentMachine.activityOf(
                values(calls.findOpenByOwner(id)))));
        return o.events;
    }

    /** The router as a reader of this engine's stores, if it is one (see {@link AgentStateReader}). */
    private @Nullable AgentStateReader stateReader() {
        return router instanceof AgentStateReader reader && reader.reads(calls, agents, work) ? reader : null;
    }

    private Outcome onWork(WorkItemKey key, Function<WorkItem, Transition<WorkItem>> transition) {
        return withLock(workLocks, key, () -> {
            for (int attempt = 0; attempt < settings.casRetries(); attempt++) {
                Optional<Versioned<WorkItem>> current = work.get(key);
                if (current.isEmpty()) {
                    return Outcome.rejected(CoreError.of(ErrorCode.UNKNOWN_WORK_ITEM, "no work item " + key.id()));
                }
                Transition<WorkItem> t = transition.apply(current.get().value());
                if (t instanceof Transition.Ignored<WorkItem> i) {
                    return Outcome.ignored(i.reason());
                } else if (t instanceof Transition.Rejected<WorkItem> r) {
                    return Outcome.rejected(r.error());
                }
                Transition.Applied<WorkItem> a = (Transition.Applied<WorkItem>) t;
                Optional<List<SequencedEvent>> published = work.compareAndSetAndPublish(key, current.get().version(),
                        key.agent(), a.next(), isOpen(a.next()), router, now(), a.events());
                if (published.isPresent()) {
                    return Outcome.accepted(published.get(), List.of());
                }
            }
            return conflict("work item " + key.id());
        });
    }

    // ---------------------------------------------------------------- work items

    private CommandResult work(WorkCommand command) {
        WorkItemKey key = new WorkItemKey(command.agent(), command.workItemId());
        if (command instanceof WorkCommand.OfferWork offer) {
            Outcome offered = withLock(workLocks, key, () -> {
                Optional<Versioned<WorkItem>> existing = work.get(key);
                if (existing.isPresent()) {
                    Transition<WorkItem> t = WorkItemMachine.apply(existing.get().value(), offer, now());
                    return t instanceof Transition.Rejected<WorkItem> r ? Outcome.rejected(r.error())
                            : Outcome.ignored(((Transition.Ignored<WorkItem>) t).reason());
                }
                Instant now = now();
                Transition.Applied<WorkItem> a = (Transition.Applied<WorkItem>) WorkItemMachine.offer(offer, now,
                        now.plus(offer.ttl() != null ? offer.ttl() : settings.workTtl()));
                Optional<List<SequencedEvent>> published = work.compareAndSetAndPublish(key, 0, key.agent(), a.next(),
                        isOpen(a.next()), router, now, a.events());
                if (published.isEmpty()) {
                    return conflict("work item " + key.id());
                }
                return Outcome.accepted(published.get(), List.of());
            });
            if (offered.isAccepted()) {
                offered.events.addAll(matchCallForWork(key));
            }
            return offered.result();
        } else if (command instanceof WorkCommand.MatchWork m) {
            return match(m.callId(), key, true).result();
        }
        return onWork(key, item -> WorkItemMachine.apply(item, command, now())).result();
    }

    /** A new outbound call: claim the oldest pending work for the same number offered within the window. */
    private List<SequencedEvent> matchWorkForCall(Call dialled) {
        CallId callId = dialled.id();
        // Only what a call never changes is read here (agent, direction, number); match() reads the call again.
        Optional<Call> call = Optional.of(dialled);
        if (call.get().direction() != Direction.OUTBOUND) {
            return List.of();
        }
        Instant earliest = now().minus(settings.workMatchWindow());
        Instant now = now();
        List<WorkItem> candidates = work.findOpenByOwner(call.get().agent()).stream().map(Versioned::value)
                .filter(w -> w.state() == WorkItemState.PENDING)
                .filter(w -> !w.offeredAt().isBefore(earliest) && now.isBefore(w.expiresAt()))
                .filter(w -> w.expectedNumber().sameNumberAs(call.get().to()))
                .sorted(Comparator.comparing(WorkItem::offeredAt))
                .toList();
        for (WorkItem candidate : candidates) {
            Outcome o = match(callId, new WorkItemKey(candidate.agent(), candidate.id()), false);
            if (o.isAccepted()) {
                return o.events;
            }
        }
        return List.of();
    }

    /** New work: claim the newest unmatched outbound call to the same number placed within the window. */
    private List<SequencedEvent> matchCallForWork(WorkItemKey key) {
        Optional<WorkItem> item = work.get(key).map(Versioned::value);
        if (item.isEmpty()) {
            return List.of();
        }
        Instant earliest = now().minus(settings.workMatchWindow());
        List<Call> candidates = calls.findOpenByOwner(key.agent()).stream().map(Versioned::value)
                .filter(c -> c.direction() == Direction.OUTBOUND && c.workItem() == null)
                .filter(c -> c.state() != CallState.WRAPPED_UP && !c.createdAt().isBefore(earliest))
                .filter(c -> c.to().sameNumberAs(item.get().expectedNumber()))
                .sorted(Comparator.comparing(Call::createdAt).reversed())
                .toList();
        for (Call candidate : candidates) {
            Outcome o = match(candidate.id(), key, false);
            if (o.isAccepted()) {
                return o.events;
            }
        }
        return List.of();
    }

    /** Links a work item and a call, both or neither; takes the call lock, then the work lock. */
    private Outcome match(CallId callId, WorkItemKey key, boolean explicit) {
        return withLock(callLocks, callId, () -> withLock(workLocks, key, () -> {
            Optional<Versioned<Call>> call = calls.get(callId);
            if (call.isEmpty() || !call.get().value().agent().equals(key.agent())) {
                return Outcome.rejected(CoreError.of(ErrorCode.UNKNOWN_CALL, "no call " + callId));
            }
            Call c = call.get().value();
            if (c.direction() != Direction.OUTBOUND) {
                return Outcome.rejected(CoreError.invalid("callId", "only outbound calls fulfil work items"));
            }
            if (c.workItem() != null && !c.workItem().equals(key.id())) {
                return Outcome.rejected(CoreError.of(ErrorCode.ILLEGAL_TRANSITION,
                        "call " + callId + " already fulfils work item " + c.workItem()));
            }
            Outcome matched = onWork(key, item -> WorkItemMachine.match(item, callId));
            if (!matched.isAccepted()) {
                return explicit || matched.result.isRejected() ? matched : Outcome.ignored("already matched");
            }
            Outcome linked = onCall(callId, current -> {
                if (current.workItem() != null) {
                    return new Transition.Ignored<>("call " + callId + " is already linked");
                }
                Call next = current.toBuilder().workItem(key.id()).build();
                return new Transition.Applied<>(next, List.of(new CoreEvent.CallUpdated(next)), List.of());
            });
            matched.events.addAll(linked.events);
            return matched;
        }));
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Call> call(CallId id) {
        return calls.get(id).map(Versioned::value);
    }

    @Override
    public Agent agent(AgentId id) {
        return agents.get(id).map(Versioned::value).orElseGet(() -> Agent.offline(id));
    }

    @Override
    public List<Call> calls(AgentId id) {
        return sortedCalls(calls.findByOwner(id));
    }

    private static List<Call> sortedCalls(List<Versioned<Call>> found) {
        Call[] sorted = new Call[found.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = found.get(i).value();
        }
        Arrays.sort(sorted, DefaultCallEngine::oldestFirst);
        return List.of(sorted);
    }

    /**
     * Creation time, then id: the order of {@link #calls}. One comparator method rather than a chain of key
     * extractors: a snapshot sorts every kept call, and each comparison of the chain made several calls the JIT
     * could not inline (the sort's comparator call site sees every comparator in the JVM).
     */
    private static int oldestFirst(Call a, Call b) {
        int byTime = a.createdAt().compareTo(b.createdAt());
        return byTime != 0 ? byTime : a.id().value().compareTo(b.id().value());
    }

    @Override
    public Optional<WorkItem> workItem(AgentId agent, WorkItemId id) {
        return work.get(new WorkItemKey(agent, id)).map(Versioned::value);
    }

    @Override
    public List<WorkItem> workItems(AgentId id) {
        return sortedWorkItems(work.findByOwner(id));
    }

    private static List<WorkItem> sortedWorkItems(List<Versioned<WorkItem>> found) {
        WorkItem[] sorted = new WorkItem[found.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = found.get(i).value();
        }
        Arrays.sort(sorted, DefaultCallEngine::oldestFirst);
        return List.of(sorted);
    }

    /** Offer time, then id: the order of {@link #workItems}, written like {@link #oldestFirst(Call, Call)}. */
    private static int oldestFirst(WorkItem a, WorkItem b) {
        int byTime = a.offeredAt().compareTo(b.offeredAt());
        return byTime != 0 ? byTime : a.id().value().compareTo(b.id().value());
    }

    @Override
    public AgentSnapshot snapshot(AgentId id) {
        AgentStateReader reader = stateReader();
        if (reader != null) {
            // One read for all four (e.g. one Redis script): the same answer, one round trip instead of four.
            AgentStateReader.State state = reader.read(id);
            return new AgentSnapshot(state.sequence(),
                    state.agent().map(Versioned::value).orElseGet(() -> Agent.offline(id)),
                    sortedCalls(state.calls()), sortedWorkItems(state.workItems()));
        }
        long sequence = router.lastSequence(id);
        return new AgentSnapshot(sequence, agent(id), calls(id), workItems(id));
    }

    @Override
    public AgentSnapshot snapshot(AgentId id, int wrappedUp) {
        if (wrappedUp < 0) {
            throw new IllegalArgumentException("wrappedUp must be >= 0 but was " + wrappedUp);
        }
        AgentStateReader reader = stateReader();
        if (reader == null) {
            return snapshot(id).withNewestWrappedUp(wrappedUp);
        }
        // The reader may return more closed calls than asked for (the default reads them all): core keeps the newest.
        AgentStateReader.State state = reader.readRecent(id, wrappedUp);
        return new AgentSnapshot(state.sequence(),
                state.agent().map(Versioned::value).orElseGet(() -> Agent.offline(id)),
                sortedCalls(state.calls()), sortedWorkItems(state.workItems())).withNewestWrappedUp(wrappedUp);
    }

    @Override
    public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        return router.subscribe(agent, Math.max(0, afterSequence), listener);
    }

    @Override
    public void housekeeping() {
        housekeep(work.all(), calls.all(), true);
    }

    @Override
    public void housekeepOpen() {
        // Nothing open waits on a timeout when wrap-up has none: the calls need not even be read.
        housekeep(work.allOpen(), settings.wrapUpTimeout() == null ? List.of() : calls.allOpen(), false);
    }

    /**
     * Expires the pending work items that are due and wraps up the calls whose wrap-up timed out; with {@code forget},
     * also removes the finished ones kept past their retention.
     */
    private void housekeep(Collection<Versioned<WorkItem>> items, Collection<Versioned<Call>> kept, boolean forget) {
        Instant now = now();
        for (Versioned<WorkItem> v : items) {
            WorkItem item = v.value();
            WorkItemKey key = new WorkItemKey(item.agent(), item.id());
            if (item.state() == WorkItemState.PENDING && !now.isBefore(item.expiresAt())) {
                onWork(key, current -> WorkItemMachine.expire(current, now));
            } else if (forget && item.state().isTerminal()
                    && item.expiresAt().plus(settings.callRetention()).isBefore(now)) {
                work.remove(key, v.version());
            }
        }
        Duration wrapUpTimeout = settings.wrapUpTimeout();
        for (Versioned<Call> v : kept) {
            Call call = v.value();
            if (forget && call.state() == CallState.WRAPPED_UP && call.wrappedUpAt() != null
                    && call.wrappedUpAt().plus(settings.callRetention()).isBefore(now)) {
                calls.remove(call.id(), v.version());
            } else if (wrapUpTimeout != null && call.state() == CallState.ENDED && call.endedAt() != null
                    && !now.isBefore(call.endedAt().plus(wrapUpTimeout))) {
                wrapUpTimedOut(call, wrapUpTimeout);
            }
        }
    }

    /**
     * The agent left {@code call} in wrap-up for longer than {@link CoreSettings#wrapUpTimeout()}: it is wrapped up
     * with an empty outcome, as the agent's own wrap-up would (so its CRM log goes), and the agent is told.
     */
    private void wrapUpTimedOut(Call call, Duration timeout) {
        CommandResult result = execute(new CallCommand.WrapUp(call.agent(), call.id(), CallOutcome.NONE));
        if (result instanceof CommandResult.Accepted) {
            LOG.info("call {} wrapped up by core: it waited in wrap-up for more than {}", call.id().value(), timeout);
            execute(new NotifyAgent(call.agent(), WRAP_UP_TIMED_OUT, "Wrap-up time (" + timeout.toSeconds()
                    + " s) ran out: the call was logged without an outcome", call.id()));
        } else {
            // The agent wrapped it up meanwhile, or the call changed: nothing to do.
            LOG.debug("call {}: wrap-up after the timeout not applied: {}", call.id().value(), result);
        }
    }

    // ---------------------------------------------------------------- phone system

    private void perform(ProviderRequest request) {
        try {
            if (request instanceof ProviderRequest.PlaceCall r) {
                provider.placeCall(r.callId(), r.agent(), r.from(), r.to());
            } else if (request instanceof ProviderRequest.AnswerCall r) {
                provider.answer(r.callId());
            } else if (request instanceof ProviderRequest.RejectCall r) {
                provider.reject(r.callId());
            } else if (request instanceof ProviderRequest.HangUpCall r) {
                provider.hangUp(r.callId());
            } else if (request instanceof ProviderRequest.HoldCall r) {
                provider.hold(r.callId());
            } else if (request instanceof ProviderRequest.ResumeCall r) {
                provider.resume(r.callId());
            } else if (request instanceof ProviderRequest.TransferCall r) {
                provider.transfer(r.callId(), r.target());
            } else if (request instanceof ProviderRequest.SetMuted r) {
                provider.setMuted(r.callId(), r.muted());
            }
        } catch (RuntimeException e) {
            // The phone system's refusal is the agent's news, not a crash: tell them, and end a call that never left.
            // The request holds the number dialled and the phone system's message may repeat it: at WARN only the call
            // and what was asked; the rest at DEBUG.
            LOG.warn("phone system refused {} for call {} ({})", request.getClass().getSimpleName(),
                    request.callId().value(), e.getClass().getSimpleName());
            LOG.debug("phone system refused {}: {}", request, e.getMessage());
            Optional<Call> call = call(request.callId());
            if (call.isEmpty()) {
                return;
            }
            execute(new NotifyAgent(call.get().agent(), "provider.failure",
                    "The phone system could not " + describe(request) + ": " + e.getMessage(), request.callId()));
            if (request instanceof ProviderRequest.PlaceCall) {
                report(new ProviderEvent.Ended(request.callId(), EndStatus.FAILED));
            }
        }
    }

    private static String describe(ProviderRequest request) {
        if (request instanceof ProviderRequest.PlaceCall) {
            return "place the call";
        } else if (request instanceof ProviderRequest.AnswerCall) {
            return "answer the call";
        } else if (request instanceof ProviderRequest.RejectCall) {
            return "decline the call";
        } else if (request instanceof ProviderRequest.HangUpCall) {
            return "hang up";
        } else if (request instanceof ProviderRequest.HoldCall) {
            return "put the call on hold";
        } else if (request instanceof ProviderRequest.ResumeCall) {
            return "resume the call";
        } else if (request instanceof ProviderRequest.TransferCall) {
            return "transfer the call";
        }
        return "change mute";
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * A call stays open until it is wrapped up: until then it adds to its agent's activity and may be matched to work.
     */
    private static boolean isOpen(Call call) {
        return call.state() != CallState.WRAPPED_UP;
    }

    /** A work item stays open while it is pending: only then can a dial claim it. */
    private static boolean isOpen(WorkItem item) {
        return item.state() == WorkItemState.PENDING;
    }

    private static <V> List<V> values(List<Versioned<V>> versioned) {
        List<V> values = new ArrayList<>(versioned.size());
        for (Versioned<V> v : versioned) {
            values.add(v.value());
        }
        return values;
    }

    /** Makes the requests a step left for the phone system (no lock is held here) and returns its result. */
    private CommandResult finish(Outcome outcome) {
        outcome.requests.forEach(this::perform);
        return outcome.result();
    }

    private Instant now() {
        return clock.instant();
    }

    private boolean tooLong(@Nullable String notes) {
        return notes != null && notes.length() > settings.maxNotesLength();
    }

    private Outcome conflict(String what) {
        LOG.warn("gave up on {} after {} lost compare-and-set attempts", what, settings.casRetries());
        return Outcome.rejected(CoreError.of(ErrorCode.CONFLICT, what + " kept changing; try again"));
    }

    private static CommandResult accepted(List<SequencedEvent> events) {
        return new CommandResult.Accepted(events);
    }

    private static CommandResult rejected(CoreError error) {
        return new CommandResult.Rejected(error);
    }

    private static ReentrantLock[] stripes() {
        ReentrantLock[] locks = new ReentrantLock[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    private static <T> T withLock(ReentrantLock[] locks, Object key, java.util.function.Supplier<T> body) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** What a step produced: its result, the events published so far, and requests still to make. */
    private static final class Outcome {
        final CommandResult result;
        final List<SequencedEvent> events;
        final List<ProviderRequest> requests;

        private Outcome(CommandResult result, List<SequencedEvent> events, List<ProviderRequest> requests) {
            this.result = result;
            this.events = new ArrayList<>(events);
            this.requests = List.copyOf(requests);
        }

        static Outcome accepted(List<SequencedEvent> events, List<ProviderRequest> requests) {
            return new Outcome(new CommandResult.Accepted(List.of()), events, requests);
        }

        static Outcome ignored(String reason) {
            return new Outcome(new CommandResult.Ignored(reason), List.of(), List.of());
        }

        static Outcome rejected(CoreError error) {
            return new Outcome(new CommandResult.Rejected(error), List.of(), List.of());
        }

        boolean isAccepted() {
            return result instanceof CommandResult.Accepted;
        }

        /** The result with every event published along the way (matching, activity) included. */
        CommandResult result() {
            return isAccepted() ? new CommandResult.Accepted(events) : result;
        }
    }
}
