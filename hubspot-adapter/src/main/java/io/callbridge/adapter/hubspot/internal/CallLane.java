package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.CallerIdMatch;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.ObjectCoordinates;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane of each call: its messages to HubSpot one at a time (the next only after the previous invocation's result)
 * and in HubSpot's order, as the pure {@link CallScript} decides from the call and the steps already delivered, all
 * through one driving frame (where the call started or the user last acted, then whichever frame ran the last
 * message), since a second OUTGOING_CALL_STARTED on another frame would make a second engagement. What HubSpot got is
 * written on the call ({@link CallStep#marker}), so a reloaded frame, a new bridge or another node resumes where
 * delivery stopped and never sends a step twice.
 *
 * <p>It also takes HubSpot's events about calls: click-to-call, END_CALL, the engagement HubSpot made (or failed to
 * make) for the newest announced call, and the caller-id matches of an inbound one.
 *
 * <p>Threads: confined to the agent bridge's serial queue; invocation results and timers come back through it.
 */
final class CallLane {
    private static final Logger LOG = LoggerFactory.getLogger(CallLane.class);
    static final String CALLER_ID_TOPIC = "hubspot.callerIdMatches";
    private static final int MAX_LINK_VALUE = 255;

    private final AgentCore core;
    private final BridgeChannel channel;
    private final FrameLane frames;
    private final ErrorLane errors;
    private final HubSpotSettings settings;
    private final Clock clock;
    private final Executor serial;
    private final BridgeScheduler timers;

    // Confined to serial.
    private final Map<CallId, CallTrack> tracks = new LinkedHashMap<>();
    private boolean closed;

    CallLane(AgentCore core, BridgeChannel channel, FrameLane frames, ErrorLane errors, HubSpotSettings settings,
            Clock clock, Executor serial, BridgeScheduler timers) {
        this.core = core;
        this.channel = channel;
        this.frames = frames;
        this.errors = errors;
        this.settings = settings;
        this.clock = clock;
        this.serial = serial;
        this.timers = timers;
    }

    // ---------------------------------------------------------------- HubSpot → core

    void dial(FrameInfo frame, Dial dial) {
        CommandResult result = core.execute(dial);
        if (result instanceof CommandResult.Rejected rejected) {
            String message = "Could not call " + dial.to().raw() + ": " + rejected.error().message();
            LOG.info("{}: DIAL_NUMBER refused by core: {}", core.agent(), rejected.error().code());
            core.notifyAgent(HubSpotAgentBridge.NOTICE_PREFIX + "DIAL_NUMBER_REJECTED", message, null);
            errors.show(message, frame.sessionId());
            return;
        }
        Optional<Call> created = result.createdCall();
        if (created.isPresent()) {
            CallTrack t = tracks.computeIfAbsent(created.get().id(), id -> new CallTrack(created.get()));
            t.driving = frame.sessionId();
            pump(t);
        }
    }

    /** END_CALL: hangs up the call HubSpot names, else the newest live one. */
    void endCall(FrameInfo frame, FromHubSpot.EndCall end) {
        String named = HubSpotJson.text(end.payload(), "externalCallId");
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
            LOG.info("{}: END_CALL from HubSpot but no live call to end", core.agent());
            return;
        }
        target.driving = frame.sessionId();
        core.apply(new CallCommand.HangUp(core.agent(), target.id));
    }

    void engagementCreated(long engagementId) {
        CallTrack t = engagementCandidate();
        if (t == null) {
            LOG.warn("{}: HubSpot engagement {} belongs to no call waiting for one; ignored", core.agent(),
                    engagementId);
            return;
        }
        core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_ID,
                Long.toString(engagementId)));
        pump(t);
    }

    void engagementFailed(String reason) {
        CallTrack t = engagementCandidate();
        core.notifyAgent(HubSpotAgentBridge.NOTICE_PREFIX + "CREATE_ENGAGEMENT_FAILED", reason,
                t == null ? null : t.id);
        if (t != null) {
            // Written on the call so a restarted bridge also knows not to wait for the engagement.
            core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_FAILED,
                    Texts.truncate(reason, MAX_LINK_VALUE)));
            pump(t);
        }
    }

    void callerIdMatches(List<CallerIdMatch> matches) {
        CallTrack target = null;
        for (CallTrack t : tracks.values()) {
            Call call = refresh(t);
            if (call != null && call.direction() == Direction.INBOUND && call.state().isLive() && announced(t)
                    && (target == null || call.createdAt().isAfter(target.call.createdAt()))) {
                target = t;
            }
        }
        if (target == null) {
            LOG.info("{}: caller-id matches arrived but no inbound call is live; ignored", core.agent());
            return;
        }
        if (matches.isEmpty()) {
            LOG.debug("{}: HubSpot found no record for call {}", core.agent(), target.id);
            return;
        }
        if (matches.size() > 1) {
            channel.publishUi(CALLER_ID_TOPIC, HubSpotJson.callerIdMatches(target.id, matches));
            target.matchesPublished = true;
        }
        if (matches.size() == 1 || settings.multipleMatches() == HubSpotSettings.MultipleMatches.NAVIGATE_TO_FIRST) {
            CallerIdMatch match = matches.get(0);
            target.navigateTo = match.objectCoordinates();
            core.apply(new CallCommand.AttachRecord(core.agent(), target.id, new CrmRecordRef(HubSpotCallMessages.CRM,
                    match.callerIdType().wireValue(), Long.toString(match.objectCoordinates().objectId()),
                    displayName(match))));
            pump(target);
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

    // ---------------------------------------------------------------- core → HubSpot

    void callChanged(Call call, boolean created) {
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
        pump(t);
    }

    /** Takes up the calls a snapshot shows: every live one, and finished ones HubSpot knows or asked for. */
    void adopt(AgentSnapshot snapshot) {
        for (Call call : snapshot.calls()) {
            if (!tracks.containsKey(call.id()) && concernsHubSpot(call)) {
                tracks.put(call.id(), new CallTrack(call));
            }
        }
        pumpAll();
    }

    void pumpAll() {
        for (CallTrack t : List.copyOf(tracks.values())) {
            pump(t);
        }
    }

    /** The frame is gone: calls it drove are driven by whichever ready frame runs their next message. */
    void frameLeft(String sessionId) {
        for (CallTrack t : tracks.values()) {
            if (sessionId.equals(t.driving)) {
                t.driving = null;
            }
        }
    }

    void close() {
        closed = true;
        tracks.values().forEach(CallLane::cancelTimer);
        tracks.clear();
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
            if (key.startsWith(HubSpotAgentBridge.NOTICE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private void pump(CallTrack t) {
        if (closed || t.inFlight != null || tracks.get(t.id) != t) {
            return;
        }
        Call call = refresh(t);
        if (call == null) {
            tracks.remove(t.id);
            cancelTimer(t);
            return;
        }
        if (!frames.anyReady()) {
            return; // a frame's INITIALIZED pumps again
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
        Invocation invocation = new Invocation(Invocation.deriveId(HubSpotAgentBridge.ID_PREFIX, t.id.value(),
                message.type()), message.type(), HubSpotJson.args(message),
                new Invocation.Target.AnyFrame(frames.preferred(t.driving)), settings.invocationTimeout());
        t.inFlight = step;
        LOG.debug("{}: sending {} for call {}", core.agent(), message.type(), t.id);
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onResult(t, step, invocation, FrameLane.outcome(result, failure))));
    }

    private void onResult(CallTrack t, CallStep step, Invocation invocation, InvocationResult result) {
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
            core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, step.marker(), now.toString()));
        } else {
            InvocationResult.Failure failure = (InvocationResult.Failure) result;
            switch (failure.kind()) {
                case NO_FRAME, TIMEOUT -> {
                    // Not delivered: the same message, same id, goes again once a frame can take it.
                    LOG.info("{}: {} for call {} not delivered ({}); will retry", core.agent(), invocation.method(),
                            t.id, failure.kind());
                    if (frames.anyReady()) {
                        wakeAt(t, now.plus(settings.retryDelay()), now);
                    }
                    return;
                }
                case CRM_ERROR, BRIDGE_ERROR -> {
                    // The SDK refused it; sending it again would fail the same way and block the call's later steps.
                    LOG.warn("{}: {} for call {} failed in the frame ({})", core.agent(), invocation.method(), t.id,
                            failure.kind());
                    t.delivered.add(step);
                    core.notifyAgent(HubSpotAgentBridge.NOTICE_PREFIX + "DELIVERY_FAILED", "HubSpot did not accept "
                            + invocation.method() + ": " + failure.message(), t.id);
                }
            }
        }
        pump(t);
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
            pump(t);
        }));
    }

    private static void cancelTimer(CallTrack t) {
        if (t.timer != null) {
            t.timer.cancel();
            t.timer = null;
            t.timerAt = null;
        }
    }

    // ---------------------------------------------------------------- what the script is told

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
        return new CallScript.Context(settings, frames.ownerId(t.driving), navigateTo(t), t.startedAt);
    }

    private @Nullable ObjectCoordinates navigateTo(CallTrack t) {
        CrmRecordRef record = HubSpotCallMessages.hubSpotRecord(t.call);
        if (record == null) {
            return null;
        }
        if (t.navigateTo != null && Long.toString(t.navigateTo.objectId()).equals(record.id())) {
            return t.navigateTo;
        }
        Long portal = frames.portalId();
        return portal == null ? null : new ObjectCoordinates(portal, Long.parseLong(record.id()),
                HubSpotCallMessages.objectTypeId(record.objectType()));
    }

    private @Nullable Call refresh(CallTrack t) {
        Optional<Call> current = core.call(t.id);
        current.ifPresent(call -> t.call = call);
        return current.orElse(null);
    }

    private boolean announced(CallTrack t) {
        return t.inFlight == CallStep.START || delivered(t).contains(CallStep.START);
    }

    private static @Nullable String displayName(CallerIdMatch match) {
        if (match instanceof CallerIdMatch.Contact c) {
            String name = ((c.firstName() == null ? "" : c.firstName()) + " "
                    + (c.lastName() == null ? "" : c.lastName())).strip();
            return name.isEmpty() ? c.email() : name;
        }
        return ((CallerIdMatch.Company) match).name();
    }

    /** What this lane knows about one call beyond what core holds. */
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
}
