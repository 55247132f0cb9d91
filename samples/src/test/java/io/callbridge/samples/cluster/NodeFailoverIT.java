package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Failover between two demo nodes, each in a JVM of its own ({@link DemoProcess}), on one real redis-server with the
 * append-only file ({@code appendfsync always}): a node is killed with {@code kill -9} while an agent's HubSpot frame
 * or Salesforce tab is connected to it, the frame (the same page, with the bridge client's memory of invocation
 * results) reconnects to the other node, and the call goes on there. Side effects are counted where the CRM would see
 * them, in the frame.
 *
 * <p>The pair of JVMs lives as long as the class: a killed node is started again in the background (same ports, same
 * Redis) while the survivor carries the agent, so JVM start-up is paid once per kill but mostly hidden. The random
 * cut points come from a seeded {@link Random}; the seed is printed and {@code -Dfailover.seed=…} replays it,
 * {@code -Dfailover.runs=…} changes the number of kills (20 by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFailoverIT.class);
    /** Answered after 2 s, and lasts until the agent hangs up. */
    private static final String LONG_CALL = "+1 415 555 0104";
    private static final List<String> SIDE_EFFECTS = List.of("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED",
            "CALL_COMPLETED");
    /** What a Salesforce tab runs for an outbound call: the Task, logged at wrap-up. */
    private static final List<String> SALESFORCE_SIDE_EFFECTS = List.of("saveLog");
    /** Generous: a claim lapses within 6 s of a kill; this machine is slow and shared. */
    private static final Duration DONE_WITHIN = Duration.ofSeconds(40);

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private final Path logs = Path.of("target", "node-failover");
    private final int[] bridgePorts = {DemoProcess.freePort(), DemoProcess.freePort()};
    private final int[] hostPorts = {DemoProcess.freePort(), DemoProcess.freePort()};
    private final DemoProcess[] nodes = new DemoProcess[2];
    private final List<CompletableFuture<DemoProcess>> starting = new ArrayList<>(List.of(
            CompletableFuture.failedFuture(new IllegalStateException("not started")),
            CompletableFuture.failedFuture(new IllegalStateException("not started"))));
    private int starts;
    /** Every agent's call and page, checked once more at the end by a fresh page. */
    private final List<Finished> finished = new ArrayList<>();

    private record Finished(String agent, String crm, String callId) { }

    private record Kept(CrmFrame page, String call, List<String> effects, String what) { }

    @BeforeAll
    void startTwoNodes() {
        startInBackground(0);
        startInBackground(1);
        node(0);
        node(1);
    }

    @AfterAll
    void stopNodes() {
        for (int i = 0; i < 2; i++) {
            try {
                node(i).close();
            } catch (RuntimeException | AssertionError e) {
                LOG.warn("node {} did not stop cleanly: {}", i, e.toString());
            }
        }
    }

    @Test
    void a_node_killed_mid_call_with_an_owed_side_effect_fails_over_to_the_other_node_which_shows_the_call_and_runs_it_once() {
        DemoProcess a = node(0);
        DemoProcess b = node(1);
        // HubSpot takes 3 s to answer CALL_ANSWERED: it has run it when node A dies, and A never hears so.
        CrmFrame frame = CrmFrame.open(a.bridge(), a.token("fo-ann", "hubspot"), "hubspot", "widget",
                CrmFrame.Options.asTheCrm().withAnswerDelay(m -> m.equals("CALL_ANSWERED") ? Duration.ofSeconds(3)
                        : Duration.ZERO));
        try {
            frame.awaitInvoked("INITIALIZED");
            frame.accepted("login", Map.of());
            frame.ok("presence", Map.of("status", "AVAILABLE"));
            String call = frame.accepted("dial", Map.of("number", LONG_CALL)).path("callId").asString();
            CrmFrame.Invoked answered = frame.awaitInvoked("CALL_ANSWERED", call, CrmFrame.WAIT);
            assertThat(answered.ran()).isTrue();

            kill(0);
            long killed = System.nanoTime();
            int mark = frame.receivedCount();
            frame.reconnect(b.bridge());
            long reconnected = System.nanoTime();
            frame.awaitUi(s -> state(s, call).equals("CONNECTED"), "the live call shown on node B",
                    CrmFrame.WAIT, mark);
            long shown = System.nanoTime();
            CrmFrame.Invoked again = awaitInvokedOn(frame, 2, "CALL_ANSWERED", call, DONE_WITHIN);
            long done = System.nanoTime();
            LOG.info("failover: node A killed mid-call; the page was welcomed by node B {} ms later, shown the live"
                    + " call {} ms after the kill, and node B ran the owed CALL_ANSWERED {} ms after the kill",
                    (reconnected - killed) / 1_000_000, (shown - killed) / 1_000_000, (done - killed) / 1_000_000);
            assertThat(again.ran()).as("the page ran it before A died; B's invocation is answered from memory")
                    .isFalse();

            frame.ok("hangup", Map.of("callId", call));
            frame.awaitUi(s -> state(s, call).equals("ENDED"), "the call ended on B");
            frame.ok("wrapUp", Map.of("callId", call, "disposition", "connected", "notes", "after failover"));
            awaitAllRan(frame, call, SIDE_EFFECTS);
            frame.awaitUi(s -> state(s, call).equals("WRAPPED_UP"), "the call wrapped up on B");
            frame.awaitAnswersSent();
            assertExactlyOnce(frame, call, SIDE_EFFECTS);
            finished.add(new Finished("fo-ann", "hubspot", call));
        } finally {
            frame.close();
        }
    }

    enum Cut {
        /** Right as the call connects: CALL_ANSWERED under way. */
        MID_CALL,
        /** Right after the hang-up: CALL_ENDED under way. */
        HANGING_UP,
        /** Right after the wrap-up: CALL_COMPLETED, the CRM log, under way. */
        MID_WRAP_UP
    }

    @Test
    void kill_9_at_random_cut_points_mid_call_and_mid_wrap_up_loses_no_side_effect_and_runs_none_twice() {
        long seed = Long.getLong("failover.seed", System.nanoTime());
        int runs = Integer.getInteger("failover.runs", 20);
        LOG.info("kill -9 at random cut points: seed {} ({} runs; replay with -Dfailover.seed={})", seed, runs, seed);
        Random random = new Random(seed);
        List<String> failoverMillis = new ArrayList<>();
        /** The runs' pages, kept open as the agents' tabs are (see below). */
        List<Kept> kept = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            int victim = run % 2;
            DemoProcess dying = node(victim);
            DemoProcess survivor = node(1 - victim);
            Cut cut = Cut.values()[random.nextInt(Cut.values().length)];
            boolean ackFirst = random.nextBoolean();
            long delay = random.nextInt(400);
            long crmDelay = random.nextInt(300);
            // HubSpot and Salesforce in turns of two, so that each CRM sees both nodes die.
            boolean hubspot = (run / 2) % 2 == 0;
            String crm = hubspot ? "hubspot" : "salesforce";
            List<String> effects = hubspot ? SIDE_EFFECTS : SALESFORCE_SIDE_EFFECTS;
            String agent = "kill-" + run;
            String what = "run " + run + " (seed " + seed + "): " + crm + ", " + cut
                    + (ackFirst ? " after the ack" : " before the ack") + " + " + delay + " ms, the CRM answering in "
                    + crmDelay + " ms, killing node " + victim;
            CrmFrame frame = CrmFrame.open(dying.bridge(), dying.token(agent, crm), crm, hubspot ? "widget" : "tab",
                    CrmFrame.Options.asTheCrm().withAnswerDelay(m -> Duration.ofMillis(crmDelay)));
            try {
                if (hubspot) {
                    frame.awaitInvoked("INITIALIZED");
                }
                frame.accepted("login", Map.of());
                frame.ok("presence", Map.of("status", "AVAILABLE"));
                String call = frame.accepted("dial", Map.of("number", LONG_CALL)).path("callId").asString();
                frame.awaitUi(s -> state(s, call).equals("CONNECTED"), "connected", CrmFrame.WAIT, 0);
                if (cut != Cut.MID_CALL) {
                    act(frame, "hangup", Map.of("callId", call), cut == Cut.HANGING_UP && !ackFirst);
                    if (cut == Cut.MID_WRAP_UP) {
                        frame.awaitUi(s -> state(s, call).equals("ENDED"), "ended", CrmFrame.WAIT, 0);
                        act(frame, "wrapUp", Map.of("callId", call, "disposition", "connected", "notes", "run " + run),
                                !ackFirst);
                    }
                }
                DemoProcess.sleep(Duration.ofMillis(delay));
                kill(victim);
                long killed = System.nanoTime();

                int mark = frame.receivedCount();
                frame.reconnect(survivor.bridge());
                long welcomed = (System.nanoTime() - killed) / 1_000_000;
                finishOn(frame, call, mark);
                awaitAllRan(frame, call, effects);
                frame.awaitUi(s -> state(s, call).equals("WRAPPED_UP"), "wrapped up on the survivor", DONE_WITHIN,
                        mark);
                List<CrmFrame.Invoked> onSurvivor = frame.invoked().stream().filter(i -> i.connection() == 2
                        && i.id().contains(call) && effects.contains(i.method())).toList();
                long last = onSurvivor.stream().mapToLong(CrmFrame.Invoked::at).max().orElse(killed);
                long millis = Math.max(0, (last - killed) / 1_000_000);
                List<String> fromMemory = onSurvivor.stream().filter(i -> !i.ran()).map(CrmFrame.Invoked::method)
                        .toList();
                if (!onSurvivor.isEmpty()) {
                    failoverMillis.add(millis + (fromMemory.isEmpty() ? "" : "*"));
                }
                LOG.info("{}: every side effect ran once; the page was welcomed by the survivor {} ms after the kill;"
                        + " the survivor ran {}, the last {} ms after the kill; of them already run by the CRM for the"
                        + " dead node and answered from the page's memory: {}", what, welcomed,
                        onSurvivor.stream().map(CrmFrame.Invoked::method).toList(), millis, fromMemory);
                frame.awaitAnswersSent();
                assertExactlyOnce(frame, call, effects);
                finished.add(new Finished(agent, crm, call));
                kept.add(new Kept(frame, call, effects, what));
            } catch (AssertionError | RuntimeException e) {
                frame.close();
                kept.forEach(k -> k.page().close());
                throw new AssertionError(what + " failed: " + e.getMessage(), e);
            }
        }
        LOG.info("kill -9 at random cut points (seed {}): {} runs; in the {} where the survivor ran side effects, the"
                + " last came this long after the kill (ms; * = the CRM had run one for the dead node already and the"
                + " page answered from memory): {}; JVMs started: {}", seed, runs, failoverMillis.size(),
                failoverMillis, starts);

        // The pages stayed open, as tabs do: a side effect whose result died with a node (the CRM ran it) is owed by
        // the survivor until the dead node's claim lapses, and a page closed before that would be asked again as a
        // new page, with no memory of having run it. A page whose node died in a later run reconnects, as the bridge
        // client does. Then, after more than a claim lease, each side effect has still run once.
        try {
            for (Kept k : kept) {
                if (!k.page().isOpen()) {
                    k.page().reconnect(node(0).bridge());
                }
            }
            DemoProcess.sleep(Duration.ofSeconds(8));
            for (Kept k : kept) {
                k.page().awaitAnswersSent();
                try {
                    assertExactlyOnce(k.page(), k.call(), k.effects());
                } catch (AssertionError e) {
                    throw new AssertionError(k.what() + ", afterwards: " + e.getMessage(), e);
                }
            }
        } finally {
            kept.forEach(k -> k.page().close());
        }

        // Nothing is owed any more: a fresh page of every agent (no memory of results) is asked for nothing.
        List<CrmFrame> fresh = new ArrayList<>();
        try {
            for (int i = 0; i < finished.size(); i++) {
                DemoProcess on = node(i % 2);
                Finished f = finished.get(i);
                fresh.add(CrmFrame.open(on.bridge(), on.token(f.agent(), f.crm()), f.crm(),
                        f.crm().equals("hubspot") ? "widget" : "tab", CrmFrame.Options.asTheCrm()));
            }
            // Longer than a claim lease: anything owed and claimed by a dead node would run by then.
            DemoProcess.sleep(Duration.ofSeconds(8));
            for (int i = 0; i < finished.size(); i++) {
                String call = finished.get(i).callId();
                assertThat(fresh.get(i).invoked()).as("%s: nothing owed for %s any more", finished.get(i).agent(), call)
                        .noneMatch(inv -> inv.id().contains(call));
            }
        } finally {
            fresh.forEach(CrmFrame::close);
        }
    }

    /**
     * Takes the call to WRAPPED_UP on the node the frame is on now, from the state its snapshot shows there (what the
     * killed node stored before it died).
     */
    private static void finishOn(CrmFrame frame, String call, int mark) {
        String now = state(frame.awaitUi(s -> !state(s, call).isEmpty(), "the call on the survivor", CrmFrame.WAIT,
                mark), call);
        if (now.equals("CONNECTED")) {
            // Refused if the killed node had already hung the line up but died before the phone system's report:
            // the restarted node then reconciles the call with the phone system, which ends it.
            frame.action("hangup", Map.of("callId", call));
            now = state(frame.awaitUi(s -> state(s, call).equals("ENDED") || state(s, call).equals("WRAPPED_UP"),
                    "the call ended on the survivor", DONE_WITHIN, mark), call);
        }
        if (now.equals("ENDED")) {
            frame.ok("wrapUp", Map.of("callId", call, "disposition", "connected", "notes", "on the survivor"));
        }
    }

    /** Sends a softphone action; waits for its ack unless {@code noWait} (the node may die before it answers). */
    private static void act(CrmFrame frame, String action, Map<String, Object> args, boolean noWait) {
        if (noWait) {
            frame.sendAction(action, CrmFrame.JSON.valueToTree(args));
        } else {
            frame.ok(action, args);
        }
    }

    private static void awaitAllRan(CrmFrame frame, String call, List<String> effects) {
        long deadline = System.nanoTime() + DONE_WITHIN.toNanos();
        while (effects.stream().anyMatch(m -> frame.ran(m, call) == 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every side effect of " + call + " ran within " + DONE_WITHIN + ": "
                        + frame.executed());
            }
            DemoProcess.sleep(Duration.ofMillis(20));
        }
    }

    private static void assertExactlyOnce(CrmFrame frame, String call, List<String> effects) {
        for (String method : effects) {
            assertThat(frame.ran(method, call)).as("%s of %s run by the CRM", method, call).isEqualTo(1);
        }
    }

    private static CrmFrame.Invoked awaitInvokedOn(CrmFrame frame, int connection, String method, String call,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (CrmFrame.Invoked i : frame.invoked()) {
                if (i.connection() == connection && i.method().equals(method) && i.id().contains(call)) {
                    return i;
                }
            }
            DemoProcess.sleep(Duration.ofMillis(10));
        }
        throw new AssertionError("no " + method + " for " + call + " on connection " + connection + " within "
                + timeout + ": " + frame.invoked());
    }

    private static String state(JsonNode state, String call) {
        for (JsonNode c : state.path("calls")) {
            if (c.path("id").asString().equals(call)) {
                return c.path("state").asString();
            }
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------- the JVMs

    /** kill -9 of node {@code i}, then starts it again in the background on the same ports and Redis. */
    private void kill(int i) {
        nodes[i].kill();
        nodes[i] = null;
        startInBackground(i);
    }

    private void startInBackground(int i) {
        int n = ++starts;
        String uri = REDIS.server().uri();
        Path log = logs.resolve("node-" + i + "-start-" + n + ".log");
        starting.set(i, CompletableFuture.supplyAsync(() -> warm(DemoProcess.start(uri, bridgePorts[i],
                hostPorts[i], log), n)));
    }

    /**
     * A node in service has served sessions before: a JVM that has served nobody yet takes seconds over its first one
     * on this machine, which is start-up, not failover. One session, a log-in and a log-out, before it takes part.
     */
    private static DemoProcess warm(DemoProcess node, int start) {
        String agent = "warm-up-" + start;
        try (CrmFrame warm = CrmFrame.open(node.bridge(), node.token(agent, "hubspot"), "hubspot", "widget",
                CrmFrame.Options.asTheCrm())) {
            warm.awaitInvoked("INITIALIZED");
            warm.accepted("login", Map.of());
            warm.ok("presence", Map.of("status", "AVAILABLE"));
            warm.ok("logout", Map.of());
            warm.awaitAnswersSent();
        }
        return node;
    }

    /** Node {@code i}, waiting for it to have started. */
    private DemoProcess node(int i) {
        if (nodes[i] == null) {
            nodes[i] = starting.get(i).join();
        }
        return nodes[i];
    }
}
