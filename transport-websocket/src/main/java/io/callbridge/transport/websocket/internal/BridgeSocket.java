package io.callbridge.transport.websocket.internal;

import io.callbridge.core.LogContext;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.transport.websocket.AgentToken;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.InvalidAgentTokenException;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.internal.protocol.BridgeFrame;
import io.callbridge.transport.websocket.internal.protocol.FrameCodec;
import io.callbridge.transport.websocket.internal.protocol.InvalidFrameException;
import io.callbridge.transport.websocket.internal.protocol.WireError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One bridge connection. Until a valid hello it accepts nothing else; afterwards it decodes each frame, answers bad
 * input with a typed error frame and hands the rest to the agent's {@link AgentStream}. No exception leaves this
 * class into Jetty.
 *
 * <p>Public only because Jetty binds its listener methods through a public method-handle lookup.
 */
public final class BridgeSocket implements Session.Listener.AutoDemanding, BridgeSession {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeSocket.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long RATE_ERROR_INTERVAL_NANOS = 1_000_000_000L;
    /** A repeated warning of one kind from one session is logged at most once a minute. */
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;
    private static final int WARNING_KINDS = 16;

    /** What every connection shares. */
    record Context(TransportSettings settings, FrameCodec codec, AgentTokens tokens, Map<String, CrmBridge> crmBridges,
            StreamRegistry registry, Executor pool, ScheduledExecutorService timers, Clock clock,
            OpenSessions<BridgeSocket> open, MetricsRecorder metrics) { }

    private enum State { AWAITING_HELLO, OPEN, CLOSED }

    private final Context context;
    private final @Nullable String origin;
    private final String id;
    private final TokenBucket bucket;
    private volatile State state = State.AWAITING_HELLO;
    private volatile @Nullable Session session;
    private volatile @Nullable Outbox outbox;
    private volatile @Nullable AgentStream stream;
    private volatile @Nullable FrameInfo frame;
    private @Nullable ScheduledFuture<?> helloTimer;
    private long lastRateError;
    private volatile long lastActivity = System.nanoTime();
    private final RepeatedWarnings warnings = new RepeatedWarnings(WARNING_INTERVAL_NANOS, WARNING_KINDS);
    /** Whether this session counts in the metrics' open sessions: from its join to its close, once. */
    private final AtomicBoolean counted = new AtomicBoolean();

