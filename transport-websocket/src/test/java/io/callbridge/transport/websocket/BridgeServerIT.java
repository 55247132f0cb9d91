package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The transport end to end: a real server on a free port, the JDK's WebSocket client, core's real engine. */
class BridgeServerIT {
    private static final AtomicInteger AGENTS = new AtomicInteger();
    private static TestCallbridge app;

    @BeforeAll
    static void start() {
        app = new TestCallbridge();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A fresh agent per test, so tests sharing the server cannot see each other's state. */
    private static AgentId newAgent() {
        return AgentId.of("acme", "agent" + AGENTS.incrementAndGet());
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void aValidHelloIsWelcomedWithASnapshotAndAttachesTheAdapter() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session s = app.open(agent)) {
            assertThat(s.welcome().get("resumed").asBoolean()).isFalse();
            JsonNode ui = s.client().awaitType("ui");
            assertThat(ui.get("seq").asLong()).isEqualTo(s.welcome().get("seq").asLong());
            assertThat(ui.at("/state/agent/id").asString()).isEqualTo(agent.agent());
            assertThat(ui.at("/state/agent/loggedIn").asBoolean()).isFalse();
            Eventually.until(() -> app.crm.log.contains("joined " + agent + " widget"));
            assertThat(app.crm.log).contains("attach " + agent);
        }
    }

