package io.callbridge.core.internal;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.AgentEventRouter;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node default router: per agent, a sequence counter, the last N events for replay and the listeners.
 * Publishing and subscribing for one agent are serialised, which is what makes replay-then-live gap-free.
 */
public final class InMemoryAgentEventRouter implements AgentEventRouter {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryAgentEventRouter.class);

    private final int kept;
    private final ConcurrentHashMap<AgentId, Stream> streams = new ConcurrentHashMap<>();

    @Inject
    public InMemoryAgentEventRouter(CoreSettings settings) {
        this.kept = settings.eventsKeptPerAgent();
    }

    @Override
    public List<SequencedEvent> publish(AgentId agent, Instant occurredAt, List<CoreEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return stream(agent).publish(agent, occurredAt, events);
    }

    @Override
    public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
        return stream(agent).subscribe(afterSequence, listener);
    }

    @Override
    public long lastSequence(AgentId agent) {
        Stream s = streams.get(agent);
        return s == null ? 0 : s.last();
    }

    private Stream stream(AgentId agent) {
        return streams.computeIfAbsent(agent, a -> new Stream());
    }

    private final class Stream {
        private long last;
        private final ArrayDeque<SequencedEvent> history = new ArrayDeque<>();
        private final List<AgentEventListener> listeners = new CopyOnWriteArrayList<>();

        synchronized long last() {
            return last;
        }

        synchronized List<SequencedEvent> publish(AgentId agent, Instant at, List<CoreEvent> events) {
            List<SequencedEvent> out = new ArrayList<>(events.size());
            for (CoreEvent event : events) {
                SequencedEvent e = new SequencedEvent(agent, ++last, at, event);
                history.addLast(e);
                if (history.size() > kept) {
                    history.removeFirst();
                }
                out.add(e);
                for (AgentEventListener l : listeners) {
                    deliver(l, e);
                }
            }
            return out;
        }

        synchronized Subscription subscribe(long after, AgentEventListener listener) {
            long oldest = history.isEmpty() ? last + 1 : history.getFirst().sequence();
            if (after > last || after < oldest - 1) {
                // Either events were dropped from history or the subscriber remembers a sequence this node never
                // issued (e.g. before a restart): replay is impossible, the subscriber needs a snapshot.
                try {
                    listener.onGap(after, last);
                } catch (RuntimeException ex) {
                    LOG.warn("event listener failed on a gap; continuing", ex);
                }
            } else {
                for (SequencedEvent e : history) {
                    if (e.sequence() > after) {
                        deliver(listener, e);
                    }
                }
            }
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        private void deliver(AgentEventListener listener, SequencedEvent e) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException ex) {
                // One broken subscriber must not stop the others or the publisher.
                LOG.warn("event listener failed on {} #{}; continuing", e.agent(), e.sequence(), ex);
            }
        }
    }
}
