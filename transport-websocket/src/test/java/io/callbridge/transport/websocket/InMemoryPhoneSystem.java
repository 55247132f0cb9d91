package io.callbridge.transport.websocket;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A phone system that does at once what it is asked and reports it, like a perfect PBX; tests add what the far end
 * does ({@link #farEndAnswers}, {@link #ring}). Test double for the transport's integration tests.
 */
final class InMemoryPhoneSystem implements TelephonyProvider {
    private @Nullable Provider<TelephonyEvents> events;
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Numbers (E.164) the phone system refuses to call, saying so with the number, as real ones do. */
    final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Inject
    void connect(Provider<TelephonyEvents> events) {
        this.events = events;
    }

    private CommandResult report(ProviderEvent event) {
        if (events == null) {
            throw new IllegalStateException("not connected to core");
        }
        return events.get().report(event);
    }

    void farEndAnswers(CallId call) {
        report(new ProviderEvent.Answered(call));
    }

    void ring(CallId call, AgentId agent, PhoneNumber from, PhoneNumber to) {
        report(new ProviderEvent.Incoming(call, agent, from, to));
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        requests.add("placeCall " + callId);
        if (refused.contains(to.e164())) {
            throw new io.callbridge.core.spi.TelephonyException("calls to " + to.e164() + " are barred");
        }
        report(new ProviderEvent.Dialing(callId, from));
        report(new ProviderEvent.Ringing(callId));
    }

    @Override
    public void answer(CallId callId) {
        requests.add("answer " + callId);
        report(new ProviderEvent.Answered(callId));
    }

    @Override
    public void reject(CallId callId) {
        requests.add("reject " + callId);
        report(new ProviderEvent.Ended(callId, EndStatus.REJECTED));
    }

    @Override
    public void hangUp(CallId callId) {
        requests.add("hangUp " + callId);
        report(new ProviderEvent.Ended(callId, EndStatus.COMPLETED));
    }

    @Override
    public void hold(CallId callId) {
        requests.add("hold " + callId);
        report(new ProviderEvent.Held(callId));
    }

    @Override
    public void resume(CallId callId) {
        requests.add("resume " + callId);
        report(new ProviderEvent.Resumed(callId));
    }

    @Override
    public void transfer(CallId callId, String target) {
        requests.add("transfer " + callId + " " + target);
        report(new ProviderEvent.Ended(callId, EndStatus.TRANSFERRED));
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        requests.add("mute " + callId + " " + muted);
        report(new ProviderEvent.MuteChanged(callId, muted));
    }
}
