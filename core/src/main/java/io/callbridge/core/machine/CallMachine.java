package io.callbridge.core.machine;

import static io.callbridge.core.machine.Transition.changed;
import static io.callbridge.core.machine.Transition.ignored;
import static io.callbridge.core.machine.Transition.request;

import io.callbridge.core.CoreError;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.spi.ProviderEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The call state machine: {@code (call, input) → transition}, pure. Every input is decided by a switch over every
 * {@link CallState} (no default branch, so the compiler rejects a state left out).
 *
 * <p>Two kinds of input. Agent commands (answer, hang up, hold...) are checked against the state and turned into
 * requests to the phone system; the state itself only moves when the phone system reports what happened, so core
 * never shows a call on hold that the phone system did not put on hold. The exceptions are what the phone system does
 * not own: wrap-up, the CRM record and CRM links. Provider events move the state forward; a repeated or late event
 * (one that would move the call backwards) is ignored, and one that skips an impossible step (HELD before CONNECTED)
 * is rejected.
 */
public final class CallMachine {
    private CallMachine() {
    }

    /** A dial creates a queued outbound call and asks the phone system to place it. */
    public static Transition<Call> start(Dial dial, CallId id, Instant now) {
        Call call = Call.outbound(id, dial.agent(), dial.from(), dial.to(), now).toBuilder()
                .record(dial.record())
                .crmContext(dial.crmContext())
                .build();
        return new Transition.Applied<>(call, List.of(new CoreEvent.CallCreated(call)),
                List.of(new ProviderRequest.PlaceCall(id, dial.agent(), dial.from(), dial.to())));
    }

    /** An incoming-call report creates a ringing inbound call. */
    public static Transition<Call> start(ProviderEvent.Incoming incoming, Instant now) {
        Call call = Call.inbound(incoming.callId(), incoming.agent(), incoming.from(), incoming.to(), now);
        return changed(call, new CoreEvent.CallCreated(call));
    }

