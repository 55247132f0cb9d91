package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.IframeLocation;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.model.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane of each frame: INITIALIZED, RESIZE_WIDGET, then LOGGED_IN / LOGGED_OUT and USER_AVAILABLE /
 * USER_UNAVAILABLE as the agent changes, to that frame only ({@link Invocation.Target.Frame}), since every HubSpot
 * frame's host keeps its own state. One message at a time per frame; what the frame's host was last told is
 * remembered, so each change becomes one message per ready frame, and a frame that says READY again starts over.
 * Nothing here is an owed side effect: what a frame is told is derived from the agent's state each time.
 *
 * <p>It is also the registry the other lanes ask about the agent's frames: which are ready (got INITIALIZED, so
 * HubSpot takes call messages through them), which one to prefer, and what READY said (owner, portal). A frame that
 * becomes ready is reported to the bridge, since whatever waited for a frame may go now.
 *
 * <p>A message the frame did not answer in time is sent again (the same state, a new id) after the backoff of
 * {@code HubSpotSettings.retry}, for as long as the frame is connected; one the SDK refused counts as told.
 *
 * <p>Threads: confined to the agent bridge's serial queue; invocation results and retry timers come back through it.
 */
final class FrameLane {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLane.class);

    /** Hello attribute bridge.js sets on every session after the page's first READY: {@value #HANDSHAKE_DONE}. */
    static final String HANDSHAKE = "handshake";
    static final String HANDSHAKE_DONE = "done";
    /** Hello attribute bridge.js sets once the page ran INITIALIZED: {@code true}. */
    static final String INITIALIZED = "initialized";

    private final AgentCore core;
    private final BridgeChannel channel;
    private final HubSpotSettings settings;
    private final Executor serial;
    private final BridgeScheduler timers;
    private final Runnable frameReady;

    // Confined to serial.
    private final Map<String, FrameState> frames = new LinkedHashMap<>();
    private boolean closed;

    /** @param frameReady run when a frame got INITIALIZED and can take call messages and errors */
    FrameLane(AgentCore core, BridgeChannel channel, HubSpotSettings settings, Executor serial,
            BridgeScheduler timers, Runnable frameReady) {
        this.core = core;
        this.channel = channel;
        this.settings = settings;
        this.serial = serial;
        this.timers = timers;
        this.frameReady = frameReady;
    }

    // ---------------------------------------------------------------- the frames come and go

    /**
     * A new session. The SDK raises READY once per page load, and bridge.js connects only after it, so a session that
     * is not the page's first (a reconnect after a network blip or a server restart, no reload) brings no READY: its
     * hello attributes say the page is past the handshake, with what READY said, and whether the page already ran
     * INITIALIZED. Such a frame takes messages at once; one already initialized is told the agent's state again, since
     * it may have changed while the page had no socket.
     */
    void joined(FrameInfo frame) {
        FrameState f = new FrameState(frame);
        frames.put(frame.sessionId(), f);
        Map<String, String> attributes = frame.attributes();
        if (!HANDSHAKE_DONE.equals(attributes.get(HANDSHAKE))) {
            return; // the page's first session: its READY follows
        }
        f.handshaken = true;
        f.ownerId = id(attributes.get("ownerId"));
        f.portalId = id(attributes.get("portalId"));
        f.location = location(attributes.get("iframeLocation"));
        if ("true".equals(attributes.get(INITIALIZED))) {
            f.initialized = true;
            pump(f);
            frameReady.run();
        } else {
            pump(f);
        }
    }

    /** The frame an event came from, known from now on even if its join was missed. */
    void seen(FrameInfo frame) {
        frames.computeIfAbsent(frame.sessionId(), id -> new FrameState(frame));
    }

    void left(String sessionId) {
        FrameState gone = frames.remove(sessionId);
        if (gone != null) {
            gone.cancelRetry();
        }
    }

    /** READY: the SDK passes messages on from now; the frame's host knows nothing yet. */
    void ready(FrameInfo frame, FromHubSpot.Ready ready) {
        FrameState f = frames.get(frame.sessionId());
        if (f == null) {
            return;
        }
        f.handshaken = true;
        f.initialized = false;
        f.resized = false;
        f.toldLoggedIn = null;
        f.toldAvailable = null;
        f.timeouts = 0;
        if (ready.ownerId() != null) {
            f.ownerId = ready.ownerId();
        }
        if (ready.portalId() != null) {
            f.portalId = ready.portalId();
        }
        if (ready.iframeLocation() != null) {
            f.location = ready.iframeLocation();
        }
        pump(f);
    }

    /** UNLOADING: the page is going; stop choosing it for messages before the transport notices. */
    void unloading(FrameInfo frame) {
        FrameState f = frames.get(frame.sessionId());
        if (f != null) {
            f.handshaken = false;
            f.initialized = false;
        }
    }

    /** The agent's login or presence changed, or events were lost: every frame is told what it does not know. */
    void pumpAll() {
        for (FrameState f : List.copyOf(frames.values())) {
            pump(f);
        }
    }

    void close() {
        closed = true;
        frames.values().forEach(FrameState::cancelRetry);
        frames.clear();
    }

    // ---------------------------------------------------------------- what the other lanes ask

    /** Frames that completed the handshake and got INITIALIZED, most recently active first. */
    List<String> readyFrames() {
        List<String> ready = new ArrayList<>();
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                ready.add(info.sessionId());
            }
        }
        return ready;
    }

    boolean anyReady() {
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                return true;
            }
        }
        return false;
    }

    /** {@code sessionId} if that frame is ready, else the most recently active ready frame, else null. */
    @Nullable String preferred(@Nullable String sessionId) {
        String first = null;
        for (FrameInfo info : channel.frames()) {
            FrameState f = frames.get(info.sessionId());
            if (f != null && f.initialized) {
                if (info.sessionId().equals(sessionId)) {
                    return sessionId;
                }
                if (first == null) {
                    first = info.sessionId();
                }
            }
        }
        return first;
    }

    /** The HubSpot owner id from READY: that of {@code sessionId}'s frame if it said one, else any frame's. */
    @Nullable Long ownerId(@Nullable String sessionId) {
        FrameState preferred = sessionId == null ? null : frames.get(sessionId);
        if (preferred != null && preferred.ownerId != null) {
            return preferred.ownerId;
        }
        for (FrameState f : frames.values()) {
            if (f.ownerId != null) {
                return f.ownerId;
            }
        }
        return null;
    }

    /** The location of {@code sessionId}'s frame (widget, remote, window) as READY or its hello said; null if unknown. */
    @Nullable String locationOf(@Nullable String sessionId) {
        FrameState f = sessionId == null ? null : frames.get(sessionId);
        if (f == null) {
            return null;
        }
        return f.location != null ? f.location.wireValue() : f.info.role();
    }

    /** The HubSpot portal any frame's READY named, or null. */
    @Nullable Long portalId() {
        for (FrameState f : frames.values()) {
            if (f.portalId != null) {
                return f.portalId;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the lane

    private void pump(FrameState f) {
        if (closed || f.busy || !f.handshaken || frames.get(f.info.sessionId()) != f) {
            return;
        }
        Agent state = core.state();
        ToHubSpot message;
        if (!f.initialized) {
            message = new ToHubSpot.Initialized(state.loggedIn(), state.isAvailable(), null, settings.widgetSize());
        } else if (settings.widgetSize() != null && !f.resized && f.isWidget()) {
            message = new ToHubSpot.ResizeWidget(settings.widgetSize().width(), settings.widgetSize().height());
        } else if (!Objects.equals(f.toldLoggedIn, state.loggedIn())) {
            message = state.loggedIn() ? new ToHubSpot.LoggedIn() : new ToHubSpot.LoggedOut();
        } else if (state.loggedIn() && !Objects.equals(f.toldAvailable, state.isAvailable())) {
            message = state.isAvailable() ? new ToHubSpot.UserAvailable() : new ToHubSpot.UserUnavailable();
        } else {
            return;
        }
        f.busy = true;
        // Not an owed side effect, but the id is still derived: a repeat of the same send has the same id.
        String id = Invocation.deriveId(HubSpotAgentBridge.ID_PREFIX, f.info.sessionId(),
                message.type() + ":" + (++f.sent));
        Invocation invocation = new Invocation(id, message.type(), HubSpotJson.args(message),
                new Invocation.Target.Frame(f.info.sessionId()), settings.invocationTimeout());
        channel.invoke(invocation).whenComplete((result, failure) -> serial.execute(
                () -> onResult(f, message, state, outcome(result, failure))));
    }

    private void onResult(FrameState f, ToHubSpot message, Agent told, InvocationResult result) {
        if (closed || frames.get(f.info.sessionId()) != f) {
            return;
        }
        f.busy = false;
        if (result instanceof InvocationResult.Failure failure) {
            if (failure.kind() == InvocationResult.Kind.NO_FRAME) {
                return; // the frame is going; frameLeft follows
            }
            if (failure.kind() == InvocationResult.Kind.TIMEOUT) {
                // Backs off like every retry of the adapter, but never gives up while the frame is connected: what it
                // gets is derived from the agent's state again at each try, not a side effect that could be lost.
                Duration wait = settings.retry().delayBefore(++f.timeouts);
                LOG.info("{}: {} not answered in frame {}; retrying in {}", core.agent(), message.type(),
                        f.info.sessionId(), wait);
                f.retry = timers.schedule(wait, () -> serial.execute(() -> pump(f)));
                return;
            }
            // Refused by the SDK: counted as told, or one broken method would be retried for ever. HubSpot's text may
            // quote what it refused: only at DEBUG.
            LOG.warn("{}: {} failed in frame {} ({})", core.agent(), message.type(), f.info.sessionId(),
                    failure.kind());
            LOG.debug("{}: {} failed in frame {}: {}", core.agent(), message.type(), f.info.sessionId(),
                    failure.message());
        }
        f.timeouts = 0;
        if (message instanceof ToHubSpot.Initialized) {
            f.initialized = true;
            f.toldLoggedIn = told.loggedIn();
            // INITIALIZED's isAvailable is not in the SDK's type (only isLoggedIn is): say it again as its own message.
            f.toldAvailable = null;
        } else if (message instanceof ToHubSpot.ResizeWidget) {
            f.resized = true;
        } else if (message instanceof ToHubSpot.LoggedIn) {
            f.toldLoggedIn = true;
            f.toldAvailable = null;
        } else if (message instanceof ToHubSpot.LoggedOut) {
            f.toldLoggedIn = false;
            f.toldAvailable = false;
        } else if (message instanceof ToHubSpot.UserAvailable) {
            f.toldAvailable = true;
        } else if (message instanceof ToHubSpot.UserUnavailable) {
            f.toldAvailable = false;
        }
        pump(f);
        if (message instanceof ToHubSpot.Initialized) {
            // A frame that can take messages: whatever waited for one goes now, after the availability just sent.
            frameReady.run();
        }
    }

    /** A positive id from a hello attribute, or null: attributes are the page's word, so nothing else is trusted. */
    private static @Nullable Long id(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable IframeLocation location(@Nullable String text) {
        for (IframeLocation l : IframeLocation.values()) {
            if (l.wireValue().equals(text)) {
                return l;
            }
        }
        return null;
    }

    /** The channel promises never to fail exceptionally; if it does, that is a bridge fault, not a crash. */
    private static InvocationResult outcome(@Nullable InvocationResult result, @Nullable Throwable failure) {
        if (result != null) {
            return result;
        }
        return new InvocationResult.Failure(InvocationResult.Kind.BRIDGE_ERROR,
                failure == null ? "no result" : String.valueOf(failure.getMessage()), null, null);
    }

    /** What this lane knows about one HubSpot frame. */
    private static final class FrameState {
        final FrameInfo info;
        /** READY arrived: the SDK will pass messages on. */
        boolean handshaken;
        /** INITIALIZED was delivered: HubSpot takes call messages through this frame. */
        boolean initialized;
        boolean busy;
        boolean resized;
        /** What this frame's HubSpot host was last told; null when unknown. */
        @Nullable Boolean toldLoggedIn;
        @Nullable Boolean toldAvailable;
        @Nullable Long ownerId;
        @Nullable Long portalId;
        @Nullable IframeLocation location;
        long sent;
        /** Timeouts in a row, which set the backoff before the next try. */
        int timeouts;
        BridgeScheduler.@Nullable Cancellable retry;

        FrameState(FrameInfo info) {
            this.info = info;
        }

        boolean isWidget() {
            return location != null ? location == IframeLocation.WIDGET : "widget".equals(info.role());
        }

        void cancelRetry() {
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
        }
    }
}
