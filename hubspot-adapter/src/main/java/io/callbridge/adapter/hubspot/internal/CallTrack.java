package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.message.ObjectCoordinates;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the call lane knows about one call beyond what core holds. Confined to the bridge's serial queue. */
final class CallTrack {
    final CallId id;
    /** The call as core last showed it. */
    Call call;
    /** The frame that drives the call with HubSpot: where it started or where the user last acted. */
    @Nullable String driving;
    /** Steps delivered or given up by this bridge; the call's markers say the same across restarts. */
    final EnumSet<CallStep> settled = EnumSet.noneOf(CallStep.class);
    /** The step owed to HubSpot now (in flight, backing off or waiting for a frame); one at a time. */
    @Nullable CallStep owed;
    /** When HubSpot heard of the call, if this bridge saw it happen. */
    @Nullable Instant startedAt;
    /** The frame location (widget, remote, window) whose page ran OUTGOING_CALL_STARTED or INCOMING_CALL. */
    @Nullable String startedIn;
    /**
     * A page of this location completed a new handshake while the start message was in flight: if that message ends
     * up delivered through this location, HubSpot's answer may have gone into the page that was replaced.
     */
    @Nullable String reloadedWhileStarting;
    /** Where the caller-id match said the call's record is. */
    @Nullable ObjectCoordinates navigateTo;
    /** A list of caller-id matches is on the softphone and must be cleared once the call ends. */
    boolean matchesPublished;
    /** Whether the agent and HubSpot were told that this call cannot be announced for want of a calling number. */
    boolean noCallingNumberShown;
    /** The call's log is parked in the delivery store (see {@code CallLane#park}). */
    boolean parked;
    /** Wakes the lane when the script waits for a deadline (the engagement id). */
    BridgeScheduler.@Nullable Cancellable timer;
    @Nullable Instant timerAt;

    CallTrack(Call call) {
        this.id = call.id();
        this.call = call;
    }

    /** The steps HubSpot got or that were given up, by this bridge or (markers on the call) by any other. */
    Set<CallStep> done() {
        EnumSet<CallStep> done = EnumSet.noneOf(CallStep.class);
        done.addAll(settled);
        for (CallStep step : CallStep.ALL) {
            if (call.crmLinks().containsKey(step.marker()) || call.crmLinks().containsKey(step.failureMarker())) {
                done.add(step);
            }
        }
        return done;
    }

    /** HubSpot heard of the call, or is being told now: its engagement events may be about it. */
    boolean announced() {
        return owed == CallStep.START || done().contains(CallStep.START);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            timerAt = null;
        }
    }
}