    public static Transition<Call> apply(Call call, CallCommand command, Instant now) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(command, "command");
        if (!call.agent().equals(command.agent())) {
            return reject(ErrorCode.NOT_YOUR_CALL, "call " + call.id() + " belongs to another agent");
        }
        if (command instanceof CallCommand.Answer) {
            return answerOrReject(call, "answer", new ProviderRequest.AnswerCall(call.id()));
        } else if (command instanceof CallCommand.Reject) {
            return answerOrReject(call, "reject", new ProviderRequest.RejectCall(call.id()));
        } else if (command instanceof CallCommand.HangUp) {
            return hangUp(call);
        } else if (command instanceof CallCommand.Hold) {
            return hold(call);
        } else if (command instanceof CallCommand.Resume) {
            return resume(call);
        } else if (command instanceof CallCommand.Transfer c) {
            return transfer(call, c.target());
        } else if (command instanceof CallCommand.Mute c) {
            return mute(call, c.muted());
        } else if (command instanceof CallCommand.WrapUp c) {
            return wrapUp(call, c.outcome(), now);
        } else if (command instanceof CallCommand.AttachRecord c) {
            return c.record().equals(call.record())
                    ? ignored("call " + call.id() + " is already about that record")
                    : update(call, b -> b.record(c.record()));
        } else if (command instanceof CallCommand.LinkCrmArtefact c) {
            if (c.value().equals(call.crmLinks().get(c.key()))) {
                return ignored("call " + call.id() + " already links " + c.key() + "=" + c.value());
            }
            Map<String, String> links = new HashMap<>(call.crmLinks());
            links.put(c.key(), c.value());
            return update(call, b -> b.crmLinks(links));
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    public static Transition<Call> apply(Call call, ProviderEvent event, Instant now) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(event, "event");
        if (event instanceof ProviderEvent.Incoming e) {
            boolean same = call.direction() == Direction.INBOUND && e.agent().equals(call.agent())
                    && call.from() != null && e.from().sameNumberAs(call.from());
            return same ? ignored("call " + call.id() + " was already reported")
                    : reject(ErrorCode.DUPLICATE_ID, "call id " + call.id() + " is already used by another call");
        } else if (event instanceof ProviderEvent.Dialing e) {
            return switch (call.state()) {
                case QUEUED -> move(call, CallState.DIALING, b -> b.from(e.from() != null ? e.from() : call.from()));
                case DIALING, RINGING, CONNECTED, HELD, ENDED, WRAPPED_UP -> late(call, event);
            };
        } else if (event instanceof ProviderEvent.Ringing) {
            return switch (call.state()) {
                case QUEUED, DIALING -> move(call, CallState.RINGING, b -> b);
                case RINGING, CONNECTED, HELD, ENDED, WRAPPED_UP -> late(call, event);
            };
        } else if (event instanceof ProviderEvent.Answered) {
            return switch (call.state()) {
                case QUEUED, DIALING, RINGING -> move(call, CallState.CONNECTED, b -> b.connectedAt(now));
                case CONNECTED, HELD, ENDED, WRAPPED_UP -> late(call, event);
            };
        } else if (event instanceof ProviderEvent.Held) {
            return switch (call.state()) {
                case CONNECTED -> move(call, CallState.HELD, b -> b);
                case HELD, ENDED, WRAPPED_UP -> late(call, event);
                case QUEUED, DIALING, RINGING -> illegal(call, "be held");
            };
        } else if (event instanceof ProviderEvent.Resumed) {
            return switch (call.state()) {
                case HELD -> move(call, CallState.CONNECTED, b -> b);
                case CONNECTED, ENDED, WRAPPED_UP -> late(call, event);
                case QUEUED, DIALING, RINGING -> illegal(call, "be resumed");
            };
        } else if (event instanceof ProviderEvent.MuteChanged e) {
            return switch (call.state()) {
                case CONNECTED, HELD -> e.muted() == call.muted()
                        ? ignored("call " + call.id() + " is already " + (e.muted() ? "muted" : "unmuted"))
                        : update(call, b -> b.muted(e.muted()));
                case ENDED, WRAPPED_UP -> late(call, event);
                case QUEUED, DIALING, RINGING -> illegal(call, "be muted");
            };
        } else if (event instanceof ProviderEvent.RecordingChanged e) {
            return recording(call, e);
        } else if (event instanceof ProviderEvent.Ended e) {
            return switch (call.state()) {
                case QUEUED, DIALING, RINGING, CONNECTED, HELD -> e.status().inboundOnly()
                        && call.direction() == Direction.OUTBOUND
                        ? reject(ErrorCode.ILLEGAL_TRANSITION, "an outbound call cannot end as " + e.status()
                                + " (call " + call.id() + ")")
                        : move(call, CallState.ENDED, b -> b.endStatus(e.status()).endedAt(now).muted(false)
                                .recording(false));
                case ENDED, WRAPPED_UP -> late(call, event);
            };
        }
        throw new IllegalStateException("unhandled provider event " + event.getClass().getName());
    }

    private static Transition<Call> answerOrReject(Call call, String what, ProviderRequest request) {
        if (call.direction() == Direction.OUTBOUND) {
            return illegal(call, what);
        }
        return switch (call.state()) {
            case RINGING -> request(call, request);
            case QUEUED, DIALING, CONNECTED, HELD, ENDED, WRAPPED_UP -> illegal(call, what);
        };
    }

    private static Transition<Call> hangUp(Call call) {
        return switch (call.state()) {
            // Hanging up a call that rings at the agent declines it: HubSpot's END_CALL may arrive then.
            case RINGING -> request(call, call.direction() == Direction.INBOUND
                    ? new ProviderRequest.RejectCall(call.id()) : new ProviderRequest.HangUpCall(call.id()));
            case QUEUED, DIALING, CONNECTED, HELD -> request(call, new ProviderRequest.HangUpCall(call.id()));
            // Two frames may both ask to hang up; the second finds the call over.
            case ENDED, WRAPPED_UP -> ignored("call " + call.id() + " has already ended");
        };
    }

