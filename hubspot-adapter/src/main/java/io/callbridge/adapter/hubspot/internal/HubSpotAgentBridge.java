package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.CallerIdMatch;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.HubSpotMessageCodec;
import io.callbridge.adapter.hubspot.message.IframeLocation;
import io.callbridge.adapter.hubspot.message.ObjectCoordinates;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.phone.PhoneNumberParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One agent's HubSpot conversation, both ways. HubSpot events from any frame become core commands; core events become
 * SDK messages, each call's messages one at a time and in HubSpot's order ({@link CallScript}), through one driving
 * frame, with what was delivered written on the call so it is never sent twice.
 *
 * <p>Threads: the transport, core's event delivery, invocation results and timers all call in on their own threads;
 * everything that touches state runs on {@link #serial}, one task at a time. Only input checking runs on the caller's
 * thread, because a refusal must reach the transport synchronously.
 *
 * <p>Three lanes carry messages: one per frame (INITIALIZED and the login/availability state, to that frame only,
 * since every HubSpot frame's host keeps its own), one per call (to one frame: a second OUTGOING_CALL_STARTED would
 * make a second engagement), and one for errors shown to the user.
 */
final class HubSpotAgentBridge implements AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotAgentBridge.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_QUEUED_ERRORS = 20;
    private static final int MAX_LINK_VALUE = 255;
    private static final int MAX_ERROR_TEXT = 1000;

    static final String CALLER_ID_TOPIC = "hubspot.callerIdMatches";
    static final String VISIBILITY_TOPIC = "hubspot.visibility";
    static final String NOTICE_PREFIX = "hubspot.";
    /** Invocation ids are idempotency keys, {@code hubspot:<call or session id>:<step>} ({@link Invocation#deriveId}). */
    static final String ID_PREFIX = "hubspot:";

    private final AgentId agent;
    private final BridgeChannel channel;
    private final CallEngine engine;
    private final PhoneNumberParser parser;
    private final Clock clock;
    private final HubSpotSettings settings;
    private final HubSpotMessageCodec codec = new HubSpotMessageCodec();
    private final SerialQueue serial;
    private final BridgeScheduler timers;
    /** Makes ids of non-idempotent messages (errors) unique across bridge instances. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    // Confined to serial.
    private final Map<String, FrameState> frames = new LinkedHashMap<>();
    private final Map<CallId, CallTrack> tracks = new LinkedHashMap<>();
    private final ArrayDeque<QueuedError> errors = new ArrayDeque<>();
    private boolean errorInFlight;
    private long errorCount;
    private BridgeScheduler.@Nullable Cancellable errorRetry;

    private volatile boolean closed;
    private volatile @Nullable Subscription subscription;

    private HubSpotAgentBridge(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser parser,
            Clock clock, HubSpotSettings settings, SerialQueue serial, BridgeScheduler timers) {
        this.agent = agent;
        this.channel = channel;
        this.engine = engine;
        this.parser = parser;
        this.clock = clock;
        this.settings = settings;
        this.serial = serial;
        this.timers = timers;
    }

    static HubSpotAgentBridge attach(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser parser,
            Clock clock, HubSpotSettings settings, SerialQueue serial, BridgeScheduler timers) {
        HubSpotAgentBridge bridge = new HubSpotAgentBridge(agent, channel, engine, parser, clock, settings, serial,
                timers);
        // Snapshot first, then follow from its sequence: nothing is missed, and a repeat is harmless.
        AgentSnapshot snapshot = engine.snapshot(agent);
        serial.execute(() -> bridge.adopt(snapshot));
        bridge.subscription = engine.subscribe(agent, snapshot.sequence(), bridge.new Listener());
        return bridge;
    }

    // ---------------------------------------------------------------- AgentBridge (transport threads)

    @Override
    public void frameJoined(FrameInfo frame) {
        serial.execute(() -> {
            if (!closed) {
                frames.put(frame.sessionId(), new FrameState(frame));
            }
        });
    }

    @Override
    public void frameLeft(FrameInfo frame) {
        serial.execute(() -> {
            FrameState gone = frames.remove(frame.sessionId());
            if (gone != null && gone.retry != null) {
                gone.retry.cancel();
            }
            for (CallTrack t : tracks.values()) {
                if (frame.sessionId().equals(t.driving)) {
                    t.driving = null;
                }
            }
        });
    }

    @Override
    public void crmEvent(FrameInfo frame, String name, String payloadJson) {
        FromHubSpot event = HubSpotInput.decode(codec, name, payloadJson);
        Dial dial = event instanceof FromHubSpot.DialNumber d ? HubSpotInput.dial(agent, d, parser) : null;
        serial.execute(() -> {
            if (!closed) {
                onHubSpot(frame, event, dial);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        serial.execute(() -> {
            for (CallTrack t : tracks.values()) {
                cancelTimer(t);
            }
            for (FrameState f : frames.values()) {
                if (f.retry != null) {
                    f.retry.cancel();
                }
            }
            if (errorRetry != null) {
                errorRetry.cancel();
            }
            tracks.clear();
            frames.clear();
            errors.clear();
        });
    }

    // ---------------------------------------------------------------- HubSpot → core

    private void onHubSpot(FrameInfo frame, FromHubSpot event, @Nullable Dial dial) {
        FrameState f = frames.computeIfAbsent(frame.sessionId(), id -> new FrameState(frame));
        if (event instanceof FromHubSpot.Ready ready) {
            onReady(f, ready);
        } else if (event instanceof FromHubSpot.DialNumber && dial != null) {
            onDial(frame, dial);
        } else if (event instanceof FromHubSpot.EndCall end) {
            onEndCall(frame, end);
        } else if (event instanceof FromHubSpot.CreateEngagementSucceeded created) {
            linkEngagement(created.engagementId());
        } else if (event instanceof FromHubSpot.EngagementCreated created) {
            linkEngagement(created.engagementId());
        } else if (event instanceof FromHubSpot.CreateEngagementFailed failed) {
            engagementFailed(reason(event, failed.errorMessage()));
        } else if (event instanceof FromHubSpot.CallerIdMatchSucceeded matched) {
            onCallerIdMatches(matched.callerIdMatches());
        } else if (event instanceof FromHubSpot.VisibilityChanged visibility) {
            ObjectNode state = JSON.createObjectNode();
            state.put("sessionId", frame.sessionId());
            state.put("role", frame.role());
            state.put("isMinimized", visibility.isMinimized());
            state.put("isHidden", visibility.isHidden());
            channel.publishUi(VISIBILITY_TOPIC, JSON.writeValueAsString(state));
        } else if (event instanceof FromHubSpot.Unloading) {
            // The page is going: stop choosing it for messages before the transport notices.
            f.handshaken = false;
            f.initialized = false;
        } else if (isFailure(event)) {
            notifyAgent(NOTICE_PREFIX + event.type(), reason(event, null), null);
        } else {
            LOG.debug("{}: HubSpot event {} needs nothing from the server", agent, event.type());
        }
    }

    private void onReady(FrameState f, FromHubSpot.Ready ready) {
        f.handshaken = true;
        f.initialized = false;
        f.resized = false;
        f.toldLoggedIn = null;
        f.toldAvailable = null;
        if (ready.ownerId() != null) {
            f.ownerId = ready.ownerId();
        }
        if (ready.portalId() != null) {
            f.portalId = ready.portalId();
        }
        if (ready.iframeLocation() != null) {
            f.location = ready.iframeLocation();
        }
        pumpFrame(f);
    }

    private void onDial(FrameInfo frame, Dial dial) {
        CommandResult result = engine.execute(dial);
        if (result instanceof CommandResult.Rejected rejected) {
            String message = "Could not call " + dial.to().raw() + ": " + rejected.error().message();
            LOG.info("{}: DIAL_NUMBER refused by core: {}", agent, rejected.error());
            notifyAgent(NOTICE_PREFIX + "DIAL_NUMBER_REJECTED", message, null);
            queueError(message, frame.sessionId());
            return;
        }
        Optional<Call> created = result.createdCall();
        if (created.isPresent()) {
            CallTrack t = tracks.computeIfAbsent(created.get().id(), id -> new CallTrack(created.get()));
            t.driving = frame.sessionId();
            pumpCall(t);
        }
    }

    private void onEndCall(FrameInfo frame, FromHubSpot.EndCall end) {
        String named = text(end.payload(), "externalCallId");
        CallTrack target = null;
        for (CallTrack t : tracks.values()) {
            Call call = refresh(t);
            if (call == null || !call.state().isLive()) {
                continue;
            }
            if (named != null && named.equals(t.id.value())) {
                target = t;
                break;
            }
            if (target == null || call.createdAt().isAfter(target.call.createdAt())) {
                target = t;
            }
        }
        if (target == null) {
            LOG.info("{}: END_CALL from HubSpot but no live call to end", agent);
            return;
        }
        target.driving = frame.sessionId();
        execute(new CallCommand.HangUp(agent, target.id));
    }

    private void linkEngagement(long engagementId) {
        CallTrack t = engagementCandidate();
        if (t == null) {
            LOG.warn("{}: HubSpot engagement {} belongs to no call waiting for one; ignored", agent, engagementId);
            return;
        }
        execute(new CallCommand.LinkCrmArtefact(agent, t.id, CallScript.ENGAGEMENT_ID, Long.toString(engagementId)));
        pumpCall(t);
    }

    private void engagementFailed(String reason) {
        CallTrack t = engagementCandidate();
        notifyAgent(NOTICE_PREFIX + "CREATE_ENGAGEMENT_FAILED", reason, t == null ? null : t.id);
        if (t != null) {
            // Written on the call so a restarted bridge also knows not to wait for the engagement.
            execute(new CallCommand.LinkCrmArtefact(agent, t.id, CallScript.ENGAGEMENT_FAILED,
                    Texts.truncate(reason, MAX_LINK_VALUE)));
            pumpCall(t);
        }
    }

    /**
     * HubSpot's engagement events carry no call id; they answer the start message of the newest call that HubSpot
     * has heard of and that has no engagement yet.
     */
    private @Nullable CallTrack engagementCandidate() {
        CallTrack best = null;
        for (CallTrack t : tracks.values()) {
            Call call = refresh(t);
            if (call == null || !announced(t) || CallScript.engagementId(call) != null
                    || call.crmLinks().containsKey(CallScript.ENGAGEMENT_FAILED)
                    || delivered(t).contains(CallStep.COMPLETED)) {
                continue;
            }
            if (best == null || call.createdAt().isAfter(best.call.createdAt())) {
                best = t;
            }
        }
        return best;
    }

    private void onCallerIdMatches(List<CallerIdMatch> matches) {
        CallTrack target = null;
        for (CallTrack t : tracks.values()) {
            Call call = refresh(t);
            if (call != null && call.direction() == Direction.INBOUND && call.state().isLive() && announced(t)
                    && (target == null || call.createdAt().isAfter(target.call.createdAt()))) {
                target = t;
            }
        }
        if (target == null) {
            LOG.info("{}: caller-id matches arrived but no inbound call is live; ignored", agent);
            return;
        }
        if (matches.isEmpty()) {
            LOG.debug("{}: HubSpot found no record for call {}", agent, target.id);
            return;
        }
        if (matches.size() > 1) {
            ObjectNode state = JSON.createObjectNode();
            state.put("callId", target.id.value());
            String data = codec.encodeData(new FromHubSpot.CallerIdMatchSucceeded(matches));
            state.set("callerIdMatches", JSON.readTree(Objects.requireNonNull(data)).get("callerIdMatches"));
            channel.publishUi(CALLER_ID_TOPIC, JSON.writeValueAsString(state));
            target.matchesPublished = true;
        }
        if (matches.size() == 1 || settings.multipleMatches() == HubSpotSettings.MultipleMatches.NAVIGATE_TO_FIRST) {
            CallerIdMatch match = matches.get(0);
            target.navigateTo = match.objectCoordinates();
            execute(new CallCommand.AttachRecord(agent, target.id, new CrmRecordRef(HubSpotCallMessages.CRM,
                    match.callerIdType().wireValue(), Long.toString(match.objectCoordinates().objectId()),
                    displayName(match))));
            pumpCall(target);
        }
    }

    // ---------------------------------------------------------------- core → HubSpot

    private final class Listener implements AgentEventListener {
        @Override
        public void onEvent(SequencedEvent event) {
            serial.execute(() -> onCore(event.event()));
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            // Events were lost to us: the current state tells what HubSpot still needs.
            serial.execute(() -> {
                if (!closed) {
                    adopt(engine.snapshot(agent));
                    frames.values().forEach(HubSpotAgentBridge.this::pumpFrame);
                }
            });
        }
    }

    private void onCore(CoreEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof CoreEvent.CallCreated created) {
            onCall(created.call(), true);
        } else if (event instanceof CoreEvent.CallStateChanged changed) {
            onCall(changed.call(), false);
        } else if (event instanceof CoreEvent.CallUpdated updated) {
            onCall(updated.call(), false);
        } else if (event instanceof CoreEvent.AgentChanged) {
            frames.values().forEach(this::pumpFrame);
        } else if (event instanceof CoreEvent.AgentNotice notice && !notice.code().startsWith(NOTICE_PREFIX)) {
            // Notices that came from HubSpot are not echoed back to it.
            queueError(notice.message(), null);
        }
    }

    private void onCall(Call call, boolean created) {
        CallTrack t = tracks.get(call.id());
        if (t == null) {
            if (!created && !concernsHubSpot(call)) {
                return;
            }
            t = new CallTrack(call);
            tracks.put(call.id(), t);
        }
        if (t.matchesPublished && !call.state().isLive()) {
            channel.publishUi(CALLER_ID_TOPIC, "null");
            t.matchesPublished = false;
        }
        pumpCall(t);
    }

    /** Takes up the calls a snapshot shows: every live one, and finished ones HubSpot knows or asked for. */
    private void adopt(AgentSnapshot snapshot) {
        if (closed) {
            return;
        }
        for (Call call : snapshot.calls()) {
            if (!tracks.containsKey(call.id()) && concernsHubSpot(call)) {
                tracks.put(call.id(), new CallTrack(call));
            }
        }
        pumpCalls();
    }

    /**
     * A call this adapter must see through. Finished calls that never touched HubSpot (made before the agent opened
     * it, or through another CRM) are left alone rather than logged into HubSpot after the fact.
     */
    private static boolean concernsHubSpot(Call call) {
        if (call.state().isLive() || call.crmContext().containsKey(HubSpotCallMessages.DIALING_CONTEXT)) {
            return true;
        }
        for (String key : call.crmLinks().keySet()) {
            if (key.startsWith(NOTICE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private void pumpCalls() {
        for (CallTrack t : List.copyOf(tracks.values())) {
            pumpCall(t);
        }
    }

    private void pumpCall(CallTrack t) {
        if (closed || t.inFlight != null || tracks.get(t.id) != t) {
            return;
        }
        Call call = refresh(t);
        if (call == null) {
            tracks.remove(t.id);
            cancelTimer(t);
            return;
        }
        if (!anyReadyFrame()) {
            return; // a frame's READY pumps again
        }
        Instant now = clock.instant();
        CallScript.Decision decision = CallScript.next(call, delivered(t), context(t), now);
        if (decision instanceof CallScript.Decision.Send send) {
            send(t, send.step(), send.message());
        } else if (decision instanceof CallScript.Decision.Wait wait) {
            if (wait.until() != null) {
                wakeAt(t, wait.until(), now);
            }
        } else if (call.state() == CallState.WRAPPED_UP) {
            // Finished: HubSpot has heard everything; the markers on the call remember it if it comes back.
            tracks.remove(t.id);
            cancelTimer(t);
        }
    }

    private void send(CallTrack t, CallStep step, ToHubSpot message) {
        Invocation invocation = new Invocation(Invocation.deriveId(ID_PREFIX, t.id.value(), message.type()),
                message.type(), args(message), new Invocation.Target.AnyFrame(preferredFrame(t)),
                settings.invocationTimeout());
        t.inFlight = step;
        LOG.debug("{}: sending {} for call {}", agent, message.type(), t.id);
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onCallResult(t, step, invocation, outcome(result, failure))));
    }

    private void onCallResult(CallTrack t, CallStep step, Invocation invocation, InvocationResult result) {
        if (closed) {
            return;
        }
        t.inFlight = null;
        Instant now = clock.instant();
        if (result instanceof InvocationResult.Success success) {
            t.delivered.add(step);
            if (step == CallStep.START) {
                t.startedAt = now;
            }
            // Whichever frame ran it (the transport may have moved it) drives the call from now on.
            t.driving = success.sessionId();
            execute(new CallCommand.LinkCrmArtefact(agent, t.id, step.marker(), now.toString()));
        } else {
            InvocationResult.Failure failure = (InvocationResult.Failure) result;
            switch (failure.kind()) {
                case NO_FRAME, TIMEOUT -> {
                    // Not delivered: the same message, same id, goes again once a frame can take it.
                    LOG.info("{}: {} for call {} not delivered ({}); will retry", agent, invocation.method(), t.id,
                            failure.kind());
                    if (anyReadyFrame()) {
                        wakeAt(t, now.plus(settings.retryDelay()), now);
                    }
                    return;
                }
                case CRM_ERROR, BRIDGE_ERROR -> {
                    // The SDK refused it; sending it again would fail the same way and block the call's later steps.
                    LOG.warn("{}: {} for call {} failed in the frame: {}", agent, invocation.method(), t.id,
                            failure.message());
                    t.delivered.add(step);
                    notifyAgent(NOTICE_PREFIX + "DELIVERY_FAILED", "HubSpot did not accept " + invocation.method()
                            + ": " + failure.message(), t.id);
                }
            }
        }
        pumpCall(t);
    }

    private void wakeAt(CallTrack t, Instant until, Instant now) {
        if (t.timer != null && until.equals(t.timerAt)) {
            return;
        }
        cancelTimer(t);
        t.timerAt = until;
        t.timer = timers.schedule(Duration.between(now, until), () -> serial.execute(() -> {
            t.timer = null;
            t.timerAt = null;
            pumpCall(t);
        }));
    }

    private static void cancelTimer(CallTrack t) {
        if (t.timer != null) {
            t.timer.cancel();
            t.timer = null;
            t.timerAt = null;
        }
    }

    private Set<CallStep> delivered(CallTrack t) {
        EnumSet<CallStep> done = EnumSet.noneOf(CallStep.class);
        done.addAll(t.delivered);
        for (CallStep step : CallStep.ALL) {
            if (t.call.crmLinks().containsKey(step.marker())) {
                done.add(step);
            }
        }
        return done;
    }

    private CallScript.Context context(CallTrack t) {
        return new CallScript.Context(settings, ownerId(t), navigateTo(t), t.startedAt);
    }

    private @Nullable Long ownerId(CallTrack t) {
        FrameState driving = t.driving == null ? null : frames.get(t.driving);
        if (driving != null && driving.ownerId != null) {
            return driving.ownerId;
        }
        for (FrameState f : frames.values()) {
            if (f.ownerId != null) {
                return f.ownerId;
            }
        }
        return null;
    }

    private @Nullable ObjectCoordinates navigateTo(CallTrack t) {
        CrmRecordRef record = HubSpotCallMessages.hubSpotRecord(t.call);
        if (record == null) {
            return null;
        }
        if (t.navigateTo != null && Long.toString(t.navigateTo.objectId()).equals(record.id())) {
            return t.navigateTo;
        }
        for (FrameState f : frames.values()) {
            if (f.portalId != null) {
                return new ObjectCoordinates(f.portalId, Long.parseLong(record.id()),
                        HubSpotCallMessages.objectTypeId(record.objectType()));
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- frames: INITIALIZED and agent state

    private void pumpFrame(FrameState f) {
        if (closed || f.busy || !f.handshaken || frames.get(f.info.sessionId()) != f) {
            return;
        }
        Agent state = engine.agent(agent);
        ToHubSpot message;
        if (!f.initialized) {
            message = new ToHubSpot.Initialized(state.loggedIn(), state.isAvailable(), null, settings.widgetSize());
        } else if (settings.widgetSize() != null && !f.resized && f.isWidget()) {
            message = new ToHubSpot.ResizeWidget(settings.widgetSize().width(), settings.widgetSize().height());
        } else if (!Objects.equals(f.toldLoggedIn, state.loggedIn())) {
            message = state.loggedIn() ? new ToHubSpot.LoggedIn() : new ToHubSpot.LoggedOut();
        } else if (state.loggedIn() && !Objects.equals(f.toldAvailable, state.isAvailable())) {
            message = state.isAvailable() ? new ToHubSpot.UserAvailable() : new ToHubSpot.UserUnavailable();
        } else {
            return;
        }
        f.busy = true;
        String id = Invocation.deriveId(ID_PREFIX, f.info.sessionId(), message.type() + ":" + (++f.sent));
        Invocation invocation = new Invocation(id, message.type(), args(message),
                new Invocation.Target.Frame(f.info.sessionId()), settings.invocationTimeout());
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onFrameResult(f, message, state, outcome(result, failure))));
    }

    private void onFrameResult(FrameState f, ToHubSpot message, Agent told, InvocationResult result) {
        if (closed || frames.get(f.info.sessionId()) != f) {
            return;
        }
        f.busy = false;
        if (result instanceof InvocationResult.Failure failure) {
            if (failure.kind() == InvocationResult.Kind.NO_FRAME) {
                return; // the frame is going; frameLeft follows
            }
            if (failure.kind() == InvocationResult.Kind.TIMEOUT) {
                f.retry = timers.schedule(settings.retryDelay(), () -> serial.execute(() -> pumpFrame(f)));
                return;
            }
            // Refused by the SDK: counted as told, or one broken method would be retried for ever.
            LOG.warn("{}: {} failed in frame {}: {}", agent, message.type(), f.info.sessionId(), failure.message());
        }
        if (message instanceof ToHubSpot.Initialized) {
            f.initialized = true;
            f.toldLoggedIn = told.loggedIn();
            f.toldAvailable = told.isAvailable();
            // A frame that can take messages: whatever waited for one goes now.
            pumpCalls();
            pumpErrors();
        } else if (message instanceof ToHubSpot.ResizeWidget) {
            f.resized = true;
        } else if (message instanceof ToHubSpot.LoggedIn) {
            f.toldLoggedIn = true;
            f.toldAvailable = null;
        } else if (message instanceof ToHubSpot.LoggedOut) {
            f.toldLoggedIn = false;
            f.toldAvailable = false;
        } else if (message instanceof ToHubSpot.UserAvailable) {
            f.toldAvailable = true;
        } else if (message instanceof ToHubSpot.UserUnavailable) {
            f.toldAvailable = false;
        }
        pumpFrame(f);
    }

    /** Frames that completed the handshake and got INITIALIZED, most recently active first. */
    private List<String> readyFrames() {
        List<String> ready = new ArrayList<>();
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                ready.add(info.sessionId());
            }
        }
        return ready;
    }

    private boolean anyReadyFrame() {
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                return true;
            }
        }
        return false;
    }

    /** The driving frame if it is ready, else the first ready frame (see {@link #readyFrames}), else null. */
    private @Nullable String preferredFrame(CallTrack t) {
        String first = null;
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                if (info.sessionId().equals(t.driving)) {
                    return t.driving;
                }
                if (first == null) {
                    first = info.sessionId();
                }
            }
        }
        return first;
    }

    // ---------------------------------------------------------------- errors shown in HubSpot

    private void queueError(String message, @Nullable String preferredFrame) {
        if (message.isBlank()) {
            return;
        }
        errors.addLast(new QueuedError(Invocation.deriveId(ID_PREFIX, instance, "ERROR:" + (++errorCount)),
                ToHubSpot.ErrorNotice.of(Texts.truncate(message, MAX_ERROR_TEXT)), preferredFrame));
        while (errors.size() > MAX_QUEUED_ERRORS) {
            errors.removeFirst(); // stale news; the newest matter
        }
        pumpErrors();
    }

    private void pumpErrors() {
        if (closed || errorInFlight || errors.isEmpty()) {
            return;
        }
        List<String> ready = readyFrames();
        if (ready.isEmpty()) {
            return;
        }
        QueuedError next = errors.peekFirst();
        String target = next.preferredFrame != null && ready.contains(next.preferredFrame) ? next.preferredFrame
                : ready.get(0);
        errorInFlight = true;
        Invocation invocation = new Invocation(next.id, next.message.type(), args(next.message),
                new Invocation.Target.AnyFrame(target), settings.invocationTimeout());
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onErrorResult(next, outcome(result, failure))));
    }

    private void onErrorResult(QueuedError sent, InvocationResult result) {
        if (closed) {
            return;
        }
        errorInFlight = false;
        if (result instanceof InvocationResult.Failure failure
                && (failure.kind() == InvocationResult.Kind.NO_FRAME
                        || failure.kind() == InvocationResult.Kind.TIMEOUT)) {
            if (anyReadyFrame()) {
                errorRetry = timers.schedule(settings.retryDelay(), () -> serial.execute(this::pumpErrors));
            }
            return;
        }
        errors.remove(sent);
        pumpErrors();
    }

    // ---------------------------------------------------------------- plumbing

    private @Nullable Call refresh(CallTrack t) {
        Optional<Call> current = engine.call(t.id);
        current.ifPresent(call -> t.call = call);
        return current.orElse(null);
    }

    private boolean announced(CallTrack t) {
        return t.inFlight == CallStep.START || delivered(t).contains(CallStep.START);
    }

    private void execute(Command command) {
        CommandResult result = engine.execute(command);
        if (result instanceof CommandResult.Rejected rejected) {
            LOG.warn("{}: core refused {}: {}", agent, command.getClass().getSimpleName(), rejected.error());
        }
    }

    private void notifyAgent(String code, String message, @Nullable CallId callId) {
        execute(new NotifyAgent(agent, code, message, callId));
    }

    private String args(ToHubSpot message) {
        String data = codec.encodeData(message);
        return data == null ? "null" : data;
    }

    private static InvocationResult outcome(@Nullable InvocationResult result, @Nullable Throwable failure) {
        if (result != null) {
            return result;
        }
        // The channel promises never to fail exceptionally; if it does, treat it as a bridge fault, not a crash.
        return new InvocationResult.Failure(InvocationResult.Kind.BRIDGE_ERROR,
                failure == null ? "no result" : String.valueOf(failure.getMessage()), null, null);
    }

    private static boolean isFailure(FromHubSpot event) {
        return event.type().endsWith("_FAILED") || event.type().equals("FAILED");
    }

    /** HubSpot's own words when it gave any, else what failed. */
    private static String reason(FromHubSpot event, @Nullable String given) {
        String text = given;
        if (text == null) {
            String raw = null;
            if (event instanceof FromHubSpot.CallerIdMatchFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.InitiateCallIdFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.SetWidgetUrlFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.Failed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.UpdateEngagementFailed e) {
                text = e.errorMessage();
            }
            if (raw != null) {
                text = text(raw, "message");
                if (text == null) {
                    text = text(raw, "error.message");
                }
            }
        }
        if (text == null || text.isBlank()) {
            text = "HubSpot reported " + event.type();
        }
        return text;
    }

    /** A text field of raw JSON by dotted path, or null. */
    private static @Nullable String text(@Nullable String rawJson, String path) {
        if (rawJson == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(rawJson);
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node != null && node.isString() ? node.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String displayName(CallerIdMatch match) {
        if (match instanceof CallerIdMatch.Contact c) {
            String name = ((c.firstName() == null ? "" : c.firstName()) + " "
                    + (c.lastName() == null ? "" : c.lastName())).strip();
            return name.isEmpty() ? c.email() : name;
        }
        return ((CallerIdMatch.Company) match).name();
    }

    /** What this bridge knows about one HubSpot frame. */
    private static final class FrameState {
        final FrameInfo info;
        /** READY arrived: the SDK will pass messages on. */
        boolean handshaken;
        /** INITIALIZED was delivered: HubSpot takes call messages through this frame. */
        boolean initialized;
        boolean busy;
        boolean resized;
        /** What this frame's HubSpot host was last told; null when unknown. */
        @Nullable Boolean toldLoggedIn;
        @Nullable Boolean toldAvailable;
        @Nullable Long ownerId;
        @Nullable Long portalId;
        @Nullable IframeLocation location;
        long sent;
        BridgeScheduler.@Nullable Cancellable retry;

        FrameState(FrameInfo info) {
            this.info = info;
        }

        boolean isWidget() {
            return location != null ? location == IframeLocation.WIDGET : "widget".equals(info.role());
        }
    }

    /** What this bridge knows about one call beyond what core holds. */
    private static final class CallTrack {
        final CallId id;
        Call call;
        /** The frame that drives the call with HubSpot: where it started or where the user last acted. */
        @Nullable String driving;
        /** Steps delivered (or given up) by this bridge; the call's markers say the same across restarts. */
        final EnumSet<CallStep> delivered = EnumSet.noneOf(CallStep.class);
        @Nullable CallStep inFlight;
        @Nullable Instant startedAt;
        @Nullable ObjectCoordinates navigateTo;
        boolean matchesPublished;
        BridgeScheduler.@Nullable Cancellable timer;
        @Nullable Instant timerAt;

        CallTrack(Call call) {
            this.id = call.id();
            this.call = call;
        }
    }

    private record QueuedError(String id, ToHubSpot.ErrorNotice message, @Nullable String preferredFrame) { }
}