    @Test
    void firstFramesOfOneAgentArrivingTogetherShareOneStreamAndAttachTheAdapterOnce() throws Exception {
        AgentId agent = newAgent();
        int frames = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(frames);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<TestCallbridge.Session>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < frames; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    return app.open(agent);
                }));
            }
            go.countDown();
            List<TestCallbridge.Session> sessions = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<TestCallbridge.Session> f : opened) {
                sessions.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            try {
                // One stream: every frame is welcomed at the same sequence of the same snapshot stream.
                assertThat(sessions).extracting(x -> x.welcome().get("seq").asLong()).containsOnly(
                        sessions.get(0).welcome().get("seq").asLong());
                Eventually.until(() -> app.crm.log.stream().filter(l -> l.equals("joined " + agent + " widget"))
                        .count() == frames);
                assertThat(app.crm.log.stream().filter(l -> l.equals("attach " + agent))).hasSize(1);
            } finally {
                sessions.forEach(TestCallbridge.Session::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgedMalformedMissingAndWrongCrmTokensAreClosedWith1008() {
        AgentId agent = newAgent();
        AgentTokens otherSecret = new AgentTokens(new byte[32], Clock.systemUTC());
        assertRefused(TestCallbridge.hello(otherSecret.issue(agent, "fakecrm", Duration.ofMinutes(5)), "widget", null)
                .toString(), 1008, "token signature invalid");
        assertRefused(TestCallbridge.hello("not-a-token", "widget", null).toString(), 1008, "token malformed");
        assertRefused("{\"type\":\"hello\",\"v\":1,\"crm\":\"fakecrm\",\"role\":\"widget\"}", 1008, "token");
        assertRefused(TestCallbridge.hello(app.tokens.issue(agent, "othercrm", Duration.ofMinutes(5)), "widget", null)
                .toString(), 1008, "token is for another crm");
        assertRefused(TestCallbridge.hello(app.token(agent), "spy", null).toString(), 1008, "role");
        assertThat(app.crm.log).noneMatch(line -> line.contains(agent.toString()));
    }

    @Test
    void anExpiredTokenOrOneOfAKeyThisServerDoesNotHaveIsNoLongerValidAndClosedWith4001() {
        AgentId agent = newAgent();
        AgentTokens past = new AgentTokens(TestCallbridge.SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertRefused(TestCallbridge.hello(past.issue(agent, "fakecrm", Duration.ofHours(1)), "widget", null)
                .toString(), 4001, "token expired");
        AgentTokens rotatedOut = new AgentTokens(TokenKeys.of(TokenKey.random("retired"), null), Clock.systemUTC(),
                AgentTokens.MAX_TTL);
        assertRefused(TestCallbridge.hello(rotatedOut.issue(agent, "fakecrm", Duration.ofMinutes(5)), "widget", null)
                .toString(), 4001, "token key unknown");
        assertThat(app.crm.log).noneMatch(line -> line.contains(agent.toString()));
    }

    @Test
    void aCorrectlySignedTokenThatLivesFarLongerThanTheMaximumIsRefusedWith1008() {
        AgentTokens year2199 = new AgentTokens(TestCallbridge.SECRET,
                Clock.fixed(Instant.parse("2199-12-31T00:00:00Z"), ZoneOffset.UTC));
        assertRefused(TestCallbridge.hello(year2199.issue(newAgent(), "fakecrm", Duration.ofDays(1)), "widget", null)
                .toString(), 1008, "token lifetime exceeds the maximum");
    }

    @Test
    void aFirstFrameThatIsNotAHelloClosesWith1008AndAnUnknownVersionWith1002() {
        assertRefused("{\"type\":\"ping\"}", 1008, "first frame must be a hello");
        assertRefused("garbage", 1008, "hello");
        String v2 = TestCallbridge.hello(app.token(newAgent()), "widget", null).put("v", 2).toString();
        assertRefused(v2, 1002, "unsupported protocol version 2");
    }

    @Test
    void anOriginOutsideTheAllowlistIsRefusedAtUpgrade() {
        assertThatThrownBy(() -> BridgeClient.connectAsync(app.bridgeUri(), "https://evil.example").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        try (BridgeClient allowed = BridgeClient.connectAsync(app.bridgeUri(), TestCallbridge.ALLOWED_ORIGIN).join()) {
            AgentId agent = newAgent();
            allowed.send(TestCallbridge.hello(app.token(agent), "widget", null));
            assertThat(allowed.awaitType("welcome").has("sessionId")).isTrue();
            Eventually.until(() -> app.crm.log.contains("joined " + agent + " widget"));
        }
    }

    // ---------------------------------------------------------------- UI actions

    @Test
    void uiActionsBecomeCoreCommandsAndEveryFrameSeesTheResultingSnapshot() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session widget = app.open(agent, "widget", null);
                TestCallbridge.Session tab = app.open(agent, "tab", null)) {
            assertThat(widget.act("a1", "login", "{}").get("ok").asBoolean()).isTrue();
            assertThat(widget.act("a2", "presence", "{\"status\":\"AVAILABLE\"}").get("ok").asBoolean()).isTrue();
            JsonNode dialed = widget.act("a3", "dial", "{\"number\":\"(415) 555-1212\"}");
            assertThat(dialed.get("ok").asBoolean()).isTrue();
            String callId = dialed.get("callId").asString();
            app.phone.farEndAnswers(CallId.of(callId));
            for (TestCallbridge.Session frame : List.of(widget, tab)) {
                JsonNode ui = frame.awaitUi(state -> state.at("/calls/0/state").asString().equals("CONNECTED"),
                        "connected call");
                assertThat(ui.at("/state/calls/0/to/e164").asString()).isEqualTo("+14155551212");
                assertThat(ui.at("/state/agent/activity").asString()).isEqualTo("ON_CALL");
            }
            assertThat(widget.act("a4", "mute", "{\"callId\":\"" + callId + "\",\"muted\":true}").get("ok").asBoolean())
                    .isTrue();
            tab.awaitUi(state -> state.at("/calls/0/muted").asBoolean(), "muted call");
            JsonNode busy = widget.act("a5", "logout", "{}");
            assertThat(busy.get("ok").asBoolean()).isFalse();
            assertThat(busy.at("/error/code").asString()).isEqualTo("AGENT_BUSY");
            widget.act("a6", "hangup", "{\"callId\":\"" + callId + "\"}");
            JsonNode wrapped = widget.act("a7", "wrapUp",
                    "{\"callId\":\"" + callId + "\",\"disposition\":\"connected\",\"notes\":\"called back\"}");
            assertThat(wrapped.get("ok").asBoolean()).isTrue();
            tab.awaitUi(state -> state.at("/calls/0/state").asString().equals("WRAPPED_UP")
                    && state.at("/calls/0/outcome/notes").asString().equals("called back"), "wrapped-up call");
        }
    }

    @Test
    void badUiActionArgumentsAreRefusedNamingTheField() {
        try (TestCallbridge.Session s = app.open(newAgent())) {
            JsonNode badNumber = s.act("b1", "dial", "{\"number\":\"call me\"}");
            assertThat(badNumber.at("/error/field").asString()).isEqualTo("args.number");
            JsonNode badType = s.act("b2", "mute", "{\"callId\":\"c1\",\"muted\":\"yes\"}");
            assertThat(badType.at("/error/code").asString()).isEqualTo("WRONG_TYPE");
            assertThat(badType.at("/error/field").asString()).isEqualTo("args.muted");
            JsonNode unknown = s.act("b3", "selfDestruct", "{}");
            assertThat(unknown.at("/error/code").asString()).isEqualTo("UNKNOWN_ACTION");
            JsonNode notLoggedIn = s.act("b4", "hold", "{\"callId\":\"nope\"}");
            assertThat(notLoggedIn.get("ok").asBoolean()).isFalse();
            s.client().assertOpen();
        }
    }

    // ---------------------------------------------------------------- isolation

    @Test
    void twoAgentsNeverSeeEachOthersMessages() {
        AgentId alice = newAgent();
        AgentId bob = AgentId.of("other-tenant", alice.agent());
        try (TestCallbridge.Session a = app.open(alice); TestCallbridge.Session b = app.open(bob)) {
            a.act("x1", "login", "{}");
            a.act("x2", "presence", "{\"status\":\"AVAILABLE\"}");
            JsonNode dialed = a.act("x3", "dial", "{\"number\":\"+442079460958\"}");
            String aliceCall = dialed.get("callId").asString();
            // Bob may not act on Alice's call even knowing its id.
            JsonNode stolen = b.act("y1", "hangup", "{\"callId\":\"" + aliceCall + "\"}");
            assertThat(stolen.get("ok").asBoolean()).isFalse();
            b.act("y2", "login", "{}");
            b.awaitUi(state -> state.at("/agent/loggedIn").asBoolean(), "bob logged in");
            a.awaitUi(state -> state.at("/calls/0/state").asString().equals("RINGING"), "alice's call ringing");
            app.engine.execute(new NotifyAgent(alice, "test.SECRET", "for alice only", null));
            a.awaitUi(state -> state.toString().contains("for alice only"), "alice's notice");
            b.act("y3", "logout", "{}");
            b.awaitUi(state -> !state.at("/agent/loggedIn").asBoolean(), "bob logged out");
            List<JsonNode> bobSaw = new ArrayList<>(b.client().history);
            // The refusal of y1 echoes the call id Bob himself sent; everything else must not mention Alice's call.
            bobSaw.removeIf(frame -> "y1".equals(frame.path("id").asString()));
            assertThat(bobSaw).isNotEmpty().allSatisfy(frame -> {
                assertThat(frame.toString()).doesNotContain(aliceCall).doesNotContain("for alice only")
                        .doesNotContain("+442079460958");
                if (frame.has("state")) {
                    assertThat(frame.at("/state/agent/tenant").asString()).isEqualTo("other-tenant");
                }
            });
        }
    }

    // ---------------------------------------------------------------- resume

    @Test
    void aBridgeThatReconnectsGetsOnlyTheNewestSnapshotOfWhatItMissed() {
        AgentId agent = newAgent();
        TestCallbridge.Session first = app.open(agent);
        long lastSeen = first.client().awaitType("ui").get("seq").asLong();
        first.act("r0", "login", "{}");
        // Messages in flight: produced while the connection is being torn down.
        for (int i = 0; i < 10; i++) {
            app.engine.execute(new NotifyAgent(agent, "test.N", "before " + i, null));
        }
        first.client().socket.abort();
        for (JsonNode frame : first.client().history) {
            if (frame.has("seq") && "ui".equals(frame.get("type").asString())) {
                lastSeen = Math.max(lastSeen, frame.get("seq").asLong());
            }
        }
        // Several snapshots the first frame misses: a second frame waits for each before the next event.
        try (TestCallbridge.Session observer = app.open(agent, "tab", null)) {
            for (int i = 0; i < 3; i++) {
                String text = "after " + i;
                app.engine.execute(new NotifyAgent(agent, "test.N", text, null));
                observer.awaitUi(state -> state.toString().contains(text), text);
            }
        }
        try (TestCallbridge.Session second = app.open(agent, "widget", lastSeen)) {
            assertThat(second.welcome().get("resumed").asBoolean()).isTrue();
            long head = second.welcome().get("seq").asLong();
            assertThat(head).as("several snapshots were missed").isGreaterThanOrEqualTo(lastSeen + 3);
            JsonNode replayed = second.client().awaitType("ui");
            assertThat(replayed.get("seq").asLong()).as("only the newest snapshot, which supersedes the missed ones")
                    .isEqualTo(head);
            assertThat(replayed.get("state").toString()).contains("after 2");
            second.client().send("{\"type\":\"ping\",\"nonce\":\"n\"}");
            JsonNode pong = second.client().next();
            assertThat(pong.get("type").asString()).as("nothing after the snapshot but the pong").isEqualTo("pong");
        }
    }

    @Test
    void aBridgeThatResumesWithTheNewestSeqGetsNoSnapshotAgain() {
        AgentId agent = newAgent();
        long head;
        try (TestCallbridge.Session first = app.open(agent)) {
            head = first.client().awaitType("ui").get("seq").asLong();
        }
        try (TestCallbridge.Session second = app.open(agent, "widget", head)) {
            assertThat(second.welcome().get("resumed").asBoolean()).isTrue();
            assertThat(second.welcome().get("seq").asLong()).isEqualTo(head);
            second.client().send("{\"type\":\"ping\",\"nonce\":\"n\"}");
            assertThat(second.client().next().get("type").asString()).as("no snapshot it already has")
                    .isEqualTo("pong");
        }
    }

    @Test
    void aResumePointFromAnotherStreamGetsAFreshSnapshot() {
        try (TestCallbridge.Session s = app.open(newAgent(), "widget", 5L)) {
            assertThat(s.welcome().get("resumed").asBoolean()).isFalse();
            assertThat(s.client().awaitType("ui").get("seq").asLong()).isEqualTo(s.welcome().get("seq").asLong());
        }
    }

    // ---------------------------------------------------------------- adapter hosting

    @Test
    void crmEventsReachTheAdapterAndRefusalsComeBackAsTypedErrors() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session s = app.open(agent)) {
            s.client().send("{\"type\":\"crmEvent\",\"name\":\"DIAL_NUMBER\",\"data\":{\"phoneNumber\":\"+1\"}}");
            Eventually.until(() -> app.crm.log.contains("event " + agent + " DIAL_NUMBER {\"phoneNumber\":\"+1\"}"));
            s.client().send("{\"type\":\"crmEvent\",\"name\":\"bad\",\"data\":{}}");
            JsonNode error = s.client().awaitType("error");
            assertThat(error.get("code").asString()).isEqualTo("MISSING_FIELD");
            assertThat(error.get("field").asString()).isEqualTo("data.x");
            assertThat(error.get("ref").asString()).isEqualTo("bad");
            s.client().send("{\"type\":\"crmEvent\",\"name\":\"boom\",\"data\":null}");
            assertThat(s.client().awaitType("error").get("code").asString()).isEqualTo("ADAPTER_FAILURE");
            s.client().send("{\"type\":\"result\",\"id\":\"never-sent\",\"ok\":true,\"value\":1}");
            assertThat(s.client().awaitType("error").get("code").asString()).isEqualTo("UNKNOWN_INVOCATION");
            s.client().assertOpen();
        }
        assertThat(app.crm.overlaps).hasValue(0);
    }

    @Test
    void anEventTheAdapterCannotHandleBecauseTheStoreIsDownIsRefusedAsStoreUnavailableAndTheSessionGoesOn() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session s = app.open(agent)) {
            s.client().send("{\"type\":\"crmEvent\",\"name\":\"store-down\",\"data\":{}}");
            JsonNode error = s.client().awaitType("error");
            // Not ADAPTER_FAILURE: the bridge is to try again shortly, and the adapter is not at fault.
            assertThat(error.get("code").asString()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(error.get("ref").asString()).isEqualTo("store-down");
            assertThat(error.get("message").asString()).contains("try again");
            // With the bridge's own id, the error names that, so that the bridge knows which event to send again.
            s.client().send("{\"type\":\"crmEvent\",\"id\":\"e-7\",\"name\":\"store-down\",\"data\":{}}");
            JsonNode again = s.client().awaitType("error");
            assertThat(again.get("code").asString()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(again.get("ref").asString()).isEqualTo("e-7");
            s.client().send("{\"type\":\"crmEvent\",\"name\":\"DIAL_NUMBER\",\"data\":{}}");
            Eventually.until(() -> app.crm.log.contains("event " + agent + " DIAL_NUMBER {}"));
            s.client().assertOpen();
        }
    }

    @Test
    void anInvocationWhoseFrameClosesIsRetriedOnAnotherFrameWithTheSameId() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session widget = app.open(agent, "widget", null);
                TestCallbridge.Session tab = app.open(agent, "tab", null)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent)
                    && app.crm.channels.get(agent).frames().size() == 2);
            CompletableFuture<InvocationResult> result = app.crm.channels.get(agent).invoke(new Invocation("log-1",
                    "saveLog", "{\"subject\":\"Call\"}", new Invocation.Target.AnyFrame(widget.id()),
                    Duration.ofSeconds(30))).toCompletableFuture();
            JsonNode first = widget.client().awaitType("invoke");
            assertThat(first.get("id").asString()).isEqualTo("log-1");
            widget.client().socket.abort();
            JsonNode retried = tab.client().awaitType("invoke");
            assertThat(retried.get("id").asString()).isEqualTo("log-1");
            assertThat(retried.get("args")).isEqualTo(first.get("args"));
            tab.client().send("{\"type\":\"result\",\"id\":\"log-1\",\"ok\":true,\"value\":{\"taskId\":\"00T1\"}}");
            assertThat(result.join()).isEqualTo(new InvocationResult.Success("{\"taskId\":\"00T1\"}", tab.id()));
            // A duplicate answer is ignored: no error, no second completion.
            tab.client().send("{\"type\":\"result\",\"id\":\"log-1\",\"ok\":true,\"value\":null}");
            tab.client().send("{\"type\":\"ping\"}");
            assertThat(tab.client().await(f -> !"ui".equals(f.get("type").asString()), "pong").get("type").asString())
                    .isEqualTo("pong");
        }
    }

    @Test
    void anInvocationNobodyAnswersIsRetriedOnTheOtherFrameThenTimesOut() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session widget = app.open(agent, "widget", null);
                TestCallbridge.Session tab = app.open(agent, "tab", null)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent)
                    && app.crm.channels.get(agent).frames().size() == 2);
            tab.act("t1", "login", "{}"); // the tab becomes the most recently active frame
            CompletableFuture<InvocationResult> result = app.crm.channels.get(agent).invoke(new Invocation("pop-1",
                    "screenPop", "{}", new Invocation.Target.AnyFrame(null), Duration.ofMillis(300)))
                    .toCompletableFuture();
            assertThat(tab.client().awaitType("invoke").get("id").asString()).isEqualTo("pop-1");
            assertThat(widget.client().awaitType("invoke").get("id").asString()).isEqualTo("pop-1");
            InvocationResult outcome = result.join();
            assertThat(outcome).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(InvocationResult.Kind.TIMEOUT));
        }
    }

    @Test
    void anInvocationForAFrameThatIsGoneFailsWithNoFrame() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session s = app.open(agent)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent));
            InvocationResult outcome = app.crm.channels.get(agent).invoke(new Invocation("x-1", "m", "[]",
                    new Invocation.Target.Frame("s-gone"), Duration.ofSeconds(5))).toCompletableFuture().join();
            assertThat(outcome).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(InvocationResult.Kind.NO_FRAME));
        }
    }

    @Test
    void adapterTopicsAppearInEveryFramesSnapshot() {
        AgentId agent = newAgent();
        try (TestCallbridge.Session s = app.open(agent)) {
            Eventually.until(() -> app.crm.channels.containsKey(agent));
            app.crm.channels.get(agent).publishUi("fakecrm.matches", "[{\"id\":\"101\"}]");
            s.awaitUi(state -> state.at("/topics/fakecrm.matches/0/id").asString().equals("101"), "topic");
            app.crm.channels.get(agent).publishUi("fakecrm.matches", "null");
            s.awaitUi(state -> !state.get("topics").has("fakecrm.matches"), "topic cleared");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertRefused(String firstFrame, int code, String reasonPart) {
        try (BridgeClient client = BridgeClient.connect(app.bridgeUri())) {
            client.send(firstFrame);
            BridgeClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).as("close code after %s", firstFrame).isEqualTo(code);
            assertThat(closed.reason()).contains(reasonPart);
            assertThat(client.received).noneMatch(f -> "welcome".equals(f.path("type").asString()));
        }
    }
}
