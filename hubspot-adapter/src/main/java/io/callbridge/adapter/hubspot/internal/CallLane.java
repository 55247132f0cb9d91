package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.ObjectCoordinates;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Each step is a side effect the adapter owes, run by core's {@link Delivery} under its idempotency key: claimed in
 * the delivery store, retried with backoff by {@code HubSpotSettings.retry} while no frame answers in time, waiting
 * without a timer while there is no frame at all, final at once when the SDK refuses it ({@link HubSpotVerdict}).
 * Before each retry the call's script is asked again, so a step the call has moved past is dropped, not sent late.
 *
 * <p>HubSpot's events about the calls ({@link CallEvents}) change the calls in core and pump the lane.
 *
 * <p>Threads: confined to the agent bridge's serial queue; invocation results and timers come back through it.
 */
final class CallLane {
    private static final Logger LOG = LoggerFactory.getLogger(CallLane.class);
    static final String CALLER_ID_TOPIC = "hubspot.callerIdMatches";
    static final String DELIVERY_FAILED = HubSpotAgentBridge.NOTICE_PREFIX + "DELIVERY_FAILED";
    /** An answered outbound call that HubSpot cannot be told of, for want of a calling number. */
    static final String NO_CALLING_NUMBER = HubSpotAgentBridge.NOTICE_PREFIX + "NO_CALLING_NUMBER";

    /** Claimant and lease of a parked log taken back because the call will never be logged. */
    private static final String UNPARKER = "hubspot:lane:";
    private static final Duration UNPARK_LEASE = Duration.ofSeconds(5);

    private final AgentCore core;
    private final BridgeChannel channel;
    private final FrameLane frames;
    private final ErrorLane errors;
    private final HubSpotSettings settings;
    private final Clock clock;
    private final Executor serial;
    private final BridgeScheduler timers;
    private final Delivery delivery;
    private final DeliveryStore store;

    // Confined to serial.
    private final Map<CallId, CallTrack> tracks = new LinkedHashMap<>();
    private boolean closed;

    CallLane(AgentCore core, BridgeChannel channel, FrameLane frames, ErrorLane errors, HubSpotSettings settings,
            Clock clock, Executor serial, BridgeScheduler timers, Delivery delivery, DeliveryStore store) {
        this.core = core;
        this.channel = channel;
        this.frames = frames;
        this.errors = errors;
        this.settings = settings;
        this.clock = clock;
        this.serial = serial;
        this.timers = timers;
        this.delivery = delivery;
        this.store = store;
    }

    // ---------------------------------------------------------------- core → HubSpot

