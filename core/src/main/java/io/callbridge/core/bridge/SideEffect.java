package io.callbridge.core.bridge;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One CRM side effect an adapter owes, as {@link Delivery} runs it: what to invoke, the CRM's verdict on a result,
 * and what to do once it is settled. The callbacks run on the adapter's serial queue (the executor the delivery was
 * made with).
 */
public interface SideEffect {

    /** The idempotency key, used as the invocation id of every attempt (see {@link Invocation#deriveId}). */
    String key();

    /** The CRM API method, e.g. {@code saveLog}. */
    String method();

    /** Its arguments, as a JSON value. */
    String argsJson();

    /** The frame to run it on while that frame lives (where the agent acted), or null for any. */
    default @Nullable String preferredFrame() {
        return null;
    }

    /**
     * What the CRM's answer means: the per-CRM rule (HubSpot's SDK refusals are final; Open CTI's INVALID_PARAM is,
     * its server errors are not). Never called with a NO_FRAME failure, which {@link Delivery} handles itself by
     * waiting for a frame.
     */
    Verdict judge(InvocationResult result);

    /** It ran and succeeded; {@code result} is the success that {@link #judge} accepted. */
    void succeeded(InvocationResult.Success result);

    /**
     * It failed for good: the verdict said so, or {@link RetryPolicy#maxAttempts} ran out. The adapter records it on
     * the call (so it is not owed again) and tells the agent, who must hear of every side effect that did not happen.
     */
    void gaveUp(String reason);

    /** Asked before every retry and after every wait: whether it still matters (a screen pop for an ended call not). */
    default boolean stillWanted() {
        return true;
    }

    /** Dropped without a verdict because {@link #stillWanted} said no. */
    default void dropped() {
    }

    /** The CRM's verdict on one attempt. */
    sealed interface Verdict {
        /** It did what it should. */
        record Done() implements Verdict { }

        /** It may work later, on this frame or another (a timeout, a CRM server error): retried with backoff. */
        record Retry(String reason) implements Verdict {
            public Retry {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** Trying again would fail the same way, or might do it twice: final. */
        record GiveUp(String reason) implements Verdict {
            public GiveUp {
                Objects.requireNonNull(reason, "reason");
            }
        }

        static Verdict done() {
            return new Done();
        }
    }
}
