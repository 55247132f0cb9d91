package io.callbridge.core.event;

/**
 * Follows one agent's event stream. Called in sequence order, one event at a time, on the thread that published
 * it; implementations must hand the event off (e.g. enqueue it) and return quickly.
 */
public interface AgentEventListener {
    void onEvent(SequencedEvent event);

    /**
     * The events after the requested sequence are no longer kept (or the sequence was never issued, e.g. before a
     * restart). The listener is subscribed from {@code resumeAfter} on; it should take a fresh snapshot.
     */
    default void onGap(long requestedAfter, long resumeAfter) {
    }
}
