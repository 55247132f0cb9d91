package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.ManualScheduler;
import io.callbridge.testkit.MutableClock;
import io.callbridge.testkit.inject.TestCallbridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Core (real engine, fake phone system, settable clock) plus the HubSpot adapter with test-driven threads and timers,
 * plus a fake HubSpot per attachment. {@link #settle()} runs everything queued until the system is quiet.
 */
final class Harness {
    static final AgentId AGENT = AgentId.of("acme", "alice");
    /** The call id the adapter derives from the golden DIAL_NUMBER (agent + click time). */
    static final CallId DIALLED = CallId.of("hubspot:acme:alice:1763740800123");
    static final PhoneNumberParser PHONES = new PhoneNumberParser("US");

    final TestCallbridge core = TestCallbridge.startWithManualScheduler(CoreSettings.DEFAULTS);
    final CallEngine engine = core.engine();
    final FakePhoneSystem phone = core.phone();
    final MutableClock clock = core.clock();
    final ManualScheduler scheduler = core.scheduler();
    /** Where the adapter keeps the side effects it owes (and parks the call logs it will owe). */
    final DeliveryStore store;
    final HubSpotCrmBridge crm;
    final List<CoreEvent.AgentNotice> notices = new CopyOnWriteArrayList<>();
    FakeHubSpot hub;
    io.callbridge.core.bridge.AgentBridge bridge;

    Harness(HubSpotSettings settings) {
        this(settings, DeliveryStore.inMemory());
    }

    Harness(HubSpotSettings settings, DeliveryStore store) {
        this.store = store;
        crm = new HubSpotCrmBridge(engine, PHONES, clock, settings, scheduler, store);
        phone.callerId(PHONES.parse("+16175550100"));
        engine.subscribe(AGENT, 0, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                if (event.event() instanceof CoreEvent.AgentNotice notice) {
                    notices.add(notice);
                }
            }
        });
        attach();
    }

    Harness() {
        this(HubSpotSettings.DEFAULTS);
    }

    /** A new attachment, as the transport makes when an agent's first frame connects. */
    FakeHubSpot attach() {
        hub = new FakeHubSpot(AGENT, clock);
        bridge = crm.attach(AGENT, hub);
        hub.bind(bridge);
        settle();
        return hub;
    }

    /** The agent's last frame went away: the transport closes the bridge. */
    void detach() {
        bridge.close();
        settle();
    }

    /** Joins a frame and completes its handshake. */
    String readyFrame(String role) {
        String sid = hub.join(role);
        hub.ready(sid);
        settle();
        return sid;
    }

    void settle() {
        do {
            scheduler.settle();
        } while (hub.deliverHostEvent());
        scheduler.settle();
    }

    void advance(Duration by) {
        scheduler.advance(by);
        settle();
    }

    CommandResult execute(Command command) {
        CommandResult result = engine.execute(command);
        settle();
        return result;
    }

    void logIn() {
        execute(new AgentCommand.LogIn(AGENT));
    }

    /** HubSpot's click-to-call with the golden DIAL_NUMBER payload. */
    void clickToCall(String sessionId) {
        hub.event(sessionId, "DIAL_NUMBER", dialNumberData().toString());
        settle();
    }

    /**
     * The agent logged in, a frame of {@code role} through its handshake, HubSpot's click-to-call and the far end
     * answering: the start of most call flows. Returns the frame's session id.
     */
    String connectedCallOn(String role) {
        logIn();
        String frame = readyFrame(role);
        clickToCall(frame);
        phone.answer(DIALLED, true);
        settle();
        return frame;
    }

    void hangUp(CallId id) {
        execute(new CallCommand.HangUp(AGENT, id));
    }

    void wrapUp(CallId id, CallOutcome outcome) {
        execute(new CallCommand.WrapUp(AGENT, id, outcome));
    }

    CallId ring(String from) {
        CallId id = phone.ring(AGENT, PHONES.parse(from), PHONES.parse("+16175550100"));
        settle();
        return id;
    }

    Call call(CallId id) {
        return engine.call(id).orElseThrow();
    }

    static PhoneNumber number(String text) {
        return PHONES.parse(text);
    }

    static JsonNode dialNumberData() {
        return fixture("from-hubspot/DIAL_NUMBER.json").get("data");
    }

    static JsonNode fixture(String path) {
        try (InputStream in = Objects.requireNonNull(Harness.class.getResourceAsStream("/golden/hubspot/" + path),
                path)) {
            return FakeHubSpot.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