    void callChanged(Call call, boolean created) {
        CallTrack t = tracks.get(call.id());
        if (t == null) {
            if (!inScope(call) || (!created && !concernsHubSpot(call))) {
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
            if (!tracks.containsKey(call.id()) && inScope(call) && concernsHubSpot(call)) {
                tracks.put(call.id(), new CallTrack(call));
            }
        }
        pumpAll();
    }

    /** The calls the lane follows, oldest first. */
    Collection<CallTrack> tracks() {
        return tracks.values();
    }

    /** Follows a call core just created for this agent, driven by {@code sessionId}'s frame. */
    void follow(Call call, String sessionId) {
        CallTrack t = tracks.computeIfAbsent(call.id(), id -> new CallTrack(call));
        t.driving = sessionId;
        pump(t);
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
        tracks.values().forEach(CallTrack::cancelTimer);
        tracks.clear();
    }

    /** Whether {@link HubSpotSettings#callScope()} lets the call reach HubSpot at all (not started in another CRM). */
    private boolean inScope(Call call) {
        return settings.callScope().covers(call, HubSpotCallMessages.CRM);
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

    /** Sends the call's next step, if it has one and none is owed yet. */
    void pump(CallTrack t) {
        if (closed || t.owed != null || tracks.get(t.id) != t) {
            return;
        }
        Call call = refresh(t);
        if (call == null) {
            tracks.remove(t.id);
            t.cancelTimer();
            return;
        }
        if (!HubSpotCallLog.settled(call)) {
            call = handshakeLinks(t, call);
            park(t, call);
        }
        if (!frames.anyReady()) {
            return; // a frame's INITIALIZED pumps again
        }
        Instant now = clock.instant();
        CallScript.Decision decision = CallScript.next(call, t.done(), context(t), now);
        if (decision instanceof CallScript.Decision.Send send) {
            t.owed = send.step();
            LOG.debug("{}: sending {} for call {}", core.agent(), send.message().type(), t.id);
            if (!delivery.owe(new StepDelivery(t, send.step(), send.message()))) {
                t.owed = null; // the delivery is closed: so is this lane, a moment later
            }
        } else if (decision instanceof CallScript.Decision.Wait wait) {
            if (!t.noCallingNumberShown && CallScript.waitsForCallingNumber(call, t.done(), settings)) {
                t.noCallingNumberShown = true;
                LOG.warn("{}: call {} is not announced to HubSpot: the phone system named no calling number and "
                        + "HubSpotSettings.fallbackFromNumber is not set", core.agent(), t.id);
                String message = "This call cannot be logged in HubSpot: the phone system did not say which number"
                        + " is calling (fromNumber)";
                core.notifyAgent(NO_CALLING_NUMBER, message, t.id);
                errors.show(message, t.driving);
            }
            if (wait.until() != null) {
                wakeAt(t, wait.until(), now);
            }
        } else if (call.state() == CallState.WRAPPED_UP) {
            // Finished: HubSpot has heard everything; the markers on the call remember it if it comes back.
            tracks.remove(t.id);
            t.cancelTimer();
            if (!HubSpotCallLog.settled(call)) {
                unpark(t); // never announced, so never logged: nobody else should log it either
            }
        }
    }

    /**
     * Writes on the call the portal and owner the frames' handshake named ({@value HubSpotCallLog#PORTAL_ID_LINK},
     * {@value HubSpotCallLog#OWNER_ID_LINK}), for a log completed without a frame; only what is new or changed.
     *
     * @return the call as core holds it now
     */
    private Call handshakeLinks(CallTrack t, Call call) {
        boolean wrote = link(t, call, HubSpotCallLog.PORTAL_ID_LINK, frames.portalId());
        wrote |= link(t, call, HubSpotCallLog.OWNER_ID_LINK, frames.ownerId(t.driving));
        if (!wrote) {
            return call;
        }
        Call now = refresh(t);
        return now != null ? now : call;
    }

    private boolean link(CallTrack t, Call call, String key, @Nullable Long id) {
        if (id == null || Long.toString(id).equals(call.crmLinks().get(key))) {
            return false;
        }
        core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, key, Long.toString(id)));
        return true;
    }

    /**
     * Records the call's log in the delivery store as owed, unclaimed, while a frame is there to learn of the call
     * (the durable outbox): a server-side executor can then log it when no frame ever comes back. Once per call; a
     * store that cannot be reached is tried again at a later pump.
     */
    private void park(CallTrack t, Call call) {
        if (t.parked) {
            return;
        }
        try {
            store.park(OwedDelivery.of(HubSpotCallLog.key(t.id), core.agent(), HubSpotCallMessages.CRM,
                    HubSpotCallLog.METHOD, "{}"));
            t.parked = true;
        } catch (StoreUnavailableException e) {
            LOG.info("{}: could not record call {}'s log as owed ({}); tried again later", core.agent(), t.id,
                    e.getMessage());
        }
    }

    /** Takes back the parked log of a call HubSpot never heard of, unless someone holds it. */
    private void unpark(CallTrack t) {
        if (!t.parked) {
            return;
        }
        String key = HubSpotCallLog.key(t.id);
        Instant now = clock.instant();
        try {
            Optional<OwedDelivery> owned = store.claim(OwedDelivery.of(key, core.agent(), HubSpotCallMessages.CRM,
                    HubSpotCallLog.METHOD, "{}"), UNPARKER + core.agent(), now, now.plus(UNPARK_LEASE));
            owned.ifPresent(o -> store.finish(key, o.fence()));
        } catch (StoreUnavailableException e) {
            LOG.info("{}: could not take back call {}'s log ({})", core.agent(), t.id, e.getMessage());
        }
    }

    private void wakeAt(CallTrack t, Instant until, Instant now) {
        if (t.timer != null && until.equals(t.timerAt)) {
            return;
        }
        t.cancelTimer();
        t.timerAt = until;
        t.timer = timers.schedule(Duration.between(now, until), () -> serial.execute(() -> {
            t.timer = null;
            t.timerAt = null;
            pump(t);
        }));
    }

    /**
     * One step of a call as core's {@link Delivery} runs it: under the idempotency key {@code hubspot:<call>:<TYPE>},
     * on the call's driving frame while it is ready, judged by {@link HubSpotVerdict}. A step that gives up (the SDK
     * refused it, or the retries ran out) counts as settled so the call's later steps still go; the agent is told, and
     * when HubSpot never took it at all, HubSpot shows it too.
     */
    private final class StepDelivery implements SideEffect {
        private final CallTrack t;
        private final CallStep step;
        private final String type;
        private final String key;
        private final String args;
        private SideEffect.@Nullable Verdict last;

