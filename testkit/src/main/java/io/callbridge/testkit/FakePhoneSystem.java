package io.callbridge.testkit;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.CallRecording;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A phone system for tests: records every request core makes, answers them the way a real one would, and lets the test
 * drive what the far end does.
 *
 * <p>By default an outbound call is taken up at once ({@code Dialing}, then {@code Ringing}) and then waits for the
 * test to call {@link #answer}, {@link #end} and so on; {@link #script} makes a number behave on its own (answered,
 * busy, no answer, failed, refused). Agent requests — answer, reject, hang up, hold, resume, mute, transfer — are
 * confirmed at once, synchronously, as a fast phone system would. Every report's result is kept, so a test can check
 * that core accepted what the phone system said.
 *
 * <p>It knows which calls it carries ({@link #activeCalls()}): from {@code Dialing} or {@code Incoming} until it
 * reports {@code Ended}. {@link #lose} drops a call without a report, as a line that ends while callbridge is down;
 * {@link #cannotListCalls} makes it answer like a phone system that cannot tell.
 */
public final class FakePhoneSystem implements TelephonyProvider {

    /** What a dialled number does by itself. */
    public enum Script {
        /** Rings, and waits for the test. */
        RING,
        /** Rings and is answered at once. */
        ANSWER,
        BUSY,
        NO_ANSWER,
        /** Taken up, then the network fails it. */
        FAIL,
        /** The phone system refuses to place it at all ({@link TelephonyException}). */
        REFUSE
    }

    /** One request core made. */
    public record Request(String kind, CallId callId, String detail) { }

    private final Provider<TelephonyEvents> events;
    private final List<Request> requests = new ArrayList<>();
    private final List<CommandResult> results = new ArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Set<CallId> connected = ConcurrentHashMap.newKeySet();
    private final Set<CallId> carried = ConcurrentHashMap.newKeySet();
    private volatile boolean cannotListCalls;
    private final AtomicLong inboundIds = new AtomicLong();
    private volatile @Nullable PhoneNumber callerId;
    private volatile boolean refuseAgentRequests;
    private final Map<CallId, CallRecording> recordings = new ConcurrentHashMap<>();

    @Inject
    public FakePhoneSystem(Provider<TelephonyEvents> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** For use without Guice: reports go to {@code events}. */
    public static FakePhoneSystem reportingTo(TelephonyEvents events) {
        return new FakePhoneSystem(() -> events);
    }

    // ---------------------------------------------------------------- configuration

    /** Makes calls to {@code e164} behave as {@code script}. */
    public FakePhoneSystem script(String e164, Script script) {
        scripts.put(e164, script);
        return this;
    }

    /** The caller id reported for outbound calls (none by default). */
    public FakePhoneSystem callerId(@Nullable PhoneNumber number) {
        this.callerId = number;
        return this;
    }

    /** Makes {@link #activeCalls()} answer "cannot tell", as a phone system without the method does. */
    public FakePhoneSystem cannotListCalls(boolean cannot) {
        this.cannotListCalls = cannot;
        return this;
    }

    /** Makes every request other than placing a call fail with {@link TelephonyException}. */
    public FakePhoneSystem refuseAgentRequests(boolean refuse) {
        this.refuseAgentRequests = refuse;
        return this;
    }

    // ---------------------------------------------------------------- TelephonyProvider

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        record("placeCall", callId, to.e164());
        Script script = scripts.getOrDefault(to.e164(), Script.RING);
        if (script == Script.REFUSE) {
            throw new TelephonyException("number " + to.e164() + " is barred");
        }
        carried.add(callId);
        report(new ProviderEvent.Dialing(callId, from != null ? from : callerId));
        switch (script) {
            case RING -> report(new ProviderEvent.Ringing(callId));
            case ANSWER -> {
                report(new ProviderEvent.Ringing(callId));
                answer(callId, true);
            }
            case BUSY -> end(callId, EndStatus.BUSY);
            case NO_ANSWER -> {
                report(new ProviderEvent.Ringing(callId));
                end(callId, EndStatus.NO_ANSWER);
            }
            case FAIL -> end(callId, EndStatus.FAILED);
            case REFUSE -> throw new IllegalStateException("handled above");
        }
    }

    @Override
    public void answer(CallId callId) {
        agentRequest("answer", callId, "");
        answer(callId, true);
    }

    @Override
    public void reject(CallId callId) {
        agentRequest("reject", callId, "");
        end(callId, EndStatus.REJECTED);
    }

    @Override
    public void hangUp(CallId callId) {
        agentRequest("hangUp", callId, "");
        end(callId, connected.contains(callId) ? EndStatus.COMPLETED : EndStatus.CANCELED);
    }

    @Override
    public void hold(CallId callId) {
        agentRequest("hold", callId, "");
        report(new ProviderEvent.Held(callId));
    }

    @Override
    public void resume(CallId callId) {
        agentRequest("resume", callId, "");
        report(new ProviderEvent.Resumed(callId));
    }

    @Override
    public void transfer(CallId callId, String target) {
        agentRequest("transfer", callId, target);
        end(callId, EndStatus.TRANSFERRED);
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        agentRequest("setMuted", callId, Boolean.toString(muted));
        report(new ProviderEvent.MuteChanged(callId, muted));
    }

    /** The calls taken up or rung and not yet ended, unless {@link #cannotListCalls} is on. */
    @Override
    public Optional<Set<CallId>> activeCalls() {
        return cannotListCalls ? Optional.empty() : Optional.of(Set.copyOf(carried));
    }

    /** The recording set with {@link #recordingAvailable}, if any. */
    @Override
    public Optional<CallRecording> recording(CallId callId) {
        return Optional.ofNullable(recordings.get(callId));
    }

    // ---------------------------------------------------------------- driving the far end

    /** An inbound call from {@code from} to {@code to} rings at {@code agent}; returns its id. */
    public CallId ring(AgentId agent, PhoneNumber from, PhoneNumber to) {
        CallId id = CallId.of("fake-in-" + inboundIds.incrementAndGet());
        carried.add(id);
        report(new ProviderEvent.Incoming(id, agent, from, to));
        return id;
    }

    /** The far end answers (outbound) or the agent's phone picks up (inbound). */
    public CommandResult answer(CallId callId, boolean farEnd) {
        connected.add(callId);
        return report(new ProviderEvent.Answered(callId));
    }

    /** The far end rings. */
    public CommandResult ringing(CallId callId) {
        return report(new ProviderEvent.Ringing(callId));
    }

    /** The line drops with {@code status}. */
    public CommandResult end(CallId callId, EndStatus status) {
        connected.remove(callId);
        carried.remove(callId);
        return report(new ProviderEvent.Ended(callId, status));
    }

    /**
     * The line drops and nobody hears of it, as when it ends while callbridge is down: the call leaves
     * {@link #activeCalls()} without an {@code Ended} report.
     */
    public void lose(CallId callId) {
        connected.remove(callId);
        carried.remove(callId);
    }

    /** The recording of the call is available at {@code url}. */
    public CommandResult recorded(CallId callId, URI url) {
        return report(new ProviderEvent.RecordingChanged(callId, false, url));
    }

    /** From now on {@link #recording} answers {@code recording} for {@code callId} (no report is sent). */
    public FakePhoneSystem recordingAvailable(CallId callId, CallRecording recording) {
        recordings.put(Objects.requireNonNull(callId, "callId"), Objects.requireNonNull(recording, "recording"));
        return this;
    }

    /** Sends any report, as a phone system with its own ideas would. */
    public CommandResult report(ProviderEvent event) {
        CommandResult result = events.get().report(event);
        synchronized (results) {
            results.add(result);
        }
        return result;
    }

    // ---------------------------------------------------------------- inspection

    /** Every request core made so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The kinds of the requests made for {@code callId}, in order, e.g. {@code [placeCall, hangUp]}. */
    public List<String> requestKinds(CallId callId) {
        return requests().stream().filter(r -> r.callId().equals(callId)).map(Request::kind).toList();
    }

    /** What core answered to each report, in order. */
    public List<CommandResult> reportResults() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /** Reports core refused; a well-behaved flow has none. */
    public List<CommandResult.Rejected> rejectedReports() {
        List<CommandResult.Rejected> rejected = new ArrayList<>();
        for (CommandResult r : reportResults()) {
            if (r instanceof CommandResult.Rejected x) {
                rejected.add(x);
            }
        }
        return rejected;
    }

    private void agentRequest(String kind, CallId callId, String detail) {
        record(kind, callId, detail);
        if (refuseAgentRequests) {
            throw new TelephonyException(kind + " is not possible right now");
        }
    }

    private void record(String kind, CallId callId, String detail) {
        synchronized (requests) {
            requests.add(new Request(kind, callId, detail));
        }
    }
}
