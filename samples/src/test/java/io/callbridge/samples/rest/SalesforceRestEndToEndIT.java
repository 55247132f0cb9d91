package io.callbridge.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator.Kind;
import io.callbridge.samples.cluster.CrmFrame;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Salesforce's REST fallback end to end: a real node (core, the Open CTI adapter, the WebSocket transport, the REST
 * module with the JWT bearer flow against the simulated org) saves the call's Task through REST when the agent's tab
 * closed before {@code saveLog} ran, exactly once, and never when a tab did or comes back.
 */
@Timeout(90)
class SalesforceRestEndToEndIT {
    private static final Duration LOGGED = Duration.ofSeconds(20);
    private RestRig rig;
    private CallbridgeLauncher.Running node;
    private final AgentId agent = AgentId.of("acme", "sf-" + RestRig.CLICKS.incrementAndGet());

    @BeforeEach
    void start() throws Exception {
        rig = new RestRig();
        node = rig.start();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aTabClosedAfterTheHangUpIsLoggedByRestOnceWhenTheWrapUpTimesOut() {
        CrmFrame tab = rig.open(node, agent, "salesforce", "tab", CrmFrame.Options.asTheCrm());
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        tab.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        tab.close();

        Map<String, Object> task = assertLoggedOnceByRest(call);
        assertThat(task).containsEntry("CallObject", call.value()).containsEntry("WhoId", "00Q000000000001AAA");
    }

    @Test
    void aTabClosedAfterTheAgentsWrapUpIsLoggedByRestWithTheAgentsOutcome() {
        CrmFrame tab = rig.open(node, agent, "salesforce", "tab", CrmFrame.Options.plain(Set.of("saveLog")));
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(tab.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")
                .put("notes", "wants the annual plan")));
        tab.awaitInvoked("saveLog");
        tab.close();

        Map<String, Object> task = assertLoggedOnceByRest(call);
        assertThat(task).containsEntry("CallObject", call.value());
        assertThat(task.values()).as("the Task's fields %s", task)
                .anySatisfy(v -> assertThat(String.valueOf(v)).contains("wants the annual plan"));
    }

    @Test
    void aTabComingBackWhileRestHoldsTheClaimSavesNothing() {
        CrmFrame tab = rig.open(node, agent, "salesforce", "tab", CrmFrame.Options.asTheCrm());
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        tab.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        // The org answers REST's first request slowly: the execution, and its claim, last a while.
        rig.salesforce.delayNext(Duration.ofSeconds(3));
        tab.close();
        RestRig.await("REST claimed the Task's saveLog", LOGGED, () -> RestRig.owed(node, "salesforce").stream()
                .anyMatch(o -> o.key().equals(SalesforceCallLog.saveLogKey(call)) && o.claimant() != null
                        && o.claimant().startsWith("server-side:")),
                () -> RestRig.describe(node, call));

        CrmFrame back = rig.open(node, agent, "salesforce", "tab", CrmFrame.Options.asTheCrm());
        assertLoggedOnceByRest(call);
        assertThat(back.invoked()).extracting(CrmFrame.Invoked::method).doesNotContain("saveLog");
    }

    @Test
    void aTabThatStaysOpenSavesTheTaskItselfAndRestSendsNothing() {
        CrmFrame tab = rig.open(node, agent, "salesforce", "tab", CrmFrame.Options.asTheCrm());
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(tab.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")));
        tab.awaitInvoked("saveLog");
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(node, "salesforce").isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.quietPeriod();

        assertThat(tab.executed("saveLog")).hasSize(1);
        assertThat(rig.salesforce.requests(Kind.CREATE)).as("creates").isZero();
        assertThat(rig.salesforce.requests(Kind.COMPOSITE)).as("composite writes").isZero();
        assertThat(rig.salesforce.tasks()).isEmpty();
        assertThat(RestRig.links(RestRig.call(node, call), "salesforce.")).doesNotContainKey("salesforce.loggedVia")
                .containsKey("salesforce.taskId");
    }

    private Map<String, Object> assertLoggedOnceByRest(CallId call) {
        RestRig.await("a Task saved by REST", LOGGED, () -> !rig.salesforce.tasks().isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(node, "salesforce").isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.quietPeriod();
        Map<String, Map<String, Object>> tasks = rig.salesforce.tasks();
        assertThat(tasks).as("Tasks in the org").hasSize(1);
        assertThat(rig.salesforce.requests(Kind.CREATE)).as("creates").isEqualTo(1);
        String taskId = tasks.keySet().iterator().next();
        Call done = RestRig.call(node, call);
        assertThat(RestRig.links(done, "salesforce.")).containsEntry("salesforce.loggedVia", "rest")
                .containsEntry("salesforce.taskId", taskId);
        assertThat(RestRig.owed(node, "salesforce")).isEmpty();
        return tasks.get(taskId);
    }
}