        StepDelivery(CallTrack t, CallStep step, ToHubSpot message) {
            this.t = t;
            this.step = step;
            this.type = message.type();
            this.key = Invocation.deriveId(HubSpotAgentBridge.ID_PREFIX, t.id.value(), type);
            this.args = HubSpotJson.args(message);
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String method() {
            return type;
        }

        @Override
        public String argsJson() {
            return args;
        }

        @Override
        public @Nullable String preferredFrame() {
            return frames.preferred(t.driving);
        }

        @Override
        public Verdict judge(InvocationResult result) {
            last = HubSpotVerdict.judge(result);
            return last;
        }

        @Override
        public void succeeded(InvocationResult.Success result) {
            Instant now = clock.instant();
            t.owed = null;
            t.settled.add(step);
            if (step == CallStep.START) {
                t.startedAt = now;
                t.startedIn = frames.locationOf(result.sessionId());
            }
            // Whichever frame ran it (the transport may have moved it) drives the call from now on.
            t.driving = result.sessionId();
            core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, step.marker(), now.toString()));
            if (step == CallStep.START && t.reloadedWhileStarting != null
                    && t.reloadedWhileStarting.equals(t.startedIn)) {
                // The page of this location was replaced while the announcement was out: if the old page posted it,
                // HubSpot answered into that page. A new page running it for the first time gets the answer and
                // links it, which still wins over this.
                engagementLost(t, "the " + t.startedIn + " frame reloaded while the call was being announced");
            }
            pump(t);
        }

        @Override
        public void gaveUp(String reason) {
            t.owed = null;
            t.settled.add(step);
            core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, step.failureMarker(),
                    clock.instant().toString()));
            boolean refused = last instanceof Verdict.GiveUp;
            String message = (refused ? "HubSpot did not accept " : "HubSpot did not receive ") + type + ": " + reason;
            core.notifyAgent(DELIVERY_FAILED, message, t.id);
            if (!refused) {
                // Refused means HubSpot saw it and said so; never received means HubSpot knows nothing: show it there.
                errors.show(message, t.driving);
            }
            pump(t);
        }

        /** Still the call's next step: it exists, and its script, asked again, names this step. */
        @Override
        public boolean stillWanted() {
            if (closed || tracks.get(t.id) != t) {
                return false;
            }
            Call call = refresh(t);
            return call != null && CallScript.next(call, t.done(), context(t), clock.instant())
                    instanceof CallScript.Decision.Send send && send.step() == step;
        }

        @Override
        public void dropped() {
            t.owed = null;
            pump(t);
        }
    }

    /**
     * HubSpot's CREATE_ENGAGEMENT_SUCCEEDED for the call can no longer arrive: it went into a page that was replaced
     * (the SDK's frame manager posts into whatever page the frame holds, and drops it outright while the new page has
     * not answered SYNC), and the new page's SYNC named no engagement. HubSpot posts its answer once and never repeats
     * it, so the call stops waiting: CALL_ENDED goes when the call ends and CALL_COMPLETED after the wrap-up, both
     * without an engagement id, instead of {@code engagementIdTimeout} later. Written on the call, so a later bridge
     * does not wait either. An id that arrives after all still links the call and is used in what is not sent yet.
     */
    void engagementLost(CallTrack t, String why) {
        Call call = refresh(t);
        if (call == null || CallScript.engagementId(call) != null
                || call.crmLinks().containsKey(CallScript.ENGAGEMENT_FAILED)
                || call.crmLinks().containsKey(CallScript.ENGAGEMENT_LOST)) {
            return;
        }
        LOG.info("{}: HubSpot's engagement for call {} was lost ({}); its end and completion go without one",
                core.agent(), t.id, why);
        core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_LOST,
                clock.instant().toString()));
        pump(t);
    }

    /** The frame location whose page ran {@code sessionId}'s messages; null if unknown. */
    @Nullable String location(@Nullable String sessionId) {
        return frames.locationOf(sessionId);
    }

    // ---------------------------------------------------------------- what the script is told

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

    /** The call as core holds it now (kept on the track), or null when core no longer has it. */
    @Nullable Call refresh(CallTrack t) {
        Optional<Call> current = core.call(t.id);
        current.ifPresent(call -> t.call = call);
        return current.orElse(null);
    }
}
