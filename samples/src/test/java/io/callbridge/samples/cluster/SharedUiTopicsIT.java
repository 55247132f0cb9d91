package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Adapters' softphone topics ({@code BridgeChannel.publishUi}) across nodes: the HubSpot widget on node A and the
 * calling window on node B each report their visibility (HubSpot's {@code hubspot.visibility} topic), and each frame
 * sees the topic the other node's adapter published, as frames of one node always did.
 */
class SharedUiTopicsIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();
    private static final AtomicInteger AGENTS = new AtomicInteger();

    private ClusterNodes cluster;
    private ClusterNodes.Node a;
    private ClusterNodes.Node b;

    @BeforeEach
    void startTwoNodes() {
        cluster = new ClusterNodes(redis.server());
        a = cluster.start("A");
        b = cluster.start("B");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aTopicPublishedOnOneNodeIsShownOnTheAgentsFramesOfTheOther() {
        AgentId ann = AgentId.of("acme", "ann-" + AGENTS.incrementAndGet());
        CrmFrame widget = cluster.open(a, ann, "hubspot", "widget");
        CrmFrame window = cluster.open(b, ann, "hubspot", "window");

        widget.crmEvent("VISIBILITY_CHANGED", CrmFrame.JSON.createObjectNode().put("isMinimized", true)
                .put("isHidden", false));
        JsonNode onB = window.awaitUi(s -> s.path("topics").path("hubspot.visibility").path("isMinimized")
                .asBoolean(false), "node A's visibility topic on node B's frame");
        assertThat(onB.path("topics").path("hubspot.visibility").path("role").asString()).isEqualTo("widget");

        window.crmEvent("VISIBILITY_CHANGED", CrmFrame.JSON.createObjectNode().put("isMinimized", false)
                .put("isHidden", true));
        JsonNode onA = widget.awaitUi(s -> s.path("topics").path("hubspot.visibility").path("isHidden")
                .asBoolean(false), "node B's visibility topic on node A's frame");
        assertThat(onA.path("topics").path("hubspot.visibility").path("role").asString()).isEqualTo("window");

        // A frame that joins later, on either node, is shown the newest value.
        CrmFrame late = cluster.open(a, ann, "hubspot", "widget");
        late.awaitUi(s -> s.path("topics").path("hubspot.visibility").path("isHidden").asBoolean(false),
                "the newest topic on a frame that joined later");
    }
}
