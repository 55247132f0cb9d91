package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.ObjectCoordinates;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides the next message HubSpot must get about a call: a pure function of the call as core holds it, the steps
 * already delivered, and the time. Deriving the next step from state (rather than queueing messages as events come)
 * is what lets a fresh bridge resume exactly where a lost one stopped.
 */
final class CallScript {
    static final String ENGAGEMENT_ID = "hubspot.engagementId";
    static final String ENGAGEMENT_FAILED = "hubspot.engagementFailed";
    /**
     * HubSpot's word of the engagement was lost with a reload of the frame that announced the call, and the reloaded
     * frame's SYNC named none: nothing will bring it again, so CALL_ENDED and CALL_COMPLETED wait for it no longer. An id
     * that turns up after all is still used (see {@link CallEvents#handshake}).
     */
    static final String ENGAGEMENT_LOST = "hubspot.engagementLost";

    private CallScript() {
    }

    /**
     * What the bridge knows beyond the call.
     *
     * @param ownerId the HubSpot user's owner id from the handshake, if known
     * @param navigateTo where a screen pop for this call would go, if the call has a HubSpot record to show
     * @param startedAt when HubSpot heard of the call, if this bridge knows it better than the call's marker
     */
    record Context(HubSpotSettings settings, @Nullable Long ownerId, @Nullable ObjectCoordinates navigateTo,
            @Nullable Instant startedAt) { }

    sealed interface Decision {
        record Send(CallStep step, ToHubSpot message) implements Decision { }

        /** Nothing to send until the call changes, or until {@code until} when a deadline is pending. */
        record Wait(@Nullable Instant until) implements Decision { }

        /** HubSpot knows everything it will ever know about the call. */
        record Finished() implements Decision { }
    }

    /** How things stand with HubSpot's engagement for the call. */
    sealed interface Engagement {
        record Known(long id) implements Engagement { }

        record Waiting(Instant until) implements Engagement { }

        /** None will come (creation failed or was not asked for) or it took too long. */
        record GivenUp() implements Engagement { }
    }

    /**
     * Whether an outbound call the phone system took up, and that was answered, still cannot be announced because
     * nobody named its calling number (the phone system did not, and {@link HubSpotSettings#fallbackFromNumber()} is
     * not set): HubSpot would otherwise never hear of a call the agent is on.
     */
    static boolean waitsForCallingNumber(Call call, Set<CallStep> done, HubSpotSettings settings) {
        return call.direction() == Direction.OUTBOUND && !done.contains(CallStep.START) && call.wasConnected()
                && HubSpotCallMessages.fromNumber(call, settings) == null;
    }

    static Decision next(Call call, Set<CallStep> done, Context ctx, Instant now) {
        if (call.direction() == Direction.INBOUND && call.state().isLive() && done.contains(CallStep.START)
                && !done.contains(CallStep.NAVIGATE) && ctx.navigateTo() != null) {
            return new Decision.Send(CallStep.NAVIGATE, new ToHubSpot.NavigateToRecord(engagementId(call),
                    ctx.navigateTo(), null));
        }
        int from = 0;
        for (int i = 0; i < CallStep.ORDERED.size(); i++) {
            if (done.contains(CallStep.ORDERED.get(i))) {
                from = i + 1;
            }
        }
        boolean live = call.state().isLive();
        for (CallStep step : CallStep.ORDERED.subList(from, CallStep.ORDERED.size())) {
            switch (step) {
                case START -> {
                    // An outbound call is announced once the phone system took it up and said which number calls:
                    // fromNumber is required (per HubSpot's docs), and never sent empty. A call that ends before
                    // that (the phone system refused it at once) is never announced: HubSpot shows the refusal as an
                    // ERROR instead, and no engagement is made for a call that never was. A phone system that names
                    // no number at all is covered by HubSpotSettings.fallbackFromNumber (see waitsForCallingNumber).
                    if (call.direction() == Direction.OUTBOUND && (call.state() == CallState.QUEUED
                            || HubSpotCallMessages.fromNumber(call, ctx.settings()) == null)) {
                        return live ? new Decision.Wait(null) : new Decision.Finished();
                    }
                    return new Decision.Send(step, HubSpotCallMessages.start(call, ctx.settings()));
                }
                case ANSWERED -> {
                    if (call.wasConnected()) {
                        return new Decision.Send(step, new ToHubSpot.CallAnswered(call.id().value()));
                    }
                    if (live) {
                        return new Decision.Wait(null);
                    }
                }
                case TRANSFERRED -> {
                    if (call.endStatus() == EndStatus.TRANSFERRED) {
                        return new Decision.Send(step, new ToHubSpot.CallTransferred(call.id().value()));
                    }
                    if (live) {
                        return new Decision.Wait(null);
                    }
                }
                case ENDED -> {
                    if (live) {
                        return new Decision.Wait(null);
                    }
                    Engagement e = engagement(call, ctx, now);
                    if (e instanceof Engagement.Known known) {
                        return new Decision.Send(step, HubSpotCallMessages.ended(call, known.id()));
                    } else if (e instanceof Engagement.Waiting waiting) {
                        return new Decision.Wait(waiting.until());
                    }
                    // Given up: HubSpot's widget learns of the end only from CALL_ENDED, which the SDK posts as given
                    // although its type declares the engagement id required; so it goes without one.
                    return new Decision.Send(step, HubSpotCallMessages.ended(call, null));
                }
                case COMPLETED -> {
                    if (call.state() != CallState.WRAPPED_UP) {
                        return new Decision.Wait(null);
                    }
                    Engagement e = engagement(call, ctx, now);
                    if (e instanceof Engagement.Waiting waiting) {
                        return new Decision.Wait(waiting.until());
                    }
                    Long id = e instanceof Engagement.Known known ? known.id() : null;
                    return new Decision.Send(step, HubSpotCallMessages.completed(call, id, ctx));
                }
                case FINALIZED -> {
                    Long id = engagementId(call);
                    if (ctx.settings().finalizeEngagement() && id != null) {
                        return new Decision.Send(step, new ToHubSpot.FinalizeEngagement(call.id().value(), id));
                    }
                    return new Decision.Finished();
                }
                case NAVIGATE -> throw new IllegalStateException("NAVIGATE is not an ordered step");
            }
        }
        return new Decision.Finished();
    }

    static Engagement engagement(Call call, Context ctx, Instant now) {
        Long id = engagementId(call);
        if (id != null) {
            return new Engagement.Known(id);
        }
        if (!ctx.settings().createEngagement() || call.crmLinks().containsKey(ENGAGEMENT_FAILED)
                || call.crmLinks().containsKey(ENGAGEMENT_LOST)) {
            return new Engagement.GivenUp();
        }
        // Measured from the later of the end and HubSpot hearing of the call: both survive a bridge restart.
        Instant anchor = call.endedAt() != null ? call.endedAt() : now;
        Instant started = startedAt(call, ctx);
        if (started != null && started.isAfter(anchor)) {
            anchor = started;
        }
        Instant until = anchor.plus(ctx.settings().engagementIdTimeout());
        return now.isBefore(until) ? new Engagement.Waiting(until) : new Engagement.GivenUp();
    }

    static @Nullable Long engagementId(Call call) {
        return HubSpotCallLog.engagementId(call);
    }

    private static @Nullable Instant startedAt(Call call, Context ctx) {
        String marker = call.crmLinks().get(CallStep.START.marker());
        if (marker != null) {
            try {
                return Instant.parse(marker);
            } catch (DateTimeParseException e) {
                return ctx.startedAt();
            }
        }
        return ctx.startedAt();
    }
}
