package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.CallEngine;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.PresenceStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.samples.demo.CallbridgeDemo;
import io.callbridge.samples.demo.DemoOptions;
import io.callbridge.testkit.redis.RedisServerExtension;
import io.callbridge.transport.websocket.AgentTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two demo nodes (two injectors, two pairs of servers) in this JVM on one redis-server, as the README runs them. */
class DemoOnRedisIT {
    private static final AgentId ANN = AgentId.of("acme", "ann");

    @RegisterExtension
    final RedisServerExtension redis = RedisServerExtension.create();

    @Test
    void two_nodes_share_the_token_key_the_state_and_the_phone_system() throws IOException {
        DemoOptions options = DemoOptions.DEFAULTS.withRedis(redis.server().uri());
        try (CallbridgeDemo a = CallbridgeDemo.start(options.withPorts(freePort(), freePort()));
                CallbridgeDemo b = CallbridgeDemo.start(options.withPorts(freePort(),
                        freePort()))) {
            String token = a.instance(AgentTokens.class).issue(ANN, "hubspot", Duration.ofMinutes(5));
            assertThat(b.instance(AgentTokens.class).verify(token).agent()).isEqualTo(ANN);

            CallEngine onA = a.instance(CallEngine.class);
            onA.execute(new AgentCommand.LogIn(ANN));
            CallId call = onA.execute(Dial.to(ANN, new PhoneNumberParser("US").parse("+1 415 555 0104")))
                    .createdCall().orElseThrow().id();

            assertThat(b.instance(CallEngine.class).agent(ANN).loggedIn()).isTrue();
            assertThat(b.phone().activeCalls()).contains(Set.of(call));
            // An agent's request on node B reaches the line node A's phone system placed.
            b.instance(CallEngine.class).execute(new CallCommand.HangUp(ANN, call));
            assertThat(onA.call(call).orElseThrow().state()).isEqualTo(CallState.ENDED);
            assertThat(a.phone().activeCalls()).contains(Set.of());

            // A token node B issued opens a bridge session on node A (CrmFrame.open waits for the welcome).
            String fromB = b.instance(AgentTokens.class).issue(ANN, "hubspot", Duration.ofMinutes(5));
            try (CrmFrame frame = CrmFrame.open(URI.create(a.options().bridgeUrl()), fromB, "hubspot", "widget",
                    Set.of())) {
                frame.ok("presence", Map.of("status", "AVAILABLE"));
                assertThat(b.instance(CallEngine.class).agent(ANN).presence().status())
                        .isEqualTo(PresenceStatus.AVAILABLE);
            }
        }
    }

    @Test
    void a_demo_that_cannot_reach_redis_does_not_start_and_names_it_with_the_password_masked() throws Exception {
        int nobody = freePort();
        int bridge = freePort();
        DemoOptions options = DemoOptions.DEFAULTS.withPorts(bridge, freePort())
                .withRedis("redis://:s3cret@127.0.0.1:" + nobody);

        assertThatThrownBy(() -> CallbridgeDemo.start(options))
                .hasStackTraceContaining("cannot connect to Redis at redis://:****@127.0.0.1:" + nobody)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cret"));
        try (ServerSocket free = new ServerSocket(bridge)) {
            assertThat(free.getLocalPort()).as("no half-started server holds the bridge port").isEqualTo(bridge);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
