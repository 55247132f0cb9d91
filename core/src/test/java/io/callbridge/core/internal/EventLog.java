package io.callbridge.core.internal;

import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps what it was given, in order. Thread-safe. */
public final class EventLog implements AgentEventListener {
    private final List<SequencedEvent> events = new ArrayList<>();
    private final List<long[]> gaps = new ArrayList<>();

    @Override
    public synchronized void onEvent(SequencedEvent event) {
        events.add(event);
    }

    @Override
    public synchronized void onGap(long requestedAfter, long resumeAfter) {
        gaps.add(new long[] {requestedAfter, resumeAfter});
    }

    public synchronized List<SequencedEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<Long> sequences() {
        return events.stream().map(SequencedEvent::sequence).toList();
    }

    public synchronized List<CoreEvent> coreEvents() {
        return events.stream().map(SequencedEvent::event).toList();
    }

    public synchronized List<long[]> gaps() {
        return List.copyOf(gaps);
    }
}