    BridgeSocket(Context context, @Nullable String origin) {
        this.context = context;
        this.origin = origin;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.id = "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.bucket = new TokenBucket(context.settings().messagesPerSecond(), context.settings().messageBurst(),
                System.nanoTime());
    }

    // ---------------------------------------------------------------- Jetty callbacks

    @Override
    public void onWebSocketOpen(Session opened) {
        try {
            this.session = opened;
            this.outbox = new Outbox(new JettySink(opened), context.settings().sendQueueLimit(),
                    () -> context.open().writePending(this));
            context.open().add(this);
            helloTimer = context.timers().schedule(() -> {
                if (state == State.AWAITING_HELLO) {
                    closeNow(CloseCodes.POLICY, "no hello received in time");
                }
            }, context.settings().helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("failed to open session ({})", Failures.summary(e));
            LOG.debug("failed to open session", e);
            opened.close(CloseCodes.SERVER_ERROR, "internal error", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        FrameInfo authenticated = frame;
        context.metrics().frameReceived(authenticated == null ? "none" : authenticated.crm());
        try (LogContext log = LogContext.of(authenticated == null ? null : authenticated.agent(), null)) {
            handle(text);
        } catch (StoreUnavailableException e) {
            long held = warnings.admit("store", System.nanoTime());
            if (held >= 0) {
                LOG.warn("the store is unavailable handling a frame on {} ({}){}", id, Failures.summary(e),
                        RepeatedWarnings.heldBackNote(held));
            }
            send(new BridgeFrame.ErrorFrame(WireError.STORE_UNAVAILABLE.name(),
                    "the server's store is unavailable; the frame was not handled, try again shortly", null, null));
        } catch (RuntimeException e) {
            long held = warnings.admit("frame", System.nanoTime());
            if (held >= 0) {
                LOG.warn("unexpected failure handling a frame on {} ({}){}", id, Failures.summary(e),
                        RepeatedWarnings.heldBackNote(held));
            }
            LOG.debug("unexpected failure handling a frame on {}", id, e);
            send(new BridgeFrame.ErrorFrame(WireError.INTERNAL.name(), "internal error handling the frame", null,
                    null));
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed();
        try {
            if (state == State.AWAITING_HELLO) {
                closeNow(CloseCodes.POLICY, "first frame must be a hello");
            } else if (state == State.OPEN && allowedByRate()) {
                send(new BridgeFrame.ErrorFrame(WireError.BINARY_NOT_SUPPORTED.name(),
                        "the protocol uses text frames only", null, null));
            }
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling a binary frame on {} ({})", id, Failures.summary(e));
            LOG.debug("unexpected failure handling a binary frame on {}", id, e);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, @Nullable String reason) {
        try {
            LOG.debug("session {} closed: {} {}", id, statusCode, reason);
            state = State.CLOSED;
            if (helloTimer != null) {
                helloTimer.cancel(false);
            }
            Outbox box = outbox;
            if (box != null) {
                box.discard();
            }
            context.open().remove(this);
            FrameInfo closedFrame = frame;
            if (closedFrame != null && counted.compareAndSet(true, false)) {
                context.metrics().sessionClosed(closedFrame.crm());
            }
            AgentStream joined = stream;
            if (joined != null) {
                stream = null;
                context.registry().leave(joined, this);
            }
        } catch (RuntimeException e) {
            LOG.warn("failed to clean up session {} ({})", id, Failures.summary(e));
            LOG.debug("failed to clean up session {}", id, e);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty closes the connection after reporting; onWebSocketClose does the cleanup.
        LOG.debug("session {} error: {}", id, cause.toString());
    }

    // ---------------------------------------------------------------- frames

    private void handle(String text) {
        if (state == State.CLOSED) {
            return;
        }
        if (tooLarge(text)) {
            if (state == State.AWAITING_HELLO) {
                closeNow(CloseCodes.POLICY, "first frame must be a hello");
            } else if (allowedByRate()) {
                LOG.debug("session {} sent a frame above {} bytes", id, context.settings().maxFrameBytes());
                send(new BridgeFrame.ErrorFrame(WireError.FRAME_TOO_LARGE.name(), "frames may be at most "
                        + context.settings().maxFrameBytes() + " bytes", null, null));
            }
            return;
        }
        if (state == State.AWAITING_HELLO) {
            hello(text);
            return;
        }
        if (!allowedByRate()) {
            return;
        }
        JsonNode tree = null;
        BridgeFrame decoded;
        try {
            tree = context.codec().parse(text);
            decoded = context.codec().decode(tree);
        } catch (InvalidFrameException e) {
            LOG.debug("session {} sent a bad frame: {} {}", id, e.code(), e.getMessage());
            send(BridgeFrame.ErrorFrame.of(e, FrameCodec.referenceOf(tree)));
            return;
        }
        dispatch(decoded);
    }

    private void dispatch(BridgeFrame decoded) {
        AgentStream joined = stream;
        if (joined == null) {
            return;
        }
        if (decoded instanceof BridgeFrame.CrmEvent || decoded instanceof BridgeFrame.UiAction
                || decoded instanceof BridgeFrame.Result) {
            lastActivity = System.nanoTime();
        }
        if (decoded instanceof BridgeFrame.CrmEvent) {
            joined.crmEvent(this, (BridgeFrame.CrmEvent) decoded);
        } else if (decoded instanceof BridgeFrame.UiAction) {
            joined.uiAction(this, (BridgeFrame.UiAction) decoded);
        } else if (decoded instanceof BridgeFrame.Result) {
            Optional<BridgeFrame.ErrorFrame> error = joined.result(this, (BridgeFrame.Result) decoded);
            if (error.isPresent()) {
                LOG.debug("session {} sent a result for unknown invocation {}", id, ((BridgeFrame.Result) decoded).id());
                send(error.get());
            }
        } else if (decoded instanceof BridgeFrame.Ping) {
            send(new BridgeFrame.Pong(((BridgeFrame.Ping) decoded).nonce()));
        } else if (decoded instanceof BridgeFrame.Pong) {
            LOG.trace("pong from {}", id);
        } else {
            send(new BridgeFrame.ErrorFrame(WireError.UNEXPECTED_FRAME.name(), "a bridge may not send '"
                    + decoded.type() + "' now", "type", decoded.type()));
        }
    }

    private void hello(String text) {
        BridgeFrame decoded;
        try {
            decoded = context.codec().decode(text);
        } catch (InvalidFrameException e) {
            closeNow(CloseCodes.POLICY, "first frame must be a valid hello"
                    + (e.field() == null ? "" : ": bad " + e.field()));
            return;
        }
        if (!(decoded instanceof BridgeFrame.Hello)) {
            closeNow(CloseCodes.POLICY, "first frame must be a hello");
            return;
        }
        BridgeFrame.Hello hello = (BridgeFrame.Hello) decoded;
        if (hello.v() != BridgeFrame.VERSION) {
            closeNow(CloseCodes.UNSUPPORTED_VERSION, "unsupported protocol version " + hello.v() + "; server speaks "
                    + BridgeFrame.VERSION);
            return;
        }
        AgentToken token;
        try {
            token = context.tokens().verify(hello.token());
        } catch (InvalidAgentTokenException e) {
            LOG.info("session {} refused: {}", id, e.reason());
            // A token that was good (expired, or signed with a key rotated out) is the bridge's cue to get a new one;
            // one that never was ends the session.
            closeNow(e.reason().renewable() ? CloseCodes.TOKEN_NO_LONGER_VALID : CloseCodes.POLICY, e.getMessage());
            return;
        }
        if (!token.crm().equals(hello.crm())) {
            closeNow(CloseCodes.POLICY, "token is for another crm");
            return;
        }
        CrmBridge crm = context.crmBridges().get(hello.crm());
        if (crm == null) {
            closeNow(CloseCodes.POLICY, "unknown crm");
            return;
        }
        if (!crm.frameRoles().contains(hello.role())) {
            closeNow(CloseCodes.POLICY, "role not allowed for this crm");
            return;
        }
        Map<String, String> attributes = new HashMap<>(hello.attributes());
        if (origin != null) {
            // What the browser sent on upgrade, which the page cannot fake, wins over what the bridge claims.
            attributes.put("origin", origin);
        }
        frame = new FrameInfo(id, token.agent(), hello.crm(), hello.role(), context.clock().instant(), attributes);
        if (helloTimer != null) {
            helloTimer.cancel(false);
        }
        state = State.OPEN;
        lastActivity = System.nanoTime();
        try {
            stream = context.registry().join(this, hello.resumeAfter());
        } catch (StreamRegistry.TooManySessionsException e) {
            // Every session of the agent is running a CRM invocation; one will be idle soon.
            LOG.info("session {} refused: its agent has {} busy sessions", id, context.settings().maxSessionsPerAgent());
            closeNow(CloseCodes.TRY_AGAIN_LATER, "too many sessions for this agent");
            return;
        } catch (StoreUnavailableException e) {
            // The replay and the snapshot a joining session needs come from the store. The registry has forgotten the
            // session; it must not stay open without a stream (its frames would go nowhere): the bridge retries.
            long held = warnings.admit("join", System.nanoTime());
            if (held >= 0) {
                LOG.warn("session {} refused: the store is unavailable ({}){}", id, Failures.summary(e),
                        RepeatedWarnings.heldBackNote(held));
            }
            closeNow(CloseCodes.TRY_AGAIN_LATER, "the server's store is unavailable; try again");
            return;
        } catch (RuntimeException e) {
            LOG.warn("session {} failed to join its agent's stream ({})", id, Failures.summary(e));
            LOG.debug("session {} failed to join its agent's stream", id, e);
            closeNow(CloseCodes.SERVER_ERROR, "internal error");
            return;
        }
        if (counted.compareAndSet(false, true)) {
            context.metrics().sessionOpened(hello.crm());
        }
        if (state == State.CLOSED) {
            if (counted.compareAndSet(true, false)) {
                context.metrics().sessionClosed(hello.crm());
            }
            // The connection dropped while joining; onWebSocketClose ran before stream was set.
            AgentStream joined = stream;
            if (joined != null) {
                stream = null;
                context.registry().leave(joined, this);
            }
            return;
        }
        LOG.debug("session {} authenticated as {} in {} ({})", id, token.agent(), hello.crm(), hello.role());
    }

    private boolean tooLarge(String text) {
        int max = context.settings().maxFrameBytes();
        if (text.length() > max) {
            return true;
        }
        if ((long) text.length() * 3 <= max) {
            return false;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > max;
    }

    /** Applies the rate limit; tells the bridge it was limited at most once a second, so limiting cannot echo a flood. */
    private boolean allowedByRate() {
        long now = System.nanoTime();
        if (bucket.tryTake(now)) {
            return true;
        }
        if (now - lastRateError > RATE_ERROR_INTERVAL_NANOS) {
            lastRateError = now;
            send(new BridgeFrame.ErrorFrame(WireError.RATE_LIMITED.name(), "more than "
                    + context.settings().messagesPerSecond() + " messages per second; frames were dropped", null,
                    null));
        }
        return false;
    }

    // ---------------------------------------------------------------- BridgeSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public FrameInfo frame() {
        FrameInfo f = frame;
        if (f == null) {
            throw new IllegalStateException("not authenticated");
        }
        return f;
    }

    @Override
    public RepeatedWarnings warnings() {
        return warnings;
    }

    @Override
    public long lastActivity() {
        return lastActivity;
    }

    @Override
    public void send(BridgeFrame out) {
        sendEncoded(context.codec().encode(out), false);
    }

    @Override
    public void sendEncoded(String json, boolean snapshot) {
        Outbox box = outbox;
        if (box != null && state != State.CLOSED) {
            box.offer(json, snapshot);
            FrameInfo f = frame;
            context.metrics().frameSent(f == null ? "none" : f.crm());
        }
    }

    @Override
    public void closeLater(int code, String reason) {
        try {
            context.pool().execute(() -> closeNow(code, reason));
        } catch (RuntimeException rejected) {
            closeNow(code, reason);
        }
    }

    /** Writes what is queued, then closes (graceful shutdown). */
    void closeGracefully(int code, String reason) {
        Outbox box = outbox;
        if (box == null || state == State.AWAITING_HELLO) {
            closeNow(code, reason);
            return;
        }
        box.drainThen(() -> closeNow(code, reason));
    }

    /**
     * Cuts the session if a write has made no progress for the write timeout: the bridge stopped reading (a frozen or
     * broken page), and its own pings, which the server still reads, would keep the idle timeout from ever firing.
     * The close frame would wait behind the stalled data like everything else, so the connection is dropped too.
     */
    void cutIfStalled(long nowNanos, long timeoutNanos) {
        Outbox box = outbox;
        Session s = session;
        if (state != State.OPEN || box == null || s == null || !box.stalled(nowNanos, timeoutNanos)) {
            return;
        }
        LOG.info("session {} made no write progress for {} ms; closing it", id,
                context.settings().writeTimeout().toMillis());
        closeNow(CloseCodes.TRY_AGAIN_LATER, "too slow: no write progress");
        s.disconnect();
    }

    /**
     * Whether this session, not closed, has a frame being written: what {@link OpenSessions#forEachWriting} keeps. A
     * session still awaiting its hello counts, so a write stuck from before the hello is still cut once it is open.
     */
    boolean writeInFlight() {
        Outbox box = outbox;
        return state != State.CLOSED && box != null && box.writeInFlight();
    }

    void ping() {
        Session s = session;
        if (s != null && state == State.OPEN && s.isOpen()) {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    private void closeNow(int code, String reason) {
        state = State.CLOSED;
        Outbox box = outbox;
        if (box != null) {
            box.discard();
        }
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    private final class JettySink implements Outbox.Sink {
        private final Session session;

        JettySink(Session session) {
            this.session = session;
        }

        @Override
        public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
            session.sendText(text, Callback.from(written, failed));
        }

        @Override
        public void close(int code, String reason) {
            // The outbox may be called under a stream's lock; closing must not call back into it on this thread.
            LOG.info("closing slow session {}: {}", id, reason);
            closeLater(code, reason);
        }
    }
}
