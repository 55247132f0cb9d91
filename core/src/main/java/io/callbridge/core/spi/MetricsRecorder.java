package io.callbridge.core.spi;

import io.callbridge.core.ErrorCode;
import io.callbridge.core.model.CallState;
import java.time.Duration;

/**
 * Where core and the transport report what they do, for a metrics library to count: a CRM-neutral port, so that core
 * depends on no metrics library. Core's default ({@link #NONE}) records nothing; {@code callbridge-operations} binds
 * a Micrometer implementation. Every method has an empty default, so an implementation records what it wants.
 *
 * <p>Methods are called on the threads doing the work (request, bridge and engine threads), often and concurrently:
 * an implementation must be thread-safe and cheap (no I/O, no locks held for long), and must not throw. Values are
 * what this node saw: a deployment sums its nodes.
 */
public interface MetricsRecorder {

    /** Records nothing. */
    MetricsRecorder NONE = new MetricsRecorder() { };

    /** A bridge session of {@code crm} authenticated (the transport). */
    default void sessionOpened(String crm) {
    }

    /** An authenticated bridge session of {@code crm} closed (the transport). */
    default void sessionClosed(String crm) {
    }

    /**
     * A text frame came in from a bridge (the transport).
     *
     * @param crm the session's CRM, or {@code none} before its hello authenticated
     */
    default void frameReceived(String crm) {
    }

    /** A frame was queued to a bridge of {@code crm} (the transport). */
    default void frameSent(String crm) {
    }

    /**
     * A CRM invocation ended (the transport), from the adapter's request to its result.
     *
     * @param method the CRM API method, e.g. {@code saveLog}
     * @param outcome {@code ok} or the failure kind in lower case (e.g. {@code timeout}, {@code no_frame})
     */
    default void invocationFinished(String crm, String method, String outcome, Duration latency) {
    }

    /**
     * The number of CRM side effects owed and not yet settled changed by {@code delta} (core's delivery engine):
     * +1 when one is owed, -1 when it is settled, dropped or handed to another executor.
     */
    default void sideEffectsPending(String crm, int delta) {
    }

    /** A CRM side effect failed for good (core's delivery engine gave up on it; the agent is told). */
    default void sideEffectFailed(String crm, String method) {
    }

    /** A call entered {@code state} (core: created in it, or moved to it). */
    default void callEntered(CallState state) {
    }

    /** Core refused a command or a phone system report with {@code code}. */
    default void refused(ErrorCode code) {
    }
}
