package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.CallerIdMatch;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubSpot's events about calls, as core commands on the calls the {@link CallLane} follows: click-to-call, END_CALL,
 * the engagement HubSpot made (or failed to make), and the caller-id matches of an inbound call. HubSpot names no
 * call in most of them, so each finds its call among the lane's: the engagement belongs to the newest announced call
 * without one, the matches to the newest live inbound call.
 *
 * <p>Threads: confined to the agent bridge's serial queue, like the lane it works on.
 */
final class CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);
    private static final int MAX_LINK_VALUE = 255;

    private final AgentCore core;
    private final BridgeChannel channel;
    private final CallLane calls;
    private final ErrorLane errors;
    private final HubSpotSettings settings;
    /** CREATE_ENGAGEMENT_SUCCEEDED that matched no call, for this bridge's lifetime. Confined to serial. */
    private long unmatchedEngagements;

    CallEvents(AgentCore core, BridgeChannel channel, CallLane calls, ErrorLane errors, HubSpotSettings settings) {
        this.core = core;
        this.channel = channel;
        this.calls = calls;
        this.errors = errors;
        this.settings = settings;
    }

    /** DIAL_NUMBER: a call core refuses is shown to the agent and in HubSpot, where the click came from. */
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
        created.ifPresent(call -> calls.follow(call, frame.sessionId()));
    }

    /**
     * HubSpot's event was refused before anything happened (a number that does not parse, the number as a JSON number,
     * a field of the wrong type): the user sees why in HubSpot, where they clicked, and the agent's softphone shows it,
     * both naming the field. A type this adapter does not know is no user's doing (a newer SDK): logged only.
     */
    void refused(FrameInfo frame, String type, BridgeInputException refused) {
        if (refused.kind() == BridgeInputException.Kind.UNKNOWN_EVENT) {
            LOG.debug("{}: HubSpot event {} is unknown to this adapter; ignored", core.agent(), type);
            return;
        }
        String what = type.equals("DIAL_NUMBER") ? "HubSpot's call request" : "HubSpot's " + type;
        String message = what + " was refused: " + refused.field() + " " + kind(refused.kind()) + ": "
                + refused.getMessage();
        LOG.info("{}: {} refused: {} {}", core.agent(), type, refused.field(), refused.kind());
        core.notifyAgent(HubSpotAgentBridge.NOTICE_PREFIX + Texts.truncate(type, 64) + "_INVALID", message, null);
        errors.show(message, frame.sessionId());
    }

    private static String kind(BridgeInputException.Kind kind) {
        return switch (kind) {
            case MISSING_FIELD -> "is missing";
            case WRONG_TYPE -> "has the wrong type";
            case INVALID_VALUE -> "is invalid";
            case MALFORMED -> "is not valid JSON";
            case UNKNOWN_EVENT -> "is unknown";
        };
    }

    /**
     * END_CALL: hangs up the call HubSpot names, else (only when it names none) the newest live one. A late END_CALL
     * naming a call that already ended must not hang up the agent's newer call.
     */
    void endCall(FrameInfo frame, FromHubSpot.EndCall end) {
        String named = HubSpotJson.text(end.payload(), "externalCallId");
        CallTrack target = null;
        for (CallTrack t : calls.tracks()) {
            Call call = calls.refresh(t);
            if (call == null || !call.state().isLive()) {
                continue;
            }
            if (named != null) {
                if (named.equals(t.id.value())) {
                    target = t;
                    break;
                }
            } else if (target == null || call.createdAt().isAfter(target.call.createdAt())) {
                target = t;
            }
        }
        if (target == null) {
            LOG.info("{}: END_CALL from HubSpot but {} to end", core.agent(),
                    named == null ? "no live call" : "the call it names is not live");
            return;
        }
        target.driving = frame.sessionId();
        core.apply(new CallCommand.HangUp(core.agent(), target.id));
    }

    void engagementCreated(long engagementId) {
        CallTrack t = engagementCandidate();
        if (t == null) {
            // Routine when several frames or tabs announce calls (HubSpot answers each): one WARN per bridge is enough.
            if (unmatchedEngagements++ == 0) {
                LOG.warn("{}: HubSpot engagement {} belongs to no call waiting for one; ignored (further ones are "
                        + "logged at DEBUG)", core.agent(), engagementId);
            } else {
                LOG.debug("{}: HubSpot engagement {} belongs to no call waiting for one; ignored ({} so far)",
                        core.agent(), engagementId, unmatchedEngagements);
            }
            return;
        }
        core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_ID,
                Long.toString(engagementId)));
        calls.pump(t);
    }

    /**
     * The engagement HubSpot names in SYNC (so in READY) when a frame loads while a call is in progress. When a reload
     * races CREATE_ENGAGEMENT_SUCCEEDED, the SDK posts the success into the frame that is going, where it is lost; this
     * is then the only word of the engagement. It links the call waiting for one, unless a call already has it.
     */
    void engagementNamed(long engagementId) {
        for (CallTrack t : calls.tracks()) {
            Call call = calls.refresh(t);
            if (call != null && Long.valueOf(engagementId).equals(CallScript.engagementId(call))) {
                return; // known already
            }
        }
        CallTrack t = engagementCandidate();
        if (t == null) {
            LOG.debug("{}: SYNC names engagement {}, which no call waits for", core.agent(), engagementId);
            return;
        }
        core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_ID,
                Long.toString(engagementId)));
        calls.pump(t);
    }

    /**
     * A page completed HubSpot's handshake (READY, so a page load: the first of a frame, or a reload). With an
     * {@code engagementId} (HubSpot names the engagement of the call in progress in SYNC) it links the call waiting for
     * one. Without, the page that announced a call may have been replaced before HubSpot's CREATE_ENGAGEMENT_SUCCEEDED
     * reached it: the SDK's host side posts it into whichever page the frame holds, and drops it (only SYNC passes)
     * from the new page's load until its SYNC is answered. Only the frame of the location that announced the call can
     * have lost it; a call announced through a location that is unknown (another bridge announced it) counts as this.
     * The READY the SDK raises on SET_WIDGET_URL ({@code iFrameUrl} only) is the same page: nothing was lost.
     */
    void handshake(FrameInfo frame, FromHubSpot.Ready ready) {
        if (ready.engagementId() != null) {
            engagementNamed(ready.engagementId());
            return;
        }
        if (ready.iFrameUrl() != null) {
            return;
        }
        String location = calls.location(frame.sessionId());
        for (CallTrack t : List.copyOf(calls.tracks())) {
            Call call = calls.refresh(t);
            if (call == null || !t.announced() || CallScript.engagementId(call) != null
                    || t.done().contains(CallStep.COMPLETED)) {
                continue;
            }
            if (!t.done().contains(CallStep.START)) {
                // Still being announced: which page runs it decides (CallLane, when it succeeds).
                t.reloadedWhileStarting = location;
                continue;
            }
            if (t.startedIn == null || t.startedIn.equals(location)) {
                calls.engagementLost(t, "the " + (location == null ? "" : location + " ")
                        + "frame reloaded after the call was announced and its SYNC names no engagement");
            }
        }
    }

    void engagementFailed(String reason) {
        CallTrack t = engagementCandidate();
        core.notifyAgent(HubSpotAgentBridge.NOTICE_PREFIX + "CREATE_ENGAGEMENT_FAILED", reason,
                t == null ? null : t.id);
        if (t != null) {
            // Written on the call so a restarted bridge also knows not to wait for the engagement.
            core.apply(new CallCommand.LinkCrmArtefact(core.agent(), t.id, CallScript.ENGAGEMENT_FAILED,
                    Texts.truncate(reason, MAX_LINK_VALUE)));
            calls.pump(t);
        }
    }

    void callerIdMatches(List<CallerIdMatch> matches) {
        CallTrack target = null;
        for (CallTrack t : calls.tracks()) {
            Call call = calls.refresh(t);
            if (call != null && call.direction() == Direction.INBOUND && call.state().isLive() && t.announced()
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
            channel.publishUi(CallLane.CALLER_ID_TOPIC, HubSpotJson.callerIdMatches(target.id, matches));
            target.matchesPublished = true;
        }
        if (matches.size() == 1 || settings.multipleMatches() == HubSpotSettings.MultipleMatches.NAVIGATE_TO_FIRST) {
            CallerIdMatch match = matches.get(0);
            target.navigateTo = match.objectCoordinates();
            core.apply(new CallCommand.AttachRecord(core.agent(), target.id, new CrmRecordRef(HubSpotCallMessages.CRM,
                    match.callerIdType().wireValue(), Long.toString(match.objectCoordinates().objectId()),
                    displayName(match))));
            calls.pump(target);
        }
    }

    /**
     * HubSpot's engagement events carry no call id; they answer the start message of the newest call that HubSpot
     * has heard of and that has no engagement yet.
     */
    private @Nullable CallTrack engagementCandidate() {
        CallTrack best = null;
        for (CallTrack t : calls.tracks()) {
            Call call = calls.refresh(t);
            if (call == null || !t.announced() || CallScript.engagementId(call) != null
                    || call.crmLinks().containsKey(CallScript.ENGAGEMENT_FAILED)
                    || t.done().contains(CallStep.COMPLETED)) {
                continue;
            }
            if (best == null || call.createdAt().isAfter(best.call.createdAt())) {
                best = t;
            }
        }
        return best;
    }

    private static @Nullable String displayName(CallerIdMatch match) {
        if (match instanceof CallerIdMatch.Contact c) {
            String name = ((c.firstName() == null ? "" : c.firstName()) + " "
                    + (c.lastName() == null ? "" : c.lastName())).strip();
            return name.isEmpty() ? c.email() : name;
        }
        return ((CallerIdMatch.Company) match).name();
    }
}
