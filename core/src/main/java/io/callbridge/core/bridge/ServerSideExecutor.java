package io.callbridge.core.bridge;

import io.callbridge.core.model.Call;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A second executor of owed CRM side effects, one that needs no frame: a CRM's REST API completing the call log that
 * the agent's closed tab never sent. Contributed with {@code Multibinder.newSetBinder(binder(),
 * ServerSideExecutor.class)}; core's server-side delivery service sweeps the {@link io.callbridge.core.spi.DeliveryStore}
 * for the entries of each executor's {@link #crm()} and asks it about each one that nobody holds.
 *
 * <p>Exactly once, by a frame or by this executor: the service claims the entry's key in the delivery store before it
 * runs anything, as a frame's {@link Delivery} does, renews the claim while {@link #execute} runs, writes the
 * outcome's CRM links on the call while it still holds the claim (the same links the adapter writes when a frame ran
 * it, so the adapter's own look at the call says it is done), and only then lets the entry go. A frame that returns
 * meanwhile finds the key claimed, waits, claims it afterwards and drops it because the call says it is done.
 *
 * <p>Threads: {@link #plan} is called on the sweep thread and must not block; {@link #execute} runs on the service's
 * executor and may block on the network (bounded by its own timeouts). An executor may be asked about the same key
 * again after a crash between its request and the service's write: {@link #execute} must then find what it did the
 * first time (a ledger, a search in the CRM) instead of doing it twice.
 */
public interface ServerSideExecutor {

    /** The CRM whose entries it runs, as in {@link OwedDelivery#crm()}, e.g. {@code hubspot}. */
    String crm();

    /**
     * What to do now with an entry nobody holds.
     *
     * @param call the call the entry is about (read from core by {@link #callOf}), or null when core has no such call
     */
    Plan plan(OwedDelivery owed, @Nullable Call call, Instant now);

    /** The call an entry is about, as the id core knows it by, or null when the entry is about no call. */
    @Nullable String callOf(OwedDelivery owed);

    /**
     * Runs the side effect. Only called after {@link #plan} said {@link Plan.Run} and the service claimed the entry.
     *
     * @param call the call as core holds it just before the request
     */
    Outcome execute(OwedDelivery owed, Call call) throws InterruptedException;

    /** What {@link #plan} decided. */
    sealed interface Plan {
        /** Run it now. */
        record Run() implements Plan { }

        /** Not this executor's yet (a frame may still take it): ask again at {@code at}. */
        record NotYet(Instant at) implements Plan {
            public NotYet {
                Objects.requireNonNull(at, "at");
            }
        }

        /** Settled elsewhere or no longer wanted (the call says it was logged, or it is gone): the entry is removed. */
        record Drop(String reason) implements Plan {
            public Drop {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** What one {@link #execute} came to. */
    sealed interface Outcome {
        /**
         * It was done: {@code links} are written on the call (e.g. {@code hubspot.completed} with the time, the
         * record's id) before the entry is removed.
         */
        record Done(Map<String, String> links) implements Outcome {
            public Done {
                links = Map.copyOf(links);
            }
        }

        /** It may work later (a 5xx, a rate limit, a network failure): tried again no earlier than {@code notBefore}. */
        record Retry(String reason, Instant notBefore) implements Outcome {
            public Retry {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(notBefore, "notBefore");
            }
        }

        /**
         * It failed for good (the CRM refused it): {@code links} are written on the call (the adapter's failure
         * marker, so the step is owed no more), the agent is told {@code message} (no tokens, no phone numbers), and
         * the entry is removed.
         */
        record GaveUp(String message, Map<String, String> links) implements Outcome {
            public GaveUp {
                Objects.requireNonNull(message, "message");
                links = Map.copyOf(links);
            }
        }
    }
}
