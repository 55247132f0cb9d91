package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The demo on Redis ({@code appendfsync always}) in a JVM of its own, stopped while agents are logged in, on calls
 * and owing CRM logs, then started again on the same Redis and ports: nothing is lost. Stopped two ways: {@code kill -9}
 * (nothing runs on the way out) and SIGTERM (the shutdown hook stops every service). Everything is observed through
 * the bridge protocol over real WebSockets, as the CRM frames see it; side effects are counted where they run, in the
 * frames.
 *
 * <p>Before the stop: alice (HubSpot) is AVAILABLE on a connected call, dave (HubSpot) has an inbound call ringing,
 * bob (Salesforce) is AWAY with a pending Sales Engagement work item, and carol (HubSpot) wrapped up a call whose
 * CALL_COMPLETED her tab received but never ran: she closed the tab first.
 */
class DemoRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRestartIT.class);
    /**
     * A killed node's claim on an owed side effect lapses within one claim lease (6 s with HubSpot's 10 s invocation
     * timeout, core's {@code Delivery}); only then may the new node run it. A graceful stop lets it go at once.
     * Generous: this machine is slow and shared.
     */
    private static final Duration OWED_RUNS_WITHIN = Duration.ofSeconds(45);

    @RegisterExtension
    final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    enum Stop { KILL_9, SIGTERM }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void a_demo_stopped_and_started_again_on_redis_loses_no_login_presence_call_work_item_token_or_owed_crm_log(
            Stop stop) {
        String uri = redis.server().uri();
        int bridgePort = DemoProcess.freePort();
        int hostPort = DemoProcess.freePort();
        Path logs = Path.of("target", "demo-restart", stop.name().toLowerCase());
        Tokens tokens;
        String aliceCall;
        String daveCall;
        String carolCall;

        try (DemoProcess first = DemoProcess.start(uri, bridgePort, hostPort, logs.resolve("first.log"))) {
            tokens = new Tokens(first.token("alice", "hubspot"), first.token("dave", "hubspot"),
                    first.token("bob", "salesforce"), first.token("carol", "hubspot"));

            CrmFrame alice = hubspot(first, tokens.alice(), Set.of());
            alice.accepted("login", Map.of());
            alice.ok("presence", Map.of("status", "AVAILABLE"));
            aliceCall = alice.accepted("dial", Map.of("number", "+1 415 555 0104")).path("callId").asString();
            alice.awaitInvoked("OUTGOING_CALL_STARTED", aliceCall, CrmFrame.WAIT);
            alice.crmEvent("CREATE_ENGAGEMENT_SUCCEEDED", CrmFrame.JSON.createObjectNode().put("engagementId", 7001));
            alice.awaitUi(call(aliceCall, "CONNECTED"), "alice's call connected");

            CrmFrame dave = hubspot(first, tokens.dave(), Set.of());
            dave.accepted("login", Map.of());
            dave.ok("presence", Map.of("status", "AVAILABLE"));
            daveCall = first.ring("dave", "+1 415 555 7001");
            dave.awaitUi(call(daveCall, "RINGING"), "dave's inbound call ringing");

            CrmFrame bob = CrmFrame.open(first.bridge(), tokens.bob(), "salesforce", "tab", Set.of());
            bob.accepted("login", Map.of());
            bob.accepted("presence", Map.of("status", "AWAY", "reason", "Lunch"));
            bob.crmEvent("hvs.onWorkStart", CrmFrame.JSON.readTree(
                    "{\"workId\":\"0Z1500000000001\",\"completeWorkWhen\":\"TaskSaved\",\"attributes\":{\"to\":\"+14155550102\"}}"));
            bob.awaitUi(work("0Z1500000000001", "PENDING"), "bob's work item");

            CrmFrame carol = hubspot(first, tokens.carol(), Set.of("CALL_COMPLETED"));
            carol.accepted("login", Map.of());
            carol.ok("presence", Map.of("status", "AVAILABLE"));
            carolCall = carol.accepted("dial", Map.of("number", "+1 415 555 0101")).path("callId").asString();
            carol.awaitInvoked("OUTGOING_CALL_STARTED", carolCall, CrmFrame.WAIT);
            carol.crmEvent("CREATE_ENGAGEMENT_SUCCEEDED", CrmFrame.JSON.createObjectNode().put("engagementId", 7002));
            carol.awaitInvoked("CALL_ENDED", carolCall, CrmFrame.WAIT);
            carol.accepted("wrapUp", Map.of("callId", carolCall, "disposition", "no-answer", "notes", "busy, later"));
            CrmFrame.Invoked owed = carol.awaitInvoked("CALL_COMPLETED", carolCall, CrmFrame.WAIT);
            assertThat(owed.ran()).as("the tab closes before HubSpot logs the call").isFalse();
            carol.close();

            switch (stop) {
                case KILL_9 -> first.kill();
                case SIGTERM -> {
                    first.terminate();
                    assertThat(first.log()).contains("stopping the demo");
                }
            }
            for (CrmFrame f : new CrmFrame[] {alice, dave, bob}) {
                f.close();
            }
        }

        try (DemoProcess second = DemoProcess.start(uri, bridgePort, hostPort, logs.resolve("second.log"))) {
            assertThat(second.log()).as("core reconciled with the phone system, which still carries both calls")
                    .contains("reconciled live calls with the phone system: 2 still carried, 0 ended as gone");

            // Tokens issued before the stop still open sessions: CrmFrame.open waits for the welcome.
            CrmFrame alice = hubspot(second, tokens.alice(), Set.of());
            alice.awaitUi(agent("AVAILABLE").and(call(aliceCall, "CONNECTED")), "alice as she was");
            CrmFrame dave = hubspot(second, tokens.dave(), Set.of());
            dave.awaitUi(agent("AVAILABLE").and(call(daveCall, "RINGING")), "dave as he was");
            CrmFrame bob = CrmFrame.open(second.bridge(), tokens.bob(), "salesforce", "tab", Set.of());
            bob.awaitUi(agent("AWAY").and(s -> s.path("agent").path("presence").path("reason").asString()
                    .equals("Lunch")).and(work("0Z1500000000001", "PENDING")), "bob as he was");

            long reconnected = System.nanoTime();
            CrmFrame carol = hubspot(second, tokens.carol(), Set.of());
            CrmFrame.Invoked completed = carol.awaitInvoked("CALL_COMPLETED", carolCall, OWED_RUNS_WITHIN);
            LOG.info("{}: the owed CALL_COMPLETED ran {} ms after carol's tab came back", stop,
                    (System.nanoTime() - reconnected) / 1_000_000);
            assertThat(completed.ran()).isTrue();
            carol.awaitUi(agent("AVAILABLE").and(call(carolCall, "WRAPPED_UP")), "carol's call logged");
            // Nothing more comes for it: not on this tab, nor on the next one.
            DemoProcess.sleep(Duration.ofSeconds(3));
            carol.close();
            CrmFrame carolAgain = hubspot(second, tokens.carol(), Set.of());
            DemoProcess.sleep(Duration.ofSeconds(3));
            assertThat(carol.ran("CALL_COMPLETED", carolCall) + carolAgain.ran("CALL_COMPLETED", carolCall))
                    .as("CALL_COMPLETED of carol's call, run once in all").isEqualTo(1);

            // The phone system kept alice's line too: hanging up reaches it and ends the call.
            alice.accepted("hangup", Map.of("callId", aliceCall));
            alice.awaitUi(s -> callIn(s, aliceCall).path("endStatus").asString().equals("COMPLETED"),
                    "alice's call ended");
            for (CrmFrame f : new CrmFrame[] {alice, dave, bob, carolAgain}) {
                f.close();
            }
        }
    }

    private static CrmFrame hubspot(DemoProcess demo, String token, Set<String> unanswered) {
        CrmFrame frame = CrmFrame.open(demo.bridge(), token, "hubspot", "widget", unanswered);
        frame.crmEvent("READY", CrmFrame.JSON.createObjectNode().put("portalId", 4242).put("userId", 7));
        frame.awaitInvoked("INITIALIZED");
        return frame;
    }

    private static Predicate<JsonNode> agent(String presence) {
        return s -> s.path("agent").path("loggedIn").asBoolean()
                && s.path("agent").path("presence").path("status").asString().equals(presence);
    }

    private static Predicate<JsonNode> call(String id, String state) {
        return s -> callIn(s, id).path("state").asString().equals(state);
    }

    private static JsonNode callIn(JsonNode state, String id) {
        for (JsonNode c : state.path("calls")) {
            if (c.path("id").asString().equals(id)) {
                return c;
            }
        }
        return CrmFrame.JSON.missingNode();
    }

    private static Predicate<JsonNode> work(String id, String state) {
        return s -> {
            for (JsonNode w : s.path("workItems")) {
                if (w.path("id").asString().equals(id) && w.path("state").asString().equals(state)) {
                    return true;
                }
            }
            return false;
        };
    }

    private record Tokens(String alice, String dave, String bob, String carol) { }
}
