package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.testkit.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.testkit.inject.TestCallbridge;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module as a vendor installs it: explicit bindings only, the real threaded scheduler. */
class ModuleWiringTest {

    @Test
    void theModuleContributesSalesforceWithItsDefaultsAndRunsTheFlowOnItsOwnThreads() throws Exception {
        TestCallbridge cb = TestCallbridge.start(new SalesforceAdapterModule());
        Map<String, CrmBridge> crms = cb.injector().getInstance(Key.get(new TypeLiteral<Map<String, CrmBridge>>() { }));
        assertThat(crms).containsOnlyKeys("salesforce");
        CrmBridge crm = crms.get("salesforce");
        assertThat(crm.frameRoles()).isEqualTo(Set.of("tab"));
        assertThat(cb.injector().getInstance(SalesforceSettings.class)).isEqualTo(SalesforceSettings.DEFAULTS);
        Set<Service> services = cb.injector().getInstance(Key.get(new TypeLiteral<Set<Service>>() { }));
        assertThat(cb.injector().getInstance(BridgeScheduler.class)).isNotInstanceOf(ManualScheduler.class);

        AgentId ann = AgentId.of("acme", "ann");
        FakeSalesforce sf = new FakeSalesforce();
        FrameInfo tab = new FrameInfo("tab-1", ann, "salesforce", "tab", Instant.EPOCH, Map.of());
        sf.addFrame(tab);
        cb.engine().execute(new AgentCommand.LogIn(ann));
        var bridge = crm.attach(ann, sf);
        bridge.frameJoined(tab);
        bridge.crmEvent(tab, "onClickToDial", "{\"number\":\"(415) 555-0100\"}");
        CallId call = await(() -> cb.engine().calls(ann).isEmpty() ? null : cb.engine().calls(ann).get(0).id());
        cb.engine().execute(new CallCommand.HangUp(ann, call));
        cb.engine().execute(new CallCommand.WrapUp(ann, call, CallOutcome.NONE));

        String taskId = await(() -> cb.engine().call(call).orElseThrow().crmLink("salesforce.taskId").orElse(null));
        assertThat(taskId).isEqualTo("00T000000000001AAA");
        assertThat(sf.sent("saveLog")).hasSize(1);
        bridge.close();
        services.forEach(Service::stop);
    }

    /** Waits for the flow's threads; the bound is generous because this checks wiring, not speed. */
    private static <T> T await(java.util.function.Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the flow did not get there in 10 s");
    }
}
