package io.callbridge.core.bridge;

import io.callbridge.core.spi.MetricsRecorder;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How an adapter reaches one agent's frames of its CRM; implemented by the transport. Thread-safe.
 */
public interface BridgeChannel {

    /**
     * Has one frame run a CRM API method and completes with its result. The transport picks the frame the invocation
     * targets; when that frame goes away or does not answer in time, an {@link Invocation.Target.AnyFrame} invocation
     * is sent again, with the same id, to another live frame. Never completes exceptionally: local failures
     * (no frame, timeout) are {@link InvocationResult.Failure}s. An {@link Invocation.Target.AnyFrame} invocation made
     * while the agent has no live frame waits up to its timeout for one to join (a page reload) before it fails with
     * NO_FRAME.
     */
    CompletionStage<InvocationResult> invoke(Invocation invocation);

    /**
     * Shows adapter-specific state on every frame's softphone page, e.g. a list of caller-id matches to choose from.
     * The latest value per {@code topic} is what a frame that joins later receives.
     *
     * @param topic a short name, e.g. {@code hubspot.callerIdMatches}
     * @param stateJson a JSON value, or {@code null} JSON text to clear it
     */
    void publishUi(String topic, String stateJson);

    /** The agent's frames of this CRM that are connected now, most recently active first. */
    List<FrameInfo> frames();

    /**
     * Where the agent's {@link Delivery} reports its side effects (pending, failed): the transport hands every channel
     * the process's recorder, so that adapters need not carry one. The default records nothing.
     */
    default MetricsRecorder metrics() {
        return MetricsRecorder.NONE;
    }
}
