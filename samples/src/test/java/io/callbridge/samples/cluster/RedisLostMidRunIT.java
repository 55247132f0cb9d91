package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Redis stopped under two running nodes with frames connected, then started again: the frames' inputs are refused with
 * STORE_UNAVAILABLE, as any core refusal reaches them (the softphone's ack, an ERROR shown in HubSpot), nothing is
 * applied behind their back, and both nodes carry on by themselves once Redis is back. Redis persists with
 * {@code appendfsync always}, so only the outage is tested here.
 */
@Timeout(60)
class RedisLostMidRunIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private ClusterNodes cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void framesAreToldWhileRedisIsDownAndEverythingWorksAgainOnceItIsBack() {
        cluster = new ClusterNodes(redis.server());
        ClusterNodes.Node a = cluster.start("A");
        ClusterNodes.Node b = cluster.start("B");
        cluster.reportTo(b);
        AgentId erin = AgentId.of("acme", "erin-" + System.nanoTime());
        CrmFrame widget = cluster.open(a, erin, "hubspot", "widget");
        CrmFrame tab = cluster.open(b, erin, "salesforce", "tab");
        assertThat(widget.act("login", CrmFrame.JSON.createObjectNode()).path("ok").asBoolean()).isTrue();
        assertThat(widget.act("presence", status("AVAILABLE")).path("ok").asBoolean()).isTrue();
        tab.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available on the tab");

        redis.server().stop();

        assertStoreUnavailable(widget.act("presence", status("AWAY")));
        assertStoreUnavailable(tab.act("dial", CrmFrame.JSON.createObjectNode().put("number", "(617) 555-0142")));
        widget.crmEvent("DIAL_NUMBER", CrmFrame.JSON.createObjectNode().put("phoneNumber", "+16175550142")
                .put("countryCode", "US").put("startTimestamp", 1763741000000L));

        redis.server().start();

        // HubSpot shows the refused click once its ERROR can be claimed again.
        JsonNode error = widget.await(f -> "invoke".equals(f.path("type").asString())
                && "ERROR".equals(f.path("method").asString()), "ERROR shown in HubSpot");
        assertThat(error.path("args").path("message").asString()).contains("the state store is unavailable");
        // Nothing refused was applied, and inputs go through again on both nodes.
        assertThat(a.engine().calls(erin)).isEmpty();
        assertThat(b.engine().agent(erin).presence().status().name()).isEqualTo("AVAILABLE");
        assertThat(widget.act("presence", status("AWAY")).path("ok").asBoolean()).isTrue();
        tab.awaitUi(s -> s.path("agent").path("presence").path("status").asString().equals("AWAY"),
                "the agent away on the tab, on the other node");
    }

    private static ObjectNode status(String status) {
        return CrmFrame.JSON.createObjectNode().put("status", status);
    }

    private static void assertStoreUnavailable(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path("error").path("code").asString()).as("%s", ack).isEqualTo("STORE_UNAVAILABLE");
    }
}
