package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What core asks the vendor's phone system to do: the one interface a vendor implements. Every method is a request;
 * the phone system reports what actually happened through {@link TelephonyEvents} (possibly before the method
 * returns). Methods should return quickly; they throw {@link TelephonyException} when the request is refused
 * outright. A refused {@link #placeCall} ends the call as FAILED; other refusals are shown to the agent.
 *
 * <p>{@link #activeCalls()} is optional: a phone system that can list its calls lets core reconcile after a restart.
 * {@link #recording} is optional too: a phone system that records calls lets a CRM play (and transcribe) them.
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

    /**
     * The calls the phone system carries right now (being placed, ringing, connected or held), if it can tell. Core
     * asks once when it starts and ends every call it holds as live that the phone system no longer has: its line
     * dropped while callbridge was down, so no {@code Ended} report will ever come. Calls created in the last few
     * seconds before the question are checked again a little later, since the phone system may not have seen them
     * yet. Calls core does not know are not core's business here.
     *
     * <p>Answer within a second or so: it is asked when core's services start and, if there were such recent calls,
     * once more about ten seconds later on core's scheduler. Throw {@link TelephonyException} when the phone system
     * cannot answer now; core then leaves its calls as they are.
     *
     * @return the ids of the live calls; empty (the default) when the phone system cannot tell, in which case core
     *     leaves its calls as they are
     */
    default Optional<Set<CallId>> activeCalls() {
        return Optional.empty();
    }

    /**
     * The recording of a call, if the phone system recorded it and can hand out a link to it now. Asked when a CRM
     * wants to play the recording (HubSpot asks each time a user opens the call on a timeline, possibly days later),
     * so each answer may be a fresh signed link; and after a call is logged, to tell the CRM a recording is ready.
     *
     * <p>Answer quickly (within a second or so: a CRM's request waits for it) and from any thread. Calls the phone
     * system does not know, or did not record, or whose recording is gone, are empty. Throw
     * {@link TelephonyException} when it cannot tell right now.
     *
     * @return the recording; empty (the default) when there is none or the phone system does not record
     */
    default Optional<CallRecording> recording(CallId callId) {
        return Optional.empty();
    }
}
