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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link AgentStream}s, one per agent and CRM, and each agent's sessions over all CRMs. A stream is created by
 * its first frame and torn down when its last frame has been gone for the detach grace.
 *
 * <p>Session cap: a session that would take an agent above the cap replaces the agent's session that has been idle
 * longest (the oldest {@link BridgeSession#lastActivity()} among those running no CRM invocation), which is closed with
 * {@link CloseCodes#REPLACED}. So whoever holds many sessions on an agent's token, or forgotten tabs, can never lock the
 * agent out. Only when every session is running an invocation is the new one refused, with the retryable
 * {@link CloseCodes#TRY_AGAIN_LATER}.
 */
final class StreamRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    /** The agent already has as many sessions as allowed, and every one is busy. */
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
    /** Each agent's sessions, by session id, with the stream each belongs to. */
    private final Map<AgentId, Map<String, Joined>> sessions = new HashMap<>();

    private record Joined(BridgeSession session, AgentStream stream) { }

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
        BridgeSession replaced = null;
        synchronized (this) {
            Map<String, Joined> mine = sessions.computeIfAbsent(agent, a -> new HashMap<>());
            if (mine.size() >= maxSessionsPerAgent) {
                Joined idlest = idlest(mine);
                if (idlest == null) {
                    throw new TooManySessionsException();
                }
                mine.remove(idlest.session().id());
                replaced = idlest.session();
            }
            stream = streams.get(key);
            if (stream == null) {
                stream = factory.apply(key);
                streams.put(key, stream);
            }
            // Keeps detachIfIdle from tearing the stream down before this session has joined it.
            stream.reserve();
            mine.put(session.id(), new Joined(session, stream));
        }
        if (replaced != null) {
            LOG.info("agent {} is at {} sessions: session {} replaces idle session {}", agent, maxSessionsPerAgent,
                    session.id(), replaced.id());
            replaced.closeLater(CloseCodes.REPLACED, "replaced by a newer session of this agent");
        }
        try {
            stream.start();
            stream.join(session, resumeAfter);
        } catch (RuntimeException e) {
            stream.cancelReservation();
            forget(agent, session);
            throw e;
        }
        return stream;
    }

    /** The session idle longest that runs no invocation, or null if every one is busy. */
    private static @Nullable Joined idlest(Map<String, Joined> mine) {
        Joined idlest = null;
        for (Joined j : mine.values()) {
            if (j.stream().running(j.session().id())) {
                continue;
            }
            // nanoTime values are compared by difference, which stays right across its wrap-around.
            if (idlest == null || j.session().lastActivity() - idlest.session().lastActivity() < 0) {
                idlest = j;
            }
        }
        return idlest;
    }

    private synchronized void forget(AgentId agent, BridgeSession session) {
        Map<String, Joined> mine = sessions.get(agent);
        if (mine != null) {
            mine.remove(session.id());
            if (mine.isEmpty()) {
                sessions.remove(agent);
            }
        }
    }

    void leave(AgentStream stream, BridgeSession session) {
        boolean empty = stream.leave(session);
        forget(session.frame().agent(), session);
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
