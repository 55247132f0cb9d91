package io.callbridge.cluster.redis.internal;

import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.AgentStateReader;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An {@link AgentEventRouter} on Redis, shared by every node of a deployment.
 *
 * <p><b>Publishing</b> is one Lua script: it takes the agent's next sequence numbers ({@code INCRBY} on
 * {@code {P}:seq:<agent>}), appends the events to the agent's stream {@code {P}:events:<agent>} with the sequence as
 * entry id ({@code SEQUENCE-0}), trimmed to exactly the events kept, and {@code PUBLISH}es them on the agent's
 * channel {@code {P}:live:<agent>} — atomically, so numbering, stream order and announcement order agree.
 *
 * <p><b>Following</b>: a node subscribes to an agent's channel while it has at least one local follower of that
 * agent. A follower remembers the last sequence it was given (its cursor). On subscribe the node first waits until
 * Redis confirms the channel subscription, then replays from the stream after the cursor (one script reads the last
 * sequence, the oldest kept and the events after the cursor together), so nothing published in between is missed;
 * announcements carry the events themselves, and each follower takes only those right after its cursor. When an
 * announcement is ahead of a cursor (one was lost, e.g. while the pub/sub connection was reconnecting) the follower
 * reads the stream again; every second, and at once after a reconnect, the node compares each followed agent's last
 * sequence with what it delivered, so a lost announcement delays events by at most that long. Events are no longer
 * kept, or the cursor is ahead of the stream (Redis lost data): {@code onGap}, and the follower resumes at the last
 * sequence.
 *
 * <p><b>Redis lost mid-input.</b> A publish that fails because Redis is unreachable throws core's
 * {@code StoreUnavailableException} and leaves the agent in {@link Unannounced} (so do the stores' failed writes): the
 * input's earlier writes may be in Redis with no event. Once Redis answers again, the sweep appends a <em>gap
 * marker</em> to each such agent's stream (an entry with a sequence number and no event, {@code events-gap}); a
 * follower that reaches it is told {@code onGap} and re-reads the agent's state, as after events no longer kept.
 *
 * <p><b>Reads for core</b> ({@link AgentStateReader}): with the backend's three stores it reads an agent's snapshot
 * ({@code agent-state}) and what an activity refresh needs ({@code agent-activity}) in one script each.
 *
 * <p><b>Threads.</b> Pub/sub messages arrive on Lettuce's event loop and are only handed on; each followed agent has a
 * {@link SerialQueue} on a small pool of this router's own, which does the reading and calls the listeners, one event
 * at a time, in sequence order. {@link #subscribe} returns once the replay was delivered (unless called from a
 * listener, which must not wait for its own queue).
 */
final class RedisAgentEventRouter implements AgentEventRouter, AgentStateReader, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAgentEventRouter.class);
    private static final long SWEEP_MILLIS = 1_000;
    /** How many arguments events-publish takes before the events' JSON. */
    static final int PUBLISH_ARGS = 4;
    private static final int MGET_BATCH = 500;
    private static final ThreadLocal<Boolean> ON_DISPATCH_THREAD = ThreadLocal.withInitial(() -> false);

    private final RedisClusterCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Scripts scripts;
    private final Keys keys;
    private final StoredJson json;
    private final String kept;
    /** Milliseconds an agent's stream and counter live after its last event. */
    private final String retentionMillis;
    private final Duration timeout;
    private final Unannounced unannounced;
    /** Runs the feeds' queues; a replay or a catch-up waits on Redis, so it has RedisSettings.engineThreads. */
    private final ExecutorService dispatch;
    private final ScheduledExecutorService sweeper;
    private final Object feedsLock = new Object();
    /** Followed agents; guarded by feedsLock. */
    private final Map<AgentId, Feed> feeds = new HashMap<>();
    private final ConcurrentHashMap<String, Feed> byChannel = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final RedisPubSubAdapter<String, String> announcements = new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
            Feed feed = byChannel.get(channel);
            if (feed != null) {
                feed.queue.execute(() -> feed.onAnnouncement(message));
            }
        }
    };
    private final RedisConnectionStateListener reconnects = new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            // Announcements sent while the connection was down are lost: look at the streams once the channels are
            // subscribed again.
            if (!closed) {
                try {
                    sweeper.schedule(RedisAgentEventRouter.this::sweep, 200, TimeUnit.MILLISECONDS);
                } catch (RuntimeException closing) {
                    LOG.debug("not sweeping after a reconnect: closing", closing);
                }
            }
        }
    };

    RedisAgentEventRouter(RedisClusterCommands<String, String> redis, StatefulRedisPubSubConnection<String, String> pubsub,
            Scripts scripts, Keys keys, StoredJson json, int eventsKept, Duration timeout, Unannounced unannounced,
            Duration retention, int dispatchThreads) {
        this.retentionMillis = Long.toString(retention.toMillis());
        this.redis = redis;
        this.pubsub = pubsub;
        this.scripts = scripts;
        this.keys = keys;
        this.json = json;
        this.kept = Integer.toString(eventsKept);
        this.timeout = timeout;
        this.unannounced = unannounced;
        AtomicInteger threads = new AtomicInteger();
        this.dispatch = Executors.newFixedThreadPool(dispatchThreads, r -> {
            Thread t = new Thread(() -> {
                ON_DISPATCH_THREAD.set(true);
                r.run();
            }, "callbridge-redis-events-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callbridge-redis-events-sweep");
            t.setDaemon(true);
            return t;
        });
        pubsub.addListener(announcements);
        pubsub.addListener(reconnects);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<SequencedEvent> publish(AgentId agent, Instant occurredAt, List<CoreEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String[] args = new String[PUBLISH_ARGS + events.size()];
        publishArgs(agent, occurredAt, events, args, 0);
        Long last;
        try {
            last = scripts.eventsPublish.run(redis, ScriptOutputType.INTEGER, publishKeys(agent), args);
        } catch (StoreUnavailableException e) {
            // The input's writes before this may be in Redis: the agent's followers must re-read once it is back.
            unannounced.add(agent);
            throw e;
        }
        return numbered(agent, occurredAt, events, last);
    }

    /** events-publish's keys for {@code agent}: its sequence counter, its stream. */
    String[] publishKeys(AgentId agent) {
        return new String[] {keys.sequence(agent), keys.events(agent)};
    }

    /**
     * Writes events-publish's arguments into {@code args} from {@code offset} ({@link #PUBLISH_ARGS} and then one per
     * event), for this script or one that publishes after a write of its own (store-cas-publish).
     */
    void publishArgs(AgentId agent, Instant occurredAt, List<CoreEvent> events, String[] args, int offset) {
        args[offset] = kept;
        args[offset + 1] = occurredAt.toString();
        args[offset + 2] = keys.channel(agent);
        args[offset + 3] = retentionMillis;
        for (int i = 0; i < events.size(); i++) {
            args[offset + PUBLISH_ARGS + i] = json.events.write(events.get(i));
        }
    }

    /** The events as published, given the last sequence number the script issued. */
    static List<SequencedEvent> numbered(AgentId agent, Instant occurredAt, List<CoreEvent> events, long last) {
        long first = last - events.size() + 1;
        List<SequencedEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(new SequencedEvent(agent, first + i, occurredAt, events.get(i)));
        }
        return out;
    }

    /** The stores of the same backend, which {@link #read} reads; set once, right after they are made. */
    private volatile @Nullable RedisVersionedStore<CallId, Call> calls;
    private volatile @Nullable RedisVersionedStore<AgentId, Agent> agents;
    private volatile @Nullable RedisVersionedStore<WorkItemKey, WorkItem> workItems;

    void readStatesOf(RedisVersionedStore<CallId, Call> calls, RedisVersionedStore<AgentId, Agent> agents,
            RedisVersionedStore<WorkItemKey, WorkItem> workItems) {
        this.calls = calls;
        this.agents = agents;
        this.workItems = workItems;
    }

    @Override
    public boolean reads(VersionedStore<?, ?> calls, VersionedStore<?, ?> agents, VersionedStore<?, ?> workItems) {
        return calls == this.calls && agents == this.agents && workItems == this.workItems && calls != null;
    }

    /** One script (agent-state): the last sequence, the agent, their calls and work items at one instant. */
    @Override
    public State read(AgentId agent) {
        RedisVersionedStore<CallId, Call> c = calls;
        RedisVersionedStore<AgentId, Agent> a = agents;
        RedisVersionedStore<WorkItemKey, WorkItem> w = workItems;
        if (c == null || a == null || w == null) {
            throw new IllegalStateException("the router reads no stores");
        }
        List<Object> out = scripts.agentState.run(redis, ScriptOutputType.MULTI,
                new String[] {keys.sequence(agent), a.valuePrefix() + Keys.text(agent), c.ownerSet(agent),
                        w.ownerSet(agent)}, c.valuePrefix(), w.valuePrefix());
        long sequence = Long.parseLong((String) out.get(0));
        int callCount = ((Long) out.get(3)).intValue();
        int workCount = (out.size() - 4 - 2 * callCount) / 2;
        return new State(sequence, a.value(out.get(1), out.get(2)), c.pairs(out, 4, callCount),
                w.pairs(out, 4 + 2 * callCount, workCount));
    }

    /**
     * One script (agent-recent): as {@link #read}, but of the calls only the open ones and the {@code wrappedUp} most
     * recently closed (the calls store's list), so a softphone's snapshot does not read every call kept for the
     * retention. Asked for more than the list keeps, it reads everything.
     */
    @Override
    public State readRecent(AgentId agent, int wrappedUp) {
        RedisVersionedStore<CallId, Call> c = calls;
        RedisVersionedStore<AgentId, Agent> a = agents;
        RedisVersionedStore<WorkItemKey, WorkItem> w = workItems;
        if (c == null || a == null || w == null) {
            throw new IllegalStateException("the router reads no stores");
        }
        if (wrappedUp > c.recentKept()) {
            return read(agent);
        }
        List<Object> out = scripts.agentRecent.run(redis, ScriptOutputType.MULTI,
                new String[] {keys.sequence(agent), a.valuePrefix() + Keys.text(agent), c.openSet(agent),
                        c.recentList(agent), w.ownerSet(agent)}, c.valuePrefix(), w.valuePrefix(),
                Integer.toString(wrappedUp));
        long sequence = Long.parseLong((String) out.get(0));
        int callCount = ((Long) out.get(3)).intValue();
        int workCount = (out.size() - 4 - 2 * callCount) / 2;
        return new State(sequence, a.value(out.get(1), out.get(2)), c.pairs(out, 4, callCount),
                w.pairs(out, 4 + 2 * callCount, workCount));
    }

    /** One script (agent-activity): the agent and their open calls at one instant. */
    @Override
    public ActivityInputs readActivity(AgentId agent) {
        RedisVersionedStore<CallId, Call> c = calls;
        RedisVersionedStore<AgentId, Agent> a = agents;
        if (c == null || a == null) {
            throw new IllegalStateException("the router reads no stores");
        }
        List<Object> out = scripts.agentActivity.run(redis, ScriptOutputType.MULTI,
                new String[] {a.valuePrefix() + Keys.text(agent), c.openSet(agent)}, c.valuePrefix());
        return new ActivityInputs(a.value(out.get(0), out.get(1)), c.pairs(out, 2, (out.size() - 2) / 2));
    }

    @Override
    public long lastSequence(AgentId agent) {
        String last = redis.get(keys.sequence(agent));
        return last == null ? 0 : Long.parseLong(last);
    }

    @Override
    public Subscription subscribe(AgentId agent, long afterSequence, AgentEventListener listener) {
        if (closed) {
            throw new IllegalStateException("the Redis event router is closed");
        }
        Feed feed = join(agent);
        Follower follower = new Follower(listener, afterSequence);
        try {
            await(feed.subscribed, "subscribing to the events of an agent");
            CompletableFuture<Void> replayed = new CompletableFuture<>();
            boolean waiting = !ON_DISPATCH_THREAD.get();
            feed.queue.execute(() -> {
                try {
                    feed.attach(follower);
                    replayed.complete(null);
                } catch (RuntimeException e) {
                    if (!waiting) {
                        LOG.warn("cannot replay the events of {} to a new subscriber", agent, e);
                    }
                    replayed.completeExceptionally(e);
                }
            });
            if (waiting) {
                await(replayed, "replaying the events of an agent");
            }
        } catch (RuntimeException e) {
            if (follower.close()) {
                feed.queue.execute(() -> feed.detach(follower));
            }
            throw e;
        }
        return () -> {
            if (follower.close()) {
                feed.queue.execute(() -> feed.detach(follower));
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        pubsub.removeListener(announcements);
        pubsub.removeListener(reconnects);
        sweeper.shutdownNow();
        dispatch.shutdownNow();
    }

    /** The agent's feed, subscribed to its channel (or being subscribed), with one more member. */
    private Feed join(AgentId agent) {
        synchronized (feedsLock) {
            Feed feed = feeds.get(agent);
            if (feed == null) {
                feed = new Feed(agent, keys.channel(agent));
                feeds.put(agent, feed);
                byChannel.put(feed.channel, feed);
                // Sent under the lock, so a SUBSCRIBE and an UNSUBSCRIBE of one channel reach Redis in this order.
                feed.subscribed = pubsub.async().subscribe(feed.channel).toCompletableFuture();
            }
            feed.members++;
            return feed;
        }
    }

    private void leave(Feed feed) {
        synchronized (feedsLock) {
            feed.members--;
            if (feed.members == 0 && feeds.get(feed.agent) == feed) {
                feeds.remove(feed.agent);
                byChannel.remove(feed.channel, feed);
                if (!closed) {
                    pubsub.async().unsubscribe(feed.channel);
                }
            }
        }
    }

    /**
     * Appends a gap marker for each agent in {@link Unannounced}, then tells each feed whose agent has events it has not
     * delivered to look at the stream.
     */
    private void sweep() {
        if (!unannounced.isEmpty()) {
            announceGaps();
        }
        List<Feed> followed;
        synchronized (feedsLock) {
            followed = new ArrayList<>(feeds.values());
        }
        try {
            for (int from = 0; from < followed.size(); from += MGET_BATCH) {
                List<Feed> batch = followed.subList(from, Math.min(followed.size(), from + MGET_BATCH));
                String[] seqKeys = batch.stream().map(f -> keys.sequence(f.agent)).toArray(String[]::new);
                List<KeyValue<String, String>> lasts = redis.mget(seqKeys);
                for (int i = 0; i < batch.size(); i++) {
                    Feed feed = batch.get(i);
                    long last = lasts.get(i).hasValue() ? Long.parseLong(lasts.get(i).getValue()) : 0;
                    if (last != feed.delivered) {
                        feed.queue.execute(feed::catchUpAll);
                    }
                }
            }
        } catch (RuntimeException e) {
            // Redis unreachable: the next round tries again.
            LOG.debug("event sweep failed; will try again", e);
        }
    }

    private void announceGaps() {
        for (AgentId agent : unannounced.agents()) {
            try {
                long marker = scripts.eventsGap.run(redis, ScriptOutputType.INTEGER,
                        new String[] {keys.sequence(agent), keys.events(agent)}, kept, Instant.now().toString(),
                        keys.channel(agent), retentionMillis);
                unannounced.announced(agent);
                LOG.info("{}: Redis is back; told the agent's followers to re-read its state (gap marker #{})", agent,
                        marker);
            } catch (StoreUnavailableException e) {
                LOG.debug("Redis still unavailable; the gap markers wait", e);
                return;
            }
        }
    }

    private void await(CompletableFuture<?> future, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Redis did not answer within " + timeout.toMillis() + " ms while "
                    + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw Unavailability.translate(r, "Redis (the event router's pub/sub connection)");
            }
            throw new IllegalStateException("failed " + what, cause);
        }
    }

    /** One listener and the last sequence it was given. Its cursor is read and written on its feed's queue only. */
    private static final class Follower {
        final AgentEventListener listener;
        long cursor;
        private final AtomicBoolean closed = new AtomicBoolean();

        Follower(AgentEventListener listener, long after) {
            this.listener = listener;
            this.cursor = after;
        }

        /** Whether this call closed it (so exactly one caller takes it off its feed). */
        boolean close() {
            return closed.compareAndSet(false, true);
        }

        boolean isClosed() {
            return closed.get();
        }
    }

    /** What the replay script answered. */
    private record Replay(long last, long oldest, List<Entry> events) { }

    /** One entry of an agent's stream: an event, or a gap marker ({@code event} null). */
    private record Entry(long sequence, @Nullable SequencedEvent event) { }

    /** The local followers of one agent, and the queue that serves them. */
    private final class Feed {
        final AgentId agent;
        final String channel;
        final SerialQueue queue = new SerialQueue(dispatch);
        /** Followers; touched on the queue only. */
        final List<Follower> followers = new ArrayList<>();
        /** Subscriptions made or being made; guarded by feedsLock. */
        int members;
        @Nullable CompletableFuture<?> subscribed;
        /** The highest sequence every follower has been brought to, for the sweep; written on the queue. */
        volatile long delivered = -1;

        Feed(AgentId agent, String channel) {
            this.agent = agent;
            this.channel = channel;
        }

        void attach(Follower f) {
            if (f.isClosed()) {
                return;
            }
            Replay r = replay(f.cursor);
            followers.add(f);
            bringUp(f, r);
            updateDelivered(r.last());
        }

        /** Called once per follower, after it was closed. */
        void detach(Follower f) {
            followers.remove(f);
            leave(this);
        }

        void onAnnouncement(String message) {
            List<Entry> events;
            try {
                events = announced(message);
            } catch (RuntimeException e) {
                LOG.warn("unreadable event announcement on {}; reading the stream instead", agent, e);
                catchUpAll();
                return;
            }
            if (events.isEmpty()) {
                return;
            }
            long first = events.get(0).sequence();
            long last = events.get(events.size() - 1).sequence();
            boolean behind = false;
            for (Follower f : followers) {
                if (f.isClosed()) {
                    continue;
                }
                if (f.cursor + 1 < first) {
                    behind = true;
                    continue;
                }
                for (Entry e : events) {
                    if (e.sequence() == f.cursor + 1) {
                        deliver(f, e);
                    }
                }
            }
            if (behind) {
                catchUpAll();
            } else {
                updateDelivered(last);
            }
        }

        /** Brings every follower up to the stream: after a lost announcement, a sweep, a reconnect. */
        void catchUpAll() {
            if (followers.isEmpty()) {
                return;
            }
            long lowest = Long.MAX_VALUE;
            for (Follower f : followers) {
                lowest = Math.min(lowest, f.cursor);
            }
            Replay r;
            try {
                r = replay(lowest);
            } catch (RuntimeException e) {
                LOG.debug("cannot read the events of {} now; the sweep will try again", agent, e);
                return;
            }
            for (Follower f : new ArrayList<>(followers)) {
                if (!f.isClosed() && f.cursor != r.last()) {
                    // r holds the events after the lowest cursor, unless that one is too old to replay.
                    bringUp(f, f.cursor == lowest || lowest >= r.oldest() - 1 ? r : replay(f.cursor));
                }
            }
            updateDelivered(r.last());
        }

        /** Delivers what {@code r} (read after {@code f}'s cursor) holds for {@code f}, or signals a gap. */
        private void bringUp(Follower f, Replay r) {
            if (f.cursor > r.last() || f.cursor < r.oldest() - 1) {
                long requested = f.cursor;
                f.cursor = r.last();
                try {
                    f.listener.onGap(requested, r.last());
                } catch (RuntimeException e) {
                    LOG.warn("event listener failed on a gap of {}; continuing", agent, e);
                }
                return;
            }
            for (Entry e : r.events()) {
                if (e.sequence() == f.cursor + 1) {
                    deliver(f, e);
                }
            }
        }

        private void deliver(Follower f, Entry e) {
            f.cursor = e.sequence();
            if (f.isClosed()) {
                return;
            }
            try {
                if (e.event() == null) {
                    // A gap marker: the state may have changed without an event.
                    f.listener.onGap(e.sequence() - 1, e.sequence());
                } else {
                    f.listener.onEvent(e.event());
                }
            } catch (RuntimeException ex) {
                // One broken subscriber must not stop the others.
                LOG.warn("event listener failed on {} #{}; continuing", agent, e.sequence(), ex);
            }
        }

        private void updateDelivered(long last) {
            for (Follower f : followers) {
                if (!f.isClosed() && f.cursor != last) {
                    delivered = -1;
                    return;
                }
            }
            delivered = last;
        }

        private Replay replay(long after) {
            List<Object> out = scripts.eventsReplay.run(redis, ScriptOutputType.MULTI,
                    new String[] {keys.sequence(agent), keys.events(agent)}, Long.toString(after));
            long last = Long.parseLong((String) out.get(0));
            long oldest = Long.parseLong((String) out.get(1));
            List<Entry> events = new ArrayList<>((out.size() - 2) / 3);
            for (int i = 2; i + 2 < out.size(); i += 3) {
                long sequence = Long.parseLong((String) out.get(i));
                String event = (String) out.get(i + 2);
                events.add(new Entry(sequence, event.isEmpty() ? null : new SequencedEvent(agent, sequence,
                        Instant.parse((String) out.get(i + 1)), json.events.read(event))));
            }
            return new Replay(last, oldest, events);
        }

        private List<Entry> announced(String message) {
            StoredJson.Announcement split = json.announcement(message);
            if (split != null) {
                Instant at = Instant.parse(split.at());
                List<Entry> events = new ArrayList<>(split.events().size());
                long sequence = split.first();
                for (String event : split.events()) {
                    events.add(new Entry(sequence, new SequencedEvent(agent, sequence, at, json.events.read(event))));
                    sequence++;
                }
                return events;
            }
            JsonNode root = json.parse(message);
            long first = root.get("first").asLong();
            if (root.path("gap").asBoolean(false)) {
                return List.of(new Entry(first, null));
            }
            Instant at = Instant.parse(root.get("at").asString());
            List<Entry> events = new ArrayList<>();
            long sequence = first;
            for (JsonNode event : root.get("events")) {
                events.add(new Entry(sequence, new SequencedEvent(agent, sequence, at, json.events.read(event))));
                sequence++;
            }
            return events;
        }
    }
}
