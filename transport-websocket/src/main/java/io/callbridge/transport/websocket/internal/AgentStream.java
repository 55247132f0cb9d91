package io.callbridge.transport.websocket.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.LogContext;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.UiTopicStore;
import io.callbridge.transport.websocket.internal.protocol.BridgeFrame;
import io.callbridge.transport.websocket.internal.protocol.FrameCodec;
import io.callbridge.transport.websocket.internal.protocol.InvalidFrameException;
import io.callbridge.transport.websocket.internal.protocol.WireError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One agent in one CRM: the agent's connected frames of that CRM, the adapter's handler for them, the ordered stream
 * of UI snapshots with the newest kept for joining frames, and the CRM invocations in flight. Implements the adapter's
 * {@link BridgeChannel}.
 *
 * <p>Locking: state is guarded by {@code this}; frames are only queued (never written) under the lock, so a slow
 * connection cannot hold it. Everything that calls the adapter runs on {@link #serial}, one task at a time.
 */
final class AgentStream implements BridgeChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AgentStream.class);
    private static final int NOTICES_KEPT = 20;
    private static final int NOTICES_PER_CODE = 3;
    /**
     * Ids of finished invocations remembered so that a late or repeated result is ignored rather than refused. Late
     * results come within seconds of giving up; a long memory would grow every stream with its call history.
     */
    private static final int FINISHED_KEPT = 64;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** What a bridge is told when the store failed its frame: nothing was done, and it may try again. */
    private static final String STORE_DOWN = "the server's store is unavailable; nothing was done, try again shortly";

    /** Identifies a stream. */
    record Key(AgentId agent, String crm) { }

    /** Everything a stream needs from the server. */
    record Services(CallEngine engine, UiState ui, UiActions actions, FrameCodec codec,
            java.util.concurrent.Executor pool, ScheduledExecutorService timers, Clock clock, Duration uiRefreshDelay,
            MetricsRecorder metrics, UiTopicStore topics) { }

    /** A {@code ui} frame; its state is the text from {@code stateStart} to the closing brace. */
    private record Message(long seq, String json, int stateStart) {
        /** Whether {@code state} is this frame's state, char for char (without making a string of either). */
        boolean sameState(CharSequence state) {
            int n = state.length();
            if (json.length() - 1 - stateStart != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (json.charAt(stateStart + i) != state.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Member {
        final BridgeSession session;
        long lastActive;

        Member(BridgeSession session, long lastActive) {
            this.session = session;
            this.lastActive = lastActive;
        }
    }

    private static final class Pending {
        final Invocation invocation;
        final String json;
        final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
        final Set<String> sentTo = new HashSet<>();
        final long startedNanos = System.nanoTime();
        @Nullable String current;
        boolean timedOut;
        boolean done;
        /**
         * When the current attempt (or the wait for a frame) times out, in {@link System#nanoTime()} terms;
         * {@link Long#MAX_VALUE} when nothing is armed. The stream's {@link #sweep} reads it.
         */
        long deadline = Long.MAX_VALUE;
        /** The session the armed deadline is for; null while waiting for a frame to join. */
        @Nullable String deadlineSession;

        Pending(Invocation invocation, String json) {
            this.invocation = invocation;
            this.json = json;
        }
    }

    private final Key key;
    private final CrmBridge crmBridge;
    private final Services services;
    /** The agent's serial queue; every task on it runs with the agent in the log context. */
    private final java.util.concurrent.Executor serial;
    /**
     * The same queue, but run on the calling thread when the queue is idle ({@link SerialQueue#executeHere}): for the
     * work a bridge's frame causes, submitted by the thread that read the frame, holding no lock. It saves a thread hop
     * and a wake-up per frame; the adapter's own queue already keeps its handlers short.
     */
    private final java.util.concurrent.Executor here;

    /** Only touched on {@link #serial}. */
    private @Nullable AgentBridge handler;

    private final Map<String, Member> members = new LinkedHashMap<>();
    private long activity;
    private long seq;
    /** The seq of the stream's first snapshot: resume points from {@code firstSeq - 1} on belong to this stream. */
    private long firstSeq;
    /**
     * The newest snapshot, all a reconnecting bridge needs: each is the whole state, so it replaces any it missed.
     * Keeping only this (rather than a backlog of snapshots) keeps a stream's memory independent of call volume.
     */
    private @Nullable Message latest;
    /**
     * The agent's topics as last read from (or, while it could not be reached, written for) the {@link UiTopicStore}
     * every node shares; the store is read again before each snapshot.
     */
    private final Map<String, JsonNode> topics = new HashMap<>();
    private @Nullable Subscription topicSubscription;
    private final ArrayDeque<UiState.Notice> notices = new ArrayDeque<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final LinkedHashSet<String> finished = new LinkedHashSet<>();
    private boolean closed;
    private final Object startLock = new Object();
    private boolean started;
    /** Frames admitted by the registry that have not joined yet; they keep the stream from being detached. */
    private int reservations;
    private @Nullable Subscription subscription;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    /**
     * One timer for every invocation of the stream, armed for the earliest deadline: an invocation's result leaves its
     * deadline to lapse instead of cancelling a timer, so a call's invocations cost no timer task each. Guarded by
     * {@code this}.
     */
    private @Nullable ScheduledFuture<?> sweep;
    private long sweepAt;

    AgentStream(Key key, CrmBridge crmBridge, Services services) {
        this.key = key;
        this.crmBridge = crmBridge;
        this.services = services;
        SerialQueue queue = new SerialQueue(services.pool());
        this.serial = task -> queue.execute(() -> {
            try (LogContext log = LogContext.of(key.agent(), null)) {
                task.run();
            }
        });
        this.here = task -> queue.executeHere(() -> {
            try (LogContext log = LogContext.of(key.agent(), null)) {
                task.run();
            }
        });
    }

    Key key() {
        return key;
    }

    /** Attaches the adapter, takes the first snapshot and follows the agent's events. */
    void start() {
        // Once per stream: several first frames of an agent may race here (see StreamRegistry.join); the others wait
        // until the first has attached the adapter and taken the first snapshot.
        synchronized (startLock) {
            if (started) {
                return;
            }
            started = true;
            serial.execute(() -> {
                try {
                    handler = crmBridge.attach(key.agent(), this);
                } catch (RuntimeException e) {
                    LOG.error("adapter {} failed to attach agent {}; its CRM events will be refused ({})", key.crm(),
                            key.agent(), Failures.summary(e));
                    LOG.debug("adapter {} failed to attach agent {}", key.crm(), key.agent(), e);
                }
            });
            // Topics another node's adapter published for the agent's frames there: listened to first, so that no
            // change falls between the read below and the subscription.
            topicSubscription = services.topics().listen(key.agent(), key.crm(), this::requestRefresh);
            Map<String, JsonNode> stored = readTopics();
            AgentSnapshot snapshot = services.engine().snapshot(key.agent(), UiState.WRAPPED_UP_SHOWN);
            synchronized (this) {
                if (stored != null) {
                    topics.clear();
                    topics.putAll(stored);
                }
                // Seqs start at the clock's millis so that a stream created again (after a restart or once every frame
                // left) continues above the old one; a bridge's stale resumeAfter then never matches new messages.
                seq = Math.max(0, services.clock().millis() - 1);
                firstSeq = seq + 1;
                appendLocked(renderLocked(snapshot));
            }
            subscription = services.engine().subscribe(key.agent(), snapshot.sequence(), new AgentEventListener() {
                @Override
                public void onEvent(SequencedEvent event) {
                    if (event.event() instanceof CoreEvent.AgentNotice) {
                        CoreEvent.AgentNotice notice = (CoreEvent.AgentNotice) event.event();
                        synchronized (AgentStream.this) {
                            addNoticeLocked(new UiState.Notice(notice.code(), notice.message(),
                                    notice.callId() == null ? null : notice.callId().value(), event.occurredAt()));
                        }
                    }
                    requestRefresh();
                }

                @Override
                public void onGap(long requestedAfter, long resumeAfter) {
                    requestRefresh();
                }
            });
        }
    }

    /**
     * Keeps the newest {@value #NOTICES_KEPT} notices, of which at most {@value #NOTICES_PER_CODE} of any one code: a
     * bridge sending junk {@code *_FAILED} events, which the adapter turns into notices, would otherwise push every real
     * notice out of the agent's view.
     */
    private void addNoticeLocked(UiState.Notice notice) {
        notices.addLast(notice);
        int sameCode = 0;
        for (Iterator<UiState.Notice> it = notices.descendingIterator(); it.hasNext(); ) {
            if (it.next().code().equals(notice.code()) && ++sameCode > NOTICES_PER_CODE) {
                it.remove();
            }
        }
        while (notices.size() > NOTICES_KEPT) {
            notices.removeFirst();
        }
    }

    // ---------------------------------------------------------------- sessions

    /** Adds a session: sends it the welcome and either what it missed since {@code resumeAfter} or a snapshot. */
    void join(BridgeSession session, @Nullable Long resumeAfter) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stream closed");
            }
            Message newest = latest;
            boolean resumed = resumeAfter != null && newest != null && resumeAfter <= seq
                    && resumeAfter >= firstSeq - 1;
            session.send(new BridgeFrame.Welcome(session.id(), seq, resumed));
            // A resuming bridge that saw the newest snapshot gets nothing more; any other gets the newest snapshot,
            // which supersedes every one it missed.
            if (newest != null && !(resumed && resumeAfter == seq)) {
                session.sendEncoded(newest.json(), true);
            }
            members.put(session.id(), new Member(session, ++activity));
            if (reservations > 0) {
                reservations--;
            }
            for (Pending p : new ArrayList<>(pending.values())) {
                if (p.current == null && !p.done) {
                    dispatchLocked(p);
                }
            }
        }
        FrameInfo frame = session.frame();
        serial.execute(() -> {
            if (handler != null) {
                try {
                    handler.frameJoined(frame);
                } catch (RuntimeException e) {
                    LOG.warn("adapter {} failed on frameJoined ({})", key.crm(), Failures.summary(e));
                    LOG.debug("adapter {} failed on frameJoined", key.crm(), e);
                }
            }
        });
    }

    /** Removes a session; re-routes what it was running. Returns whether no session is left. */
    boolean leave(BridgeSession session) {
        boolean empty;
        synchronized (this) {
            if (members.remove(session.id()) == null) {
                return members.isEmpty();
            }
            for (Pending p : new ArrayList<>(pending.values())) {
                if (session.id().equals(p.current)) {
                    cancelTimer(p);
                    p.current = null;
                    if (p.invocation.target() instanceof Invocation.Target.Frame) {
                        finishLocked(p, noFrame("the frame running it disconnected"));
                    } else {
                        dispatchLocked(p);
                    }
                }
            }
            empty = members.isEmpty();
        }
        FrameInfo frame = session.frame();
        serial.execute(() -> {
            if (handler != null) {
                try {
                    handler.frameLeft(frame);
                } catch (RuntimeException e) {
                    LOG.warn("adapter {} failed on frameLeft ({})", key.crm(), Failures.summary(e));
                    LOG.debug("adapter {} failed on frameLeft", key.crm(), e);
                }
            }
        });
        return empty;
    }

    /** Whether the session is running a CRM invocation of this stream (it was sent one and has not answered). */
    synchronized boolean running(String sessionId) {
        for (Pending p : pending.values()) {
            if (sessionId.equals(p.current)) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean isEmpty() {
        return members.isEmpty() && reservations == 0;
    }

    /** A frame is about to join: until it has (or {@link #cancelReservation()}), the stream is not idle. */
    synchronized void reserve() {
        reservations++;
    }

    synchronized void cancelReservation() {
        if (reservations > 0) {
            reservations--;
        }
    }

    /** The frame the user just used becomes the preferred one for invocations. */
    private synchronized void markActive(BridgeSession session) {
        Member m = members.get(session.id());
        if (m != null) {
            m.lastActive = ++activity;
        }
    }

    /** Tears the stream down once no frame is left: completes what is pending and releases the adapter. */
    void close() {
        List<Pending> abandoned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayList<>(pending.values());
            pending.clear();
            latest = null;
            if (sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }
        if (subscription != null) {
            subscription.close();
        }
        if (topicSubscription != null) {
            topicSubscription.close();
        }
        for (Pending p : abandoned) {
            cancelTimer(p);
            p.future.complete(noFrame("no frame of the agent is connected"));
        }
        serial.execute(() -> {
            if (handler != null) {
                try {
                    handler.close();
                } catch (RuntimeException e) {
                    LOG.warn("adapter {} failed to close ({})", key.crm(), Failures.summary(e));
                    LOG.debug("adapter {} failed to close", key.crm(), e);
                }
                handler = null;
            }
        });
    }

    // ---------------------------------------------------------------- from bridges

    void crmEvent(BridgeSession session, BridgeFrame.CrmEvent event) {
        markActive(session);
        String data = services.codec().write(event.data());
        FrameInfo frame = session.frame();
        here.execute(() -> {
            AgentBridge current = handler;
            if (current == null) {
                session.send(new BridgeFrame.ErrorFrame(WireError.ADAPTER_FAILURE.name(),
                        "the " + key.crm() + " adapter is not available", null, event.ref()));
                return;
            }
            try {
                current.crmEvent(frame, event.name(), data);
            } catch (BridgeInputException e) {
                LOG.debug("adapter {} refused event {} ({} at {}): {}", key.crm(), event.name(), e.kind(), e.field(),
                        e.getMessage());
                session.send(new BridgeFrame.ErrorFrame(e.kind().name(), e.getMessage(), e.field(), event.ref()));
            } catch (StoreUnavailableException e) {
                // Not the adapter's fault, and passing: the bridge may send the event again shortly.
                long held = session.warnings().admit("store", System.nanoTime());
                if (held >= 0) {
                    LOG.warn("adapter {} could not handle event {}: the store is unavailable ({}){}", key.crm(),
                            event.name(), Failures.summary(e), RepeatedWarnings.heldBackNote(held));
                }
                session.send(new BridgeFrame.ErrorFrame(WireError.STORE_UNAVAILABLE.name(), STORE_DOWN, null,
                        event.ref()));
            } catch (RuntimeException e) {
                long held = session.warnings().admit("event " + event.name(), System.nanoTime());
                if (held >= 0) {
                    LOG.warn("adapter {} failed on event {} ({}){}", key.crm(), event.name(), Failures.summary(e),
                            RepeatedWarnings.heldBackNote(held));
                }
                LOG.debug("adapter {} failed on event {}", key.crm(), event.name(), e);
                session.send(new BridgeFrame.ErrorFrame(WireError.ADAPTER_FAILURE.name(),
                        "the adapter failed to handle the event", null, event.ref()));
            }
        });
    }

    void uiAction(BridgeSession session, BridgeFrame.UiAction action) {
        markActive(session);
        here.execute(() -> {
            BridgeFrame.Ack ack;
            try {
                ack = services.actions().perform(key.agent(), action);
            } catch (RuntimeException e) {
                long held = session.warnings().admit("action " + action.action(), System.nanoTime());
                if (held >= 0) {
                    LOG.warn("UI action {} failed ({}){}", action.action(), Failures.summary(e),
                            RepeatedWarnings.heldBackNote(held));
                }
                LOG.debug("UI action {} failed", action.action(), e);
                ack = new BridgeFrame.Ack(action.id(), false, "rejected", null,
                        io.callbridge.transport.websocket.internal.protocol.Fault.of(WireError.INTERNAL.name(),
                                "the action failed unexpectedly", null));
            }
            session.send(ack);
        });
    }

    /** Applies a bridge's result; returns an error to send back if the result is not for anything this session runs. */
    Optional<BridgeFrame.ErrorFrame> result(BridgeSession session, BridgeFrame.Result result) {
        Runnable completion;
        synchronized (this) {
            Pending p = pending.get(result.id());
            if (p == null && finished.contains(result.id())) {
                // A late answer from a frame we gave up on, or a duplicate: the first result won.
                LOG.debug("ignoring late result for invocation {} from {}", result.id(), session.id());
                return Optional.empty();
            }
            if (p == null || !p.sentTo.contains(session.id())) {
                return Optional.of(new BridgeFrame.ErrorFrame(WireError.UNKNOWN_INVOCATION.name(),
                        "no invocation with this id is waiting for this session", "id", result.id()));
            }
            InvocationResult outcome;
            if (result.ok()) {
                JsonNode value = result.value();
                outcome = new InvocationResult.Success(value == null ? "null" : services.codec().write(value),
                        session.id());
            } else {
                var error = java.util.Objects.requireNonNull(result.error());
                outcome = new InvocationResult.Failure(InvocationResult.Kind.valueOf(error.code()), error.message(),
                        error.details() == null ? null : services.codec().write(error.details()), session.id());
            }
            completion = finishedLocked(p, outcome);
        }
        // Outside the lock, on the thread that read the result when the agent's queue is idle.
        here.execute(completion);
        return Optional.empty();
    }

    // ---------------------------------------------------------------- BridgeChannel

    @Override
    public CompletionStage<InvocationResult> invoke(Invocation invocation) {
        String json;
        try {
            // The adapter's arguments are JSON text already: written as they are, not parsed and written again.
            json = services.codec().encodeInvoke(invocation.id(), invocation.method(), invocation.argsJson());
        } catch (InvalidFrameException e) {
            LOG.warn("adapter {} sent invocation {} that cannot go on the wire ({} at {})", key.crm(),
                    invocation.method(), e.code(), e.field());
            LOG.debug("adapter {} sent an invocation that cannot go on the wire: {}", key.crm(), e.getMessage());
            return CompletableFuture.completedFuture(new InvocationResult.Failure(InvocationResult.Kind.BRIDGE_ERROR,
                    "invocation not sendable: " + e.getMessage(), null, null));
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(noFrame("no frame of the agent is connected"));
            }
            Pending existing = pending.get(invocation.id());
            if (existing != null) {
                // The same side effect asked again while it runs: one execution, one answer for both.
                return existing.future;
            }
            Pending p = new Pending(invocation, json);
            pending.put(invocation.id(), p);
            dispatchLocked(p);
            return p.future;
        }
    }

    @Override
    public MetricsRecorder metrics() {
        return services.metrics();
    }

    @Override
    public void publishUi(String topic, String stateJson) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic must be 1-100 characters of letters, digits and ._- but was '"
                    + topic + "'");
        }
        JsonNode state = services.codec().parse(stateJson);
        synchronized (this) {
            if (state.isNull()) {
                topics.remove(topic);
            } else {
                topics.put(topic, state);
            }
        }
        try {
            // Every node's frames of the agent show it: the store tells the other nodes' streams.
            services.topics().put(key.agent(), key.crm(), topic, state.isNull() ? null : services.codec().write(state));
        } catch (StoreUnavailableException e) {
            LOG.warn("UI topic {} of {} shown on this node's frames only: the store is unavailable ({})", topic,
                    key.crm(), e.getMessage());
        }
        requestRefresh();
    }

    @Override
    public synchronized List<FrameInfo> frames() {
        List<Member> live = new ArrayList<>(members.values());
        live.sort(Comparator.comparingLong((Member m) -> m.lastActive).reversed());
        List<FrameInfo> frames = new ArrayList<>(live.size());
        for (Member m : live) {
            frames.add(m.session.frame());
        }
        return frames;
    }

    // ---------------------------------------------------------------- internals

    /**
     * Asks for a snapshot, {@link Services#uiRefreshDelay} from now: events come in bursts (a call's state, the agent's
     * activity, the CRM confirming the step), and the invocations they cause are waiting for the same CPU.
     */
    private void requestRefresh() {
        if (!refreshQueued.compareAndSet(false, true)) {
            return;
        }
        long delay = services.uiRefreshDelay().toNanos();
        if (delay == 0) {
            serial.execute(this::refresh);
            return;
        }
        try {
            services.timers().schedule(() -> serial.execute(this::refresh), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            refreshQueued.set(false);
            LOG.debug("transport stopping; no snapshot for {}", key);
        }
    }

    /**
     * One snapshot for however many events arrived since the last: a burst of events costs one frame, and none if
     * nothing the page shows changed (e.g. an adapter only noted a delivered step on the call).
     */
    private void refresh() {
        refreshQueued.set(false);
        List<UiState.Notice> shownNotices;
        Map<String, JsonNode> shownTopics;
        Map<String, JsonNode> stored = readTopics();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (stored != null) {
                topics.clear();
                topics.putAll(stored);
            }
            shownNotices = List.copyOf(notices);
            shownTopics = Map.copyOf(topics);
        }
        // Rendering and writing the state is most of a refresh's cost: done outside the lock, so invocations and
        // joining frames of this agent do not wait for it.
        AgentSnapshot snapshot = services.engine().snapshot(key.agent(), UiState.WRAPPED_UP_SHOWN);
        StringBuilder state = services.ui().writeInto(services.codec(), snapshot, shownNotices, shownTopics);
        synchronized (this) {
            if (!closed && (latest == null || !latest.sameState(state))) {
                appendLocked(state);
            }
        }
    }

    /** The agent's topics in the shared store, or null (keep what this stream has) when it cannot be read. */
    private @Nullable Map<String, JsonNode> readTopics() {
        Map<String, String> stored;
        try {
            stored = services.topics().topics(key.agent(), key.crm());
        } catch (StoreUnavailableException e) {
            LOG.debug("UI topics of {} not read: the store is unavailable", key, e);
            return null;
        }
        if (stored.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> parsed = new HashMap<>();
        for (Map.Entry<String, String> e : stored.entrySet()) {
            try {
                parsed.put(e.getKey(), services.codec().parse(e.getValue()));
            } catch (RuntimeException unreadable) {
                LOG.warn("UI topic {} of {} in the store is not JSON; not shown", e.getKey(), key.crm());
            }
        }
        return parsed;
    }

    private StringBuilder renderLocked(AgentSnapshot snapshot) {
        return services.ui().writeInto(services.codec(), snapshot, notices, topics);
    }

    /**
     * Numbers a written state, keeps it as the newest for joining bridges and sends it to every frame. The frame is
     * made in {@code writtenState} itself.
     */
    private void appendLocked(StringBuilder writtenState) {
        long next = ++seq;
        String json = services.codec().encodeUi(next, writtenState);
        latest = new Message(next, json, FrameCodec.uiStateStart(next));
        for (Member m : members.values()) {
            m.session.sendEncoded(json, true);
        }
    }

    private void dispatchLocked(Pending p) {
        BridgeSession target = chooseLocked(p);
        cancelTimer(p);
        Duration timeout = p.invocation.timeout();
        if (target == null) {
            if (p.invocation.target() instanceof Invocation.Target.Frame) {
                finishLocked(p, noFrame("the frame is not connected"));
                return;
            }
            // Wait for a frame to (re)join, e.g. the page reloading, for up to one timeout.
            p.current = null;
            armLocked(p, timeout, null);
            return;
        }
        p.current = target.id();
        p.sentTo.add(target.id());
        armLocked(p, timeout, target.id());
        target.sendEncoded(p.json, false);
    }

    /** Gives {@code p} a deadline {@code timeout} from now, for the attempt on {@code sessionId} (null: parked). */
    private void armLocked(Pending p, Duration timeout, @Nullable String sessionId) {
        p.deadline = System.nanoTime() + timeout.toNanos();
        p.deadlineSession = sessionId;
        sweepByLocked(p.deadline);
    }

    /** Makes sure the stream's timer runs by {@code deadline}. */
    private void sweepByLocked(long deadline) {
        if (closed || (sweep != null && sweepAt - deadline <= 0)) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepAt = deadline;
        try {
            sweep = services.timers().schedule(this::sweep, Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            sweep = null;
            LOG.debug("transport stopping; no invocation timeouts for {}", key);
        }
    }

    /** Times out every invocation whose deadline has passed, then arms the timer for the next deadline. */
    private void sweep() {
        synchronized (this) {
            sweep = null;
            long now = System.nanoTime();
            for (Pending p : new ArrayList<>(pending.values())) {
                if (p.done || p.deadline == Long.MAX_VALUE || p.deadline - now > 0) {
                    continue;
                }
                String sessionId = p.deadlineSession;
                p.deadline = Long.MAX_VALUE;
                if (sessionId != null) {
                    attemptTimeoutLocked(p, sessionId);
                } else {
                    parkedTimeoutLocked(p);
                }
            }
            long next = Long.MAX_VALUE;
            for (Pending p : pending.values()) {
                if (!p.done && p.deadline != Long.MAX_VALUE && (next == Long.MAX_VALUE || p.deadline - next < 0)) {
                    next = p.deadline;
                }
            }
            if (next != Long.MAX_VALUE) {
                sweepByLocked(next);
            }
        }
    }

    private @Nullable BridgeSession chooseLocked(Pending p) {
        Invocation.Target target = p.invocation.target();
        if (target instanceof Invocation.Target.Frame) {
            String id = ((Invocation.Target.Frame) target).sessionId();
            Member m = members.get(id);
            return m == null || p.sentTo.contains(id) ? null : m.session;
        }
        String preferred = ((Invocation.Target.AnyFrame) target).preferredSessionId();
        if (preferred != null && members.containsKey(preferred) && !p.sentTo.contains(preferred)) {
            return members.get(preferred).session;
        }
        Member best = null;
        for (Member m : members.values()) {
            if (!p.sentTo.contains(m.session.id()) && (best == null || m.lastActive > best.lastActive)) {
                best = m;
            }
        }
        return best == null ? null : best.session;
    }

    private void attemptTimeoutLocked(Pending p, String sessionId) {
        if (p.done || !sessionId.equals(p.current)) {
            return;
        }
        p.timedOut = true;
        p.current = null;
        LOG.debug("invocation {} timed out on {}", p.invocation.id(), sessionId);
        if (chooseLocked(p) == null) {
            finishLocked(p, new InvocationResult.Failure(InvocationResult.Kind.TIMEOUT,
                    "no frame answered within " + p.invocation.timeout(), null, null));
        } else {
            dispatchLocked(p);
        }
    }

    private void parkedTimeoutLocked(Pending p) {
        if (p.done || p.current != null) {
            return;
        }
        finishLocked(p, p.timedOut
                ? new InvocationResult.Failure(InvocationResult.Kind.TIMEOUT,
                        "no frame answered within " + p.invocation.timeout(), null, null)
                : noFrame("no frame of the agent was connected"));
    }

    private void finishLocked(Pending p, InvocationResult result) {
        // Completed on the adapter's serial executor, so its callbacks never overlap its event handling.
        serial.execute(finishedLocked(p, result));
    }

    /** Books {@code p} as finished; the returned task completes its future, to be run on the agent's queue. */
    private Runnable finishedLocked(Pending p, InvocationResult result) {
        p.done = true;
        cancelTimer(p);
        pending.remove(p.invocation.id());
        finished.add(p.invocation.id());
        if (finished.size() > FINISHED_KEPT) {
            Iterator<String> it = finished.iterator();
            it.next();
            it.remove();
        }
        services.metrics().invocationFinished(key.crm(), p.invocation.method(),
                result instanceof InvocationResult.Failure f ? f.kind().name().toLowerCase(java.util.Locale.ROOT) : "ok",
                Duration.ofNanos(System.nanoTime() - p.startedNanos));
        return () -> p.future.complete(result);
    }

    /** Disarms {@code p}'s deadline; the stream's timer, if it comes, finds nothing due for it. */
    private static void cancelTimer(Pending p) {
        p.deadline = Long.MAX_VALUE;
        p.deadlineSession = null;
    }

    private static InvocationResult noFrame(String message) {
        return new InvocationResult.Failure(InvocationResult.Kind.NO_FRAME, message, null, null);
    }
}
