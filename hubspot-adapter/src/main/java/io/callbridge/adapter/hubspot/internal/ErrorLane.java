package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.Texts;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The lane of errors shown in HubSpot's own UI (ERROR): a dial core refused, a phone-system failure, a message HubSpot
 * never took. One at a time, in the order they arose, on the frame where the user acted if it is ready, else on any
 * ready frame; they wait while no frame is ready. At most {@value #MAX_QUEUED} wait, older ones are dropped, since the
 * newest matter. Every one is also an agent notice, which the softphone shows, so an error HubSpot cannot show is not
 * lost to the user.
 *
 * <p>Threads: confined to the agent bridge's serial queue; invocation results and retry timers come back through it.
 */
final class ErrorLane {
    static final int MAX_QUEUED = 20;
    private static final int MAX_TEXT = 1000;

    private final FrameLane frames;
    private final BridgeChannel channel;
    private final HubSpotSettings settings;
    private final Executor serial;
    private final BridgeScheduler timers;
    /** ERROR is not idempotent: its ids are made unique across bridge instances with this. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    // Confined to serial.
    private final ArrayDeque<QueuedError> queue = new ArrayDeque<>();
    private boolean inFlight;
    private long count;
    private BridgeScheduler.@Nullable Cancellable retry;
    private boolean closed;

    ErrorLane(FrameLane frames, BridgeChannel channel, HubSpotSettings settings, Executor serial,
            BridgeScheduler timers) {
        this.frames = frames;
        this.channel = channel;
        this.settings = settings;
        this.serial = serial;
        this.timers = timers;
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
        if (closed || inFlight || queue.isEmpty()) {
            return;
        }
        List<String> ready = frames.readyFrames();
        if (ready.isEmpty()) {
            return;
        }
        QueuedError next = queue.peekFirst();
        String target = next.preferredFrame != null && ready.contains(next.preferredFrame) ? next.preferredFrame
                : ready.get(0);
        inFlight = true;
        Invocation invocation = new Invocation(next.id, next.message.type(), HubSpotJson.args(next.message),
                new Invocation.Target.AnyFrame(target), settings.invocationTimeout());
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onResult(next, FrameLane.outcome(result, failure))));
    }

    void close() {
        closed = true;
        if (retry != null) {
            retry.cancel();
        }
        queue.clear();
    }

    private void onResult(QueuedError sent, InvocationResult result) {
        if (closed) {
            return;
        }
        inFlight = false;
        if (result instanceof InvocationResult.Failure failure
                && (failure.kind() == InvocationResult.Kind.NO_FRAME
                        || failure.kind() == InvocationResult.Kind.TIMEOUT)) {
            if (frames.anyReady()) {
                retry = timers.schedule(settings.retryDelay(), () -> serial.execute(this::pump));
            }
            return;
        }
        queue.remove(sent);
        pump();
    }

    private record QueuedError(String id, ToHubSpot.ErrorNotice message, @Nullable String preferredFrame) { }
}