    private static Transition<Call> hold(Call call) {
        return switch (call.state()) {
            case CONNECTED -> request(call, new ProviderRequest.HoldCall(call.id()));
            case HELD -> ignored("call " + call.id() + " is already on hold");
            case QUEUED, DIALING, RINGING, ENDED, WRAPPED_UP -> illegal(call, "be put on hold");
        };
    }

    private static Transition<Call> resume(Call call) {
        return switch (call.state()) {
            case HELD -> request(call, new ProviderRequest.ResumeCall(call.id()));
            case CONNECTED -> ignored("call " + call.id() + " is not on hold");
            case QUEUED, DIALING, RINGING, ENDED, WRAPPED_UP -> illegal(call, "be resumed");
        };
    }

    private static Transition<Call> transfer(Call call, String target) {
        return switch (call.state()) {
            case CONNECTED, HELD -> request(call, new ProviderRequest.TransferCall(call.id(), target));
            case QUEUED, DIALING, RINGING, ENDED, WRAPPED_UP -> illegal(call, "be transferred");
        };
    }

    private static Transition<Call> mute(Call call, boolean muted) {
        return switch (call.state()) {
            case CONNECTED, HELD -> muted == call.muted()
                    ? ignored("call " + call.id() + " is already " + (muted ? "muted" : "unmuted"))
                    : request(call, new ProviderRequest.SetMuted(call.id(), muted));
            case QUEUED, DIALING, RINGING, ENDED, WRAPPED_UP -> illegal(call, muted ? "be muted" : "be unmuted");
        };
    }

    private static Transition<Call> wrapUp(Call call, CallOutcome outcome, Instant now) {
        return switch (call.state()) {
            case ENDED -> move(call, CallState.WRAPPED_UP, b -> b.wrappedUpAt(now)
                    .outcome(outcome.recordingUrl() == null ? outcome.withRecordingUrl(call.recordingUrl()) : outcome));
            case WRAPPED_UP -> ignored("call " + call.id() + " is already wrapped up");
            case QUEUED, DIALING, RINGING, CONNECTED, HELD -> illegal(call, "be wrapped up before it ends");
        };
    }

    private static Transition<Call> recording(Call call, ProviderEvent.RecordingChanged e) {
        // Recordings are often published after the call ends: accept the URL then, but not "recording" on a dead line.
        boolean recording = e.recording() && call.state().isLive();
        var url = e.recordingUrl() != null ? e.recordingUrl() : call.recordingUrl();
        if (recording == call.recording() && Objects.equals(url, call.recordingUrl())) {
            return ignored("call " + call.id() + " recording is unchanged");
        }
        return update(call, b -> b.recording(recording).recordingUrl(url));
    }

    private static Transition<Call> move(Call call, CallState to, UnaryOperator<Call.Builder> change) {
        Call next = change.apply(call.toBuilder().state(to)).build();
        return changed(next, new CoreEvent.CallStateChanged(next, call.state()));
    }

    private static Transition<Call> update(Call call, UnaryOperator<Call.Builder> change) {
        Call next = change.apply(call.toBuilder()).build();
        return changed(next, new CoreEvent.CallUpdated(next));
    }

    private static Transition<Call> late(Call call, ProviderEvent event) {
        return ignored(event.getClass().getSimpleName() + " arrived after call " + call.id() + " reached "
                + call.state());
    }

    private static Transition<Call> illegal(Call call, String what) {
        return reject(ErrorCode.ILLEGAL_TRANSITION, "an " + call.direction().name().toLowerCase(Locale.ROOT)
                + " call in state " + call.state() + " cannot " + what + " (call " + call.id() + ")");
    }

    private static <T> Transition<T> reject(ErrorCode code, String message) {
        return new Transition.Rejected<>(CoreError.of(code, message));
    }
}
