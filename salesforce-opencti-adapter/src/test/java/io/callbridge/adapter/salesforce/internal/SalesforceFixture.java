package io.callbridge.adapter.salesforce.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.ManualScheduler;
import io.callbridge.testkit.MutableClock;
import io.callbridge.testkit.inject.TestCallbridge;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Core with the fake phone system, the Salesforce adapter wired by its own Guice module, and one agent whose
 * Salesforce tabs are a {@link FakeSalesforce}. Everything runs on the test's thread: {@link #settle()} runs the
 * adapter's queued steps, {@link #advance(Duration)} moves time (and runs retries that come due).
 */
final class SalesforceFixture {
    static final AgentId ANN = AgentId.of("acme", "ann");

    final TestCallbridge cb;
    final ManualScheduler scheduler;
    final CrmBridge crm;
    final List<SequencedEvent> events = new CopyOnWriteArrayList<>();
    final PhoneNumberParser numbers = new PhoneNumberParser("US");
    FakeSalesforce sf = new FakeSalesforce();
    AgentBridge bridge;
    private final Map<String, FrameInfo> frames = new HashMap<>();

    SalesforceFixture(SalesforceSettings settings) {
        this(settings, CoreSettings.DEFAULTS);
    }

    SalesforceFixture(SalesforceSettings settings, CoreSettings core) {
        cb = TestCallbridge.startWithManualScheduler(core, new SalesforceAdapterModule(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(settings);
            }
        });
        scheduler = cb.scheduler();
        crm = cb.injector().getInstance(Key.get(new TypeLiteral<Map<String, CrmBridge>>() { })).get("salesforce");
        engine().subscribe(ANN, 0, events::add);
        bridge = crm.attach(ANN, sf);
        settle();
    }

    CallEngine engine() {
        return cb.engine();
    }

    FakePhoneSystem phone() {
        return cb.phone();
    }

    MutableClock clock() {
        return cb.clock();
    }

    void settle() {
        scheduler.settle();
    }

    void advance(Duration d) {
        scheduler.advance(d);
    }

    FrameInfo frame(String session) {
        return frames.computeIfAbsent(session, s -> new FrameInfo(s, ANN, "salesforce", "tab", clock().instant(),
                Map.of()));
    }

    /** A Lightning tab's softphone connects. */
    SalesforceFixture join(String session) {
        FrameInfo f = frame(session);
        sf.addFrame(f);
        bridge.frameJoined(f);
        settle();
        return this;
    }

    /** A tab closes or reloads. */
    void drop(String session) {
        sf.dropFrame(bridge, frame(session));
        settle();
    }

    /** Every tab is gone: the transport closes the agent's bridge. */
    void closeAll() {
        for (FrameInfo f : sf.frames()) {
            sf.dropFrame(bridge, f);
        }
        bridge.close();
        settle();
    }

    /** A tab connects again after all were gone: a fresh channel and a fresh agent bridge. */
    void reattach(String session) {
        sf = new FakeSalesforce();
        bridge = crm.attach(ANN, sf);
        frames.remove(session);
        join(session);
    }

    void event(String session, String name, String payload) {
        bridge.crmEvent(frame(session), name, payload.replace('\'', '"'));
        settle();
    }

    void clickToDial(String session, String payload) {
        event(session, "onClickToDial", payload);
    }

    void workStart(String session, String workId, String to) {
        event(session, "hvs.onWorkStart", "{'workId':'" + workId + "','completeWorkWhen':'TaskSaved',"
                + "'attributes':{'to':'" + to + "'}}");
    }

    void logIn() {
        engine().execute(new AgentCommand.LogIn(ANN));
        settle();
    }

    Call call(CallId id) {
        return engine().call(id).orElseThrow();
    }

    Call lastCall() {
        List<Call> calls = engine().calls(ANN);
        return calls.get(calls.size() - 1);
    }

    void hangUp(CallId id) {
        engine().execute(new CallCommand.HangUp(ANN, id));
        settle();
    }

    void wrapUp(CallId id, String disposition, String notes) {
        engine().execute(new CallCommand.WrapUp(ANN, id, new CallOutcome(disposition, notes, null)));
        settle();
    }

    List<CoreEvent.AgentNotice> notices() {
        return events.stream().map(SequencedEvent::event).filter(CoreEvent.AgentNotice.class::isInstance)
                .map(CoreEvent.AgentNotice.class::cast).toList();
    }
}
