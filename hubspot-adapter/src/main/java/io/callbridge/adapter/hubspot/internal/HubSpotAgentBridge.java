package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's HubSpot conversation, both ways: HubSpot events from any frame become core commands, core events become
 * SDK messages. This class only dispatches; the lanes carry the messages and keep the state:
 * {@link FrameLane} (each frame's INITIALIZED and agent state), {@link CallLane} (each call's messages in HubSpot's
 * order; {@link CallEvents} takes HubSpot's events about calls) and {@link ErrorLane} (errors shown in HubSpot). The
 * call and error lanes hand what they owe HubSpot to one core {@link Delivery} per agent bridge, which claims, retries
 * and settles each under its idempotency key.
 *
 * <p>Threads: the transport, core's event delivery, invocation results and timers all call in on their own threads;
 * everything that touches state runs on {@link #serial}, one task at a time, so the lanes keep plain, unsynchronised
 * state. Only input checking runs on the caller's thread, because a refusal must reach the transport synchronously.
 */
final class HubSpotAgentBridge implements AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotAgentBridge.class);

    static final String VISIBILITY_TOPIC = "hubspot.visibility";
    /** Notices from this adapter, and the CRM links it writes on calls, start with this. */
    static final String NOTICE_PREFIX = "hubspot.";
    /** Invocation ids are idempotency keys: {@code hubspot:<call or session>:<step>} ({@link Invocation#deriveId}). */
    static final String ID_PREFIX = "hubspot:";

    private final AgentCore core;
    private final PhoneNumberParser parser;
    private final BridgeChannel channel;
    private final SerialQueue serial;
    private final FrameLane frames;
    private final CallLane calls;
    private final ErrorLane errors;
    private final CallEvents callEvents;
    /** Runs what the call and error lanes owe HubSpot; shared so a frame that gets ready wakes both. */
    private final Delivery delivery;

    private volatile boolean closed;
    private volatile @Nullable Subscription subscription;

    private HubSpotAgentBridge(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser parser,
            Clock clock, HubSpotSettings settings, DeliveryStore store, SerialQueue serial, BridgeScheduler timers) {
        this.core = new AgentCore(agent, engine);
        this.parser = parser;
        this.channel = channel;
        this.serial = serial;
        this.delivery = new Delivery(HubSpotCallMessages.CRM, agent, channel, serial, timers, store, clock,
                settings.retry(), settings.invocationTimeout());
        this.frames = new FrameLane(core, channel, settings, serial, timers, this::frameReady);
        this.errors = new ErrorLane(agent, frames, delivery);
        this.calls = new CallLane(core, channel, frames, errors, settings, clock, serial, timers, delivery,
                store);
        this.callEvents = new CallEvents(core, channel, calls, errors, settings);
    }

    static HubSpotAgentBridge attach(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser parser,
            Clock clock, HubSpotSettings settings, DeliveryStore store, SerialQueue serial, BridgeScheduler timers) {
        HubSpotAgentBridge bridge = new HubSpotAgentBridge(agent, channel, engine, parser, clock, settings, store,
                serial, timers);
        // Snapshot first, then follow from its sequence: nothing is missed, and a repeat is harmless.
        AgentSnapshot snapshot = engine.snapshot(agent);
        serial.execute(() -> bridge.adopt(snapshot));
        bridge.subscription = engine.subscribe(agent, snapshot.sequence(), bridge.new Listener());
        return bridge;
    }

    // ---------------------------------------------------------------- AgentBridge (transport threads)

    @Override
    public void frameJoined(FrameInfo frame) {
        onSerial(() -> frames.joined(frame));
    }

    @Override
    public void frameLeft(FrameInfo frame) {
        onSerial(() -> {
            frames.left(frame.sessionId());
            calls.frameLeft(frame.sessionId());
        });
    }

    @Override
    public void crmEvent(FrameInfo frame, String name, String payloadJson) {
        FromHubSpot event;
        Dial dial;
        try {
            event = HubSpotInput.decode(HubSpotJson.CODEC, name, payloadJson);
            dial = event instanceof FromHubSpot.DialNumber d ? HubSpotInput.dial(core.agent(), d, parser) : null;
        } catch (BridgeInputException refused) {
            // The transport answers the bridge with the typed error; the user must see it too (nothing else changes).
            onSerial(() -> callEvents.refused(frame, name, refused));
            throw refused;
        }
        onSerial(() -> onHubSpot(frame, event, dial));
    }

    @Override
    public void close() {
        closed = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        serial.execute(() -> {
            // The delivery first: its claims go at once, so a new bridge for the agent can take the messages over.
            delivery.close();
            calls.close();
            errors.close();
            frames.close();
        });
    }

    private void onSerial(Runnable task) {
        serial.execute(() -> {
            if (!closed) {
                task.run();
            }
        });
    }

    // ---------------------------------------------------------------- HubSpot → core

    private void onHubSpot(FrameInfo frame, FromHubSpot event, @Nullable Dial dial) {
        frames.seen(frame);
        if (event instanceof FromHubSpot.Ready ready) {
            frames.ready(frame, ready);
            callEvents.handshake(frame, ready);
        } else if (event instanceof FromHubSpot.DialNumber && dial != null) {
            callEvents.dial(frame, dial);
        } else if (event instanceof FromHubSpot.EndCall end) {
            callEvents.endCall(frame, end);
        } else if (event instanceof FromHubSpot.CreateEngagementSucceeded created) {
            callEvents.engagementCreated(created.engagementId());
        } else if (event instanceof FromHubSpot.EngagementCreated created) {
            callEvents.engagementCreated(created.engagementId());
        } else if (event instanceof FromHubSpot.CreateEngagementFailed failed) {
            callEvents.engagementFailed(reason(event, failed.errorMessage()));
        } else if (event instanceof FromHubSpot.CallerIdMatchSucceeded matched) {
            callEvents.callerIdMatches(matched.callerIdMatches());
        } else if (event instanceof FromHubSpot.VisibilityChanged visibility) {
            channel.publishUi(VISIBILITY_TOPIC, HubSpotJson.visibility(frame, visibility));
        } else if (event instanceof FromHubSpot.Unloading) {
            frames.unloading(frame);
        } else if (isFailure(event)) {
            core.notifyAgent(NOTICE_PREFIX + event.type(), reason(event, null), null);
        } else {
            LOG.debug("{}: HubSpot event {} needs nothing from the server", core.agent(), event.type());
        }
    }

    /**
     * A frame got INITIALIZED and can take messages: whatever waited for one goes now, first what the delivery owes
     * (waiting for a frame or backing off: a new frame is the likeliest cure), then what was never sent.
     */
    private void frameReady() {
        delivery.frameAvailable();
        calls.pumpAll();
        errors.pump();
    }

    // ---------------------------------------------------------------- core → HubSpot

    private final class Listener implements AgentEventListener {
        @Override
        public void onEvent(SequencedEvent event) {
            onSerial(() -> onCore(event.event()));
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            // Events were lost to us: the current state tells what HubSpot still needs.
            onSerial(() -> {
                adopt(core.snapshot());
                frames.pumpAll();
            });
        }
    }

    private void onCore(CoreEvent event) {
        if (event instanceof CoreEvent.CallCreated created) {
            calls.callChanged(created.call(), true);
        } else if (event instanceof CoreEvent.CallStateChanged changed) {
            calls.callChanged(changed.call(), false);
        } else if (event instanceof CoreEvent.CallUpdated updated) {
            calls.callChanged(updated.call(), false);
        } else if (event instanceof CoreEvent.AgentChanged) {
            frames.pumpAll();
        } else if (event instanceof CoreEvent.AgentNotice notice && !notice.code().startsWith(NOTICE_PREFIX)) {
            // Notices that came from HubSpot are not echoed back to it.
            errors.show(notice.message(), null);
        }
    }

    private void adopt(AgentSnapshot snapshot) {
        if (!closed) {
            calls.adopt(snapshot);
        }
    }

    // ---------------------------------------------------------------- HubSpot's failures

    private static boolean isFailure(FromHubSpot event) {
        return event.type().endsWith("_FAILED") || event.type().equals("FAILED");
    }

    /** HubSpot's own words when it gave any, else what failed. */
    private static String reason(FromHubSpot event, @Nullable String given) {
        String text = given;
        if (text == null) {
            String raw = null;
            if (event instanceof FromHubSpot.CallerIdMatchFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.InitiateCallIdFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.SetWidgetUrlFailed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.Failed e) {
                raw = e.payload();
            } else if (event instanceof FromHubSpot.UpdateEngagementFailed e) {
                text = e.errorMessage();
            }
            if (raw != null) {
                text = HubSpotJson.text(raw, "message");
                if (text == null) {
                    text = HubSpotJson.text(raw, "error.message");
                }
            }
        }
        if (text == null || text.isBlank()) {
            text = "HubSpot reported " + event.type();
        }
        return text;
    }
}
