package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.model.AgentId;
import java.util.ArrayDeque;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane of errors shown in HubSpot's own UI (ERROR): a dial core refused, a phone-system failure, a message HubSpot
 * never received. One at a time, in the order they arose, on the frame where the user acted if it is ready, else on
 * any ready frame; they wait while no frame is ready. At most {@value #MAX_QUEUED} wait, older ones are dropped, since
 * the newest matter.
 *
 * <p>Each error goes through core's {@link Delivery} like a call's step, so it is retried by the same policy; one that
 * cannot be shown is dropped after the last attempt with no further notice, because every error here is also an
 * agent notice, which the agent's softphone shows. ERROR is not idempotent, so its ids are unique per bridge instance.
 *
 * <p>Threads: confined to the agent bridge's serial queue; the delivery calls back on it.
 */
final class ErrorLane {
    static final int MAX_QUEUED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLane.class);
    private static final int MAX_TEXT = 1000;

    private final AgentId agent;
    private final FrameLane frames;
    private final Delivery delivery;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    // Confined to serial.
    private final ArrayDeque<QueuedError> queue = new ArrayDeque<>();
    private @Nullable QueuedError owed;
    private long count;
    private boolean closed;

    ErrorLane(AgentId agent, FrameLane frames, Delivery delivery) {
        this.agent = agent;
        this.frames = frames;
        this.delivery = delivery;
    }

    /** Shows {@code message} in HubSpot, on {@code preferredFrame} if it is ready then. */
    void show(String message, @Nullable String preferredFrame) {
        if (closed || message.isBlank()) {
            return;
        }
        queue.addLast(new QueuedError(Invocation.deriveId(HubSpotAgentBridge.ID_PREFIX, instance, "ERROR:" + (++count)),
                ToHubSpot.ErrorNotice.of(Texts.truncate(message, MAX_TEXT)), preferredFrame));
        while (queue.size() > MAX_QUEUED) {
            queue.removeFirst(); // stale news; the newest matter
        }
        pump();
    }

    /** Sends the oldest error if a frame can take it. */
    void pump() {
        if (closed || owed != null || queue.isEmpty() || !frames.anyReady()) {
            return;
        }
        QueuedError next = queue.peekFirst();
        owed = next;
        if (!delivery.owe(new Shown(next))) {
            owed = null; // the delivery is closed: so is this lane, a moment later
        }
    }

    void close() {
        closed = true;
        queue.clear();
    }

    private void settled(QueuedError error) {
        queue.remove(error);
        if (owed == error) {
            owed = null;
        }
        pump();
    }

    private record QueuedError(String id, ToHubSpot.ErrorNotice message, @Nullable String preferredFrame) { }

    /** One error as the delivery runs it. */
    private final class Shown implements SideEffect {
        private final QueuedError error;
        private final String args;

        Shown(QueuedError error) {
            this.error = error;
            this.args = HubSpotJson.args(error.message());
        }

        @Override
        public String key() {
            return error.id();
        }

        @Override
        public String method() {
            return error.message().type();
        }

        @Override
        public String argsJson() {
            return args;
        }

        @Override
        public @Nullable String preferredFrame() {
            return frames.preferred(error.preferredFrame());
        }

        @Override
        public Verdict judge(InvocationResult result) {
            return HubSpotVerdict.judge(result);
        }

        @Override
        public void succeeded(InvocationResult.Success result) {
            settled(error);
        }

        @Override
        public void gaveUp(String reason) {
            // The text is the error's, which may quote a number: not logged. The agent's notice of it stands.
            LOG.info("{}: an error could not be shown in HubSpot; dropped", agent);
            LOG.debug("{}: error {} not shown: {}", agent, error.id(), reason);
            settled(error);
        }

        /** Not if newer errors pushed it out of the queue while it waited. */
        @Override
        public boolean stillWanted() {
            return !closed && queue.contains(error);
        }

        @Override
        public void dropped() {
            if (owed == error) {
                owed = null;
            }
            pump();
        }
    }
}
