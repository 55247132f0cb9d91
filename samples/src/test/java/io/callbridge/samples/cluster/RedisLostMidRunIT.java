package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.StoreUnavailableException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    void framesAreToldWhileRedisIsDownAndEverythingWorksAgainOnceItIsBack() throws InterruptedException {
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
        // Nothing refused was applied, and inputs go through again on both nodes (each reconnects by itself: node A
        // already has, node B may take a moment longer).
        assertThat(a.engine().calls(erin)).isEmpty();
        assertThat(untilReconnected(() -> b.engine().agent(erin)).presence().status().name()).isEqualTo("AVAILABLE");
        assertThat(widget.act("presence", status("AWAY")).path("ok").asBoolean()).isTrue();
        tab.awaitUi(s -> s.path("agent").path("presence").path("status").asString().equals("AWAY"),
                "the agent away on the tab, on the other node");
    }

    /**
     * A frame that says hello while Redis is down cannot join its agent's stream (the replay and the snapshot need
     * Redis). It must be told so, with a close it retries after (1013), not left on an open socket that carries
     * nothing (before: an INTERNAL error frame and a session with no stream, whose every later frame was dropped).
     */
    @Test
    void aFrameSayingHelloWhileRedisIsDownIsToldToTryAgainAndJoinsOnceRedisIsBack() throws Exception {
        cluster = new ClusterNodes(redis.server());
        ClusterNodes.Node a = cluster.start("A");
        AgentId fay = AgentId.of("acme", "fay-" + System.nanoTime());
        String token = cluster.tokens.issue(fay, "hubspot", Duration.ofMinutes(5));

        redis.server().stop();
        RawFrame refused = RawFrame.hello(a, token);
        assertThat(refused.closed.get(20, TimeUnit.SECONDS)).as("close code; frames received: %s", refused.frames)
                .isEqualTo(1013);
        assertThat(refused.reason).contains("store is unavailable");
        assertThat(refused.frames).as("nothing but the close").isEmpty();

        redis.server().start();
        // The node reconnects by itself (Lettuce, within about a second of Redis answering); until it has, an input is
        // refused with STORE_UNAVAILABLE, and then it goes through, without a new session.
        CrmFrame widget = cluster.open(a, fay, "hubspot", "widget");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode ack = widget.act("login", CrmFrame.JSON.createObjectNode());
        while (!ack.path("ok").asBoolean() && System.nanoTime() < deadline) {
            assertStoreUnavailable(ack);
            Thread.sleep(100);
            ack = widget.act("login", CrmFrame.JSON.createObjectNode());
        }
        assertThat(ack.path("ok").asBoolean()).as("%s", ack).isTrue();
    }

    /** A bare WebSocket that says hello and records what comes back, including how the server closes it. */
    private static final class RawFrame implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile String reason = "";

        static RawFrame hello(ClusterNodes.Node node, String token) {
            RawFrame frame = new RawFrame();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(node.bridgeUri(), frame).join();
            socket.sendText(CrmFrame.JSON.createObjectNode().put("type", "hello").put("v", 1).put("token", token)
                    .put("crm", "hubspot").put("role", "widget").toString(), true).join();
            return frame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
            reason = why;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** {@code query}'s answer once the node's connection to Redis is back (it reconnects by itself). */
    private static <T> T untilReconnected(java.util.function.Supplier<T> query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return query.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static ObjectNode status(String status) {
        return CrmFrame.JSON.createObjectNode().put("status", status);
    }

    private static void assertStoreUnavailable(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path("error").path("code").asString()).as("%s", ack).isEqualTo("STORE_UNAVAILABLE");
    }
}
