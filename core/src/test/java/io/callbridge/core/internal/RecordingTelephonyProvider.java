package io.callbridge.core.internal;

import io.callbridge.core.machine.ProviderRequest;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A phone system that only writes down what it was asked, as {@link ProviderRequest} values, and refuses the requests
 * a test tells it to refuse.
 */
public final class RecordingTelephonyProvider implements TelephonyProvider {
    private final List<ProviderRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<ProviderRequest> refuse = r -> false;
    private volatile Consumer<ProviderRequest> reaction = r -> { };

    public List<ProviderRequest> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    public void refuseWhen(Predicate<ProviderRequest> refuse) {
        this.refuse = refuse;
    }

    /** What the phone system does when asked, e.g. report progress back from inside the request. */
    public void reactWith(Consumer<ProviderRequest> reaction) {
        this.reaction = reaction;
    }

    private void record(ProviderRequest request) {
        requests.add(request);
        reaction.accept(request);
        if (refuse.test(request)) {
            throw new TelephonyException("refused " + request.getClass().getSimpleName());
        }
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        record(new ProviderRequest.PlaceCall(callId, agent, from, to));
    }

    @Override
    public void answer(CallId callId) {
        record(new ProviderRequest.AnswerCall(callId));
    }

    @Override
    public void reject(CallId callId) {
        record(new ProviderRequest.RejectCall(callId));
    }

    @Override
    public void hangUp(CallId callId) {
        record(new ProviderRequest.HangUpCall(callId));
    }

    @Override
    public void hold(CallId callId) {
        record(new ProviderRequest.HoldCall(callId));
    }

    @Override
    public void resume(CallId callId) {
        record(new ProviderRequest.ResumeCall(callId));
    }

    @Override
    public void transfer(CallId callId, String target) {
        record(new ProviderRequest.TransferCall(callId, target));
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        record(new ProviderRequest.SetMuted(callId, muted));
    }
}
