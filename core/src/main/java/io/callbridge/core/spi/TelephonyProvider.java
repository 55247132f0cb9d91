package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * What core asks the vendor's phone system to do: the one interface a vendor implements. Every method is a request;
 * the phone system reports what actually happened through {@link TelephonyEvents} (possibly before the method
 * returns). Methods should return quickly; they throw {@link TelephonyException} when the request is refused
 * outright. A refused {@link #placeCall} ends the call as FAILED; other refusals are shown to the agent.
 */
public interface TelephonyProvider {

    /** Place an outbound call; report {@code Dialing}, {@code Ringing}, {@code Answered}, {@code Ended}. */
    void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to);

    /** Connect the agent to a ringing inbound call; report {@code Answered}. */
    void answer(CallId callId);

    /** Decline a ringing inbound call; report {@code Ended(REJECTED)}. */
    void reject(CallId callId);

    /** End the call; report {@code Ended}. */
    void hangUp(CallId callId);

    void hold(CallId callId);

    void resume(CallId callId);

    /** Hand the call to {@code target}; report {@code Ended(TRANSFERRED)} once done. */
    void transfer(CallId callId, String target);

    void setMuted(CallId callId, boolean muted);
}
