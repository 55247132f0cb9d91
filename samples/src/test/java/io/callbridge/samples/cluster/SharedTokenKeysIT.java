package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.tool.TokenKeysTool;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.InvalidAgentTokenException;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agent-token keys kept in Redis ({@code RedisClusterModule}'s {@link SigningKeyStore}) with no key configured on
 * any node: two whole nodes (injector, Jetty server, HubSpot adapter) on one redis-server with AOF. A token issued by
 * node A opens a session on node B, still does after both nodes are restarted, and after a rotation (with the
 * command-line tool) until the previous key is dropped.
 */
class SharedTokenKeysIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static int deployments;

    private final List<CallbridgeLauncher.Running> running = new ArrayList<>();
    private final List<CrmFrame> frames = new ArrayList<>();
    private final String prefix = "tokens-" + ProcessHandle.current().pid() + "-" + (++deployments);

    @AfterEach
    void stopAll() {
        frames.forEach(CrmFrame::close);
        frames.clear();
        stopNodes();
    }

    private void stopNodes() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    /** A node with no token key configured and not in demo mode: only the keys in Redis can make it start. */
    private ClusterNodes.Node node(String name) {
        CallbridgeLauncher.Running node = CallbridgeLauncher.start(
                new RedisClusterModule(RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix)),
                new CoreModule(), new HubSpotAdapterModule(), new WebSocketTransportModule(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                                .toInstance(TransportSettings.localEphemeral().withDemoMode(false));
                    }
                });
        running.add(node);
        return new ClusterNodes.Node(name, node);
    }

    private CrmFrame open(ClusterNodes.Node node, String token) {
        CrmFrame frame = CrmFrame.open(node, "hubspot", "widget", token);
        frames.add(frame);
        return frame;
    }

    private static String issue(ClusterNodes.Node node) {
        return node.running().instance(AgentTokens.class).issue(ANN, "hubspot", Duration.ofMinutes(10));
    }

    private static String keyIdOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return payload.split("\n")[1];
    }

    @Test
    void aTokenOfNodeAOpensASessionOnNodeBAndStillDoesAfterBothRestart() {
        ClusterNodes.Node a = node("A");
        ClusterNodes.Node b = node("B");
        String token = issue(a);
        assertThat(keyIdOf(token)).isEqualTo("k1");
        open(b, token);
        assertThat(b.running().instance(AgentTokens.class).verify(token).agent()).isEqualTo(ANN);

        frames.forEach(CrmFrame::close);
        frames.clear();
        stopNodes();
        ClusterNodes.Node a2 = node("A");
        ClusterNodes.Node b2 = node("B");
        open(a2, token);
        open(b2, token);
        assertThat(keyIdOf(issue(b2))).isEqualTo("k1");
    }

    @Test
    void aRotationKeepsOldTokensValidUntilThePreviousKeyIsDropped() throws Exception {
        ClusterNodes.Node a = node("A");
        ClusterNodes.Node b = node("B");
        String old = issue(a);

        assertThat(tool("rotate")).contains("current: k2").contains("previous: k1");
        // Every node signs with k2 within its refresh (5 s); poll, as this machine is slow.
        String fromA = awaitSignedWith(a, "k2");
        String fromB = awaitSignedWith(b, "k2");
        open(b, fromA);
        open(a, fromB);
        open(a, old);
        open(b, old);

        assertThat(tool("drop-previous")).contains("previous: none");
        for (ClusterNodes.Node node : List.of(a, b)) {
            AgentTokens tokens = node.running().instance(AgentTokens.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try {
                    tokens.verify(old);
                    Thread.sleep(100);
                } catch (InvalidAgentTokenException e) {
                    assertThat(e.reason()).isEqualTo(InvalidAgentTokenException.Reason.UNKNOWN_KEY);
                    refused = true;
                }
            }
            assertThat(refused).as("node %s refuses the dropped key's token", node.name()).isTrue();
            assertThat(tokens.verify(fromA).agent()).isEqualTo(ANN);
        }
        assertThatThrownBy(() -> open(b, old)).isInstanceOf(AssertionError.class).hasMessageContaining("no welcome");
    }

    private String tool(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TokenKeysTool.run(List.of("--redis", redis.server().uri(), "--prefix", prefix, command),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    private static String awaitSignedWith(ClusterNodes.Node node, String keyId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String token = issue(node);
            if (keyIdOf(token).equals(keyId)) {
                return token;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + node.name() + " never signed with " + keyId);
    }
}
