package io.callbridge.core.machine;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import org.jspecify.annotations.Nullable;

/** A request to the phone system that a transition asks for; the engine makes it after storing the transition. */
public sealed interface ProviderRequest {
    CallId callId();

    record PlaceCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to)
            implements ProviderRequest { }

    record AnswerCall(CallId callId) implements ProviderRequest { }

    record RejectCall(CallId callId) implements ProviderRequest { }

    record HangUpCall(CallId callId) implements ProviderRequest { }

    record HoldCall(CallId callId) implements ProviderRequest { }

    record ResumeCall(CallId callId) implements ProviderRequest { }

    record TransferCall(CallId callId, String target) implements ProviderRequest { }

    record SetMuted(CallId callId, boolean muted) implements ProviderRequest { }
}
