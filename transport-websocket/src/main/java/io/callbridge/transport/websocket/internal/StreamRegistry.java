package io.callbridge.transport.websocket.internal;

import io.callbridge.core.model.AgentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The live {@link AgentStream}s, one per agent and CRM, and the per-agent session count. A stream is created by its
 * first frame and torn down when its last frame has been gone for the detach grace.
 */
final class StreamRegistry {

    /** The agent already has as many sessions as allowed. */
    static final class TooManySessionsException extends Exception {
        private static final long serialVersionUID = 1L;

        TooManySessionsException() {
            super("too many sessions for this agent", null, false, false);
        }
    }

    private final Function<AgentStream.Key, AgentStream> factory;
    private final ScheduledExecutorService timers;
    private final int maxSessionsPerAgent;
    private final Duration detachGrace;
    private final Map<AgentStream.Key, AgentStream> streams = new HashMap<>();
    private final Map<AgentId, Integer> sessions = new HashMap<>();

    StreamRegistry(Function<AgentStream.Key, AgentStream> factory, ScheduledExecutorService timers,
            int maxSessionsPerAgent, Duration detachGrace) {
        this.factory = factory;
        this.timers = timers;
        this.maxSessionsPerAgent = maxSessionsPerAgent;
        this.detachGrace = detachGrace;
    }

    /**
     * Adds the session to its agent's stream for the CRM, creating (and attaching) the stream if needed. Only the
     * bookkeeping holds the registry's lock: starting a stream (snapshot, adapter attach) and welcoming the frame run
     * outside it, so a storm of hellos (every bridge reconnecting after a restart) does not queue behind one another.
     */
    AgentStream join(BridgeSession session, @Nullable Long resumeAfter) throws TooManySessionsException {
        AgentId agent = session.frame().agent();
        AgentStream.Key key = new AgentStream.Key(agent, session.frame().crm());
        AgentStream stream;
        synchronized (this) {
            int count = sessions.getOrDefault(agent, 0);
            if (count >= maxSessionsPerAgent) {
                throw new TooManySessionsException();
            }
            stream = streams.get(key);
            if (stream == null) {
                stream = factory.apply(key);
                streams.put(key, stream);
            }
            // Keeps detachIfIdle from tearing the stream down before this session has joined it.
            stream.reserve();
            sessions.put(agent, count + 1);
        }
        try {
            stream.start();
            stream.join(session, resumeAfter);
        } catch (RuntimeException e) {
            stream.cancelReservation();
            synchronized (this) {
                int left = sessions.getOrDefault(agent, 1) - 1;
                if (left <= 0) {
                    sessions.remove(agent);
                } else {
                    sessions.put(agent, left);
                }
            }
            throw e;
        }
        return stream;
    }

    void leave(AgentStream stream, BridgeSession session) {
        boolean empty = stream.leave(session);
        synchronized (this) {
            AgentId agent = session.frame().agent();
            int left = sessions.getOrDefault(agent, 1) - 1;
            if (left <= 0) {
                sessions.remove(agent);
            } else {
                sessions.put(agent, left);
            }
        }
        if (empty) {
            try {
                timers.schedule(() -> detachIfIdle(stream), detachGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                detachIfIdle(stream);
            }
        }
    }

    private void detachIfIdle(AgentStream stream) {
        synchronized (this) {
            if (streams.get(stream.key()) != stream || !stream.isEmpty()) {
                return;
            }
            streams.remove(stream.key());
        }
        stream.close();
    }

    /** Tears every stream down (server stop). */
    void closeAll() {
        List<AgentStream> all;
        synchronized (this) {
            all = new ArrayList<>(streams.values());
            streams.clear();
            sessions.clear();
        }
        all.forEach(AgentStream::close);
    }

    synchronized int streamCount() {
        return streams.size();
    }
}
