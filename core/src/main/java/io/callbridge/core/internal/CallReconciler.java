package io.callbridge.core.internal;

import io.callbridge.core.CommandResult;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When core starts, compares the calls it holds as live with those the phone system still carries
 * ({@link TelephonyProvider#activeCalls()}) and ends the ones the phone system no longer has: their line dropped while
 * this node (or the whole deployment) was down, so the {@code Ended} report that would have closed them is lost.
 *
 * <p>The rule: a live call the phone system does not list ends as {@link EndStatus#COMPLETED} if it was ever
 * connected (a conversation took place), {@link EndStatus#MISSED} if it is an inbound call that never was, and
 * {@link EndStatus#FAILED} if it is an outbound call that never was (it did not get through, as far as anyone can
 * tell). The agent is told why ({@value #NOTICE}); the CRM adapters log the call as for any other end. Calls the phone
 * system lists are left alone, and so is everything when the phone system cannot tell.
 *
 * <p>A call created shortly before the phone system was asked may be one it has not seen yet (on another node, core
 * stores an outbound call before it asks the phone system to place it; a phone system may list its calls a moment
 * before an inbound one is reported). Such calls, created less than {@link #IN_FLIGHT} before the question, are not
 * ended at start but checked once more {@link #IN_FLIGHT} later, with a fresh answer.
 *
 * <p>The end goes through the call's state machine like a report from the phone system, so a call that moved on
 * meanwhile (a real {@code Ended} arrived, another node reconciled it first) is left as it is.
 */
public final class CallReconciler implements Service {
    /** How recent a call may be and still be unknown to the phone system without having ended. */
    static final Duration IN_FLIGHT = Duration.ofSeconds(10);
    /** The notice an agent gets for each call ended here. */
    static final String NOTICE = "provider.callGone";
    private static final Logger LOG = LoggerFactory.getLogger(CallReconciler.class);

    private final VersionedStore<CallId, Call> calls;
    private final TelephonyProvider provider;
    private final DefaultCallEngine engine;
    private final BridgeScheduler timers;
    private final Clock clock;
    private BridgeScheduler.@Nullable Cancellable recheck;
    private boolean stopped;

    @Inject
    public CallReconciler(VersionedStore<CallId, Call> calls, TelephonyProvider provider, DefaultCallEngine engine,
            BridgeScheduler timers, Clock clock) {
        this.calls = calls;
        this.provider = provider;
        this.engine = engine;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public void start() {
        List<CallId> recent = reconcile(null);
        if (!recent.isEmpty()) {
            synchronized (this) {
                if (!stopped) {
                    recheck = timers.schedule(IN_FLIGHT, () -> reconcile(recent));
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (recheck != null) {
            recheck.cancel();
            recheck = null;
        }
    }

    /**
     * One round: asks the phone system first, then reads the calls, so that a call created after the answer counts as
     * recent rather than gone.
     *
     * @param only the calls to look at, or null for every stored live call
     * @return the live calls neither listed nor ended because they are recent
     */
    private List<CallId> reconcile(@Nullable List<CallId> only) {
        synchronized (this) {
            if (stopped && only != null) {
                return List.of();
            }
        }
        Instant asked = clock.instant();
        Optional<Set<CallId>> active;
        try {
            active = provider.activeCalls();
        } catch (RuntimeException e) {
            LOG.warn("cannot reconcile calls with the phone system: it could not list its calls ({}); live calls are "
                    + "left as they are", e.getClass().getSimpleName());
            LOG.debug("the phone system could not list its calls", e);
            return List.of();
        }
        if (active.isEmpty()) {
            LOG.debug("the phone system cannot list its calls; not reconciling");
            return List.of();
        }
        Instant recentAfter = asked.minus(IN_FLIGHT);
        int carried = 0;
        int ended = 0;
        List<CallId> recent = new ArrayList<>();
        for (Call call : live(only)) {
            if (active.get().contains(call.id())) {
                carried++;
            } else if (only == null && call.createdAt().isAfter(recentAfter)) {
                recent.add(call.id());
            } else if (end(call)) {
                ended++;
            }
        }
        if (carried + ended + recent.size() > 0) {
            LOG.info("reconciled live calls with the phone system{}: {} still carried, {} ended as gone{}",
                    only == null ? "" : " (second look at recent calls)", carried, ended,
                    recent.isEmpty() ? "" : ", " + recent.size() + " too recent to tell, checked again in "
                            + IN_FLIGHT.toSeconds() + " s");
        }
        return recent;
    }

    private List<Call> live(@Nullable List<CallId> only) {
        List<Call> live = new ArrayList<>();
        if (only == null) {
            for (Versioned<Call> v : calls.all()) {
                if (v.value().state().isLive()) {
                    live.add(v.value());
                }
            }
        } else {
            for (CallId id : only) {
                calls.get(id).map(Versioned::value).filter(c -> c.state().isLive()).ifPresent(live::add);
            }
        }
        return live;
    }

    /** Ends a call the phone system no longer has; false if it moved on meanwhile. */
    private boolean end(Call call) {
        EndStatus status = call.wasConnected() ? EndStatus.COMPLETED
                : call.direction() == Direction.INBOUND ? EndStatus.MISSED : EndStatus.FAILED;
        CommandResult result = engine.report(new ProviderEvent.Ended(call.id(), status));
        if (!(result instanceof CommandResult.Accepted)) {
            LOG.debug("call {} moved on before it could be reconciled: {}", call.id().value(), result);
            return false;
        }
        LOG.info("call {} ended as {}: the phone system no longer carries it", call.id().value(), status);
        engine.execute(new NotifyAgent(call.agent(), NOTICE, "The phone system no longer had this call when the "
                + "server started again, so it was ended (" + status + ").", call.id()));
        return true;
    }
}
