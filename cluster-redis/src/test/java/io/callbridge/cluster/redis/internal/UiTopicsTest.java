package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adapters' softphone topics in Redis across two nodes: a change on one reaches the listeners of the other. */
class UiTopicsTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");

    private Backends backends;
    private RedisBackend a;
    private RedisBackend b;

    @BeforeEach
    void twoNodes() {
        backends = new Backends(redis.server());
        String deployment = Backends.newPrefix();
        a = backends.node(deployment, 16);
        b = backends.node(deployment, 16);
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    @Test
    void aTopicSetOnOneNodeIsReadAndAnnouncedOnTheOther() throws Exception {
        AtomicInteger toldB = new AtomicInteger();
        AtomicInteger toldOtherCrm = new AtomicInteger();
        Subscription sub = b.uiTopics().listen(ANN, "hubspot", toldB::incrementAndGet);
        b.uiTopics().listen(ANN, "salesforce", toldOtherCrm::incrementAndGet);
        // Once subscribed, the listener is told once (a change may have come before the subscription).
        await(() -> toldB.get() >= 1, "the first call");
        int before = toldB.get();

        a.uiTopics().put(ANN, "hubspot", "hubspot.callerIdMatches", "{\"callId\":\"c1\"}");
        await(() -> toldB.get() > before, "the announcement on node B");
        assertThat(b.uiTopics().topics(ANN, "hubspot")).isEqualTo(Map.of("hubspot.callerIdMatches",
                "{\"callId\":\"c1\"}"));
        assertThat(b.uiTopics().topics(ANN, "salesforce")).isEmpty();
        assertThat(b.uiTopics().topics(AgentId.of("acme", "bob"), "hubspot")).isEmpty();

        int beforeClear = toldB.get();
        a.uiTopics().put(ANN, "hubspot", "hubspot.callerIdMatches", null);
        await(() -> toldB.get() > beforeClear, "the clearing on node B");
        assertThat(b.uiTopics().topics(ANN, "hubspot")).isEmpty();
        assertThat(toldOtherCrm.get()).isEqualTo(1);

        // After the listener stops, node B no longer hears of changes.
        sub.close();
        int afterClose = toldB.get();
        a.uiTopics().put(ANN, "hubspot", "hubspot.visibility", "{}");
        Thread.sleep(300);
        assertThat(toldB.get()).isEqualTo(afterClose);
        assertThat(b.uiTopics().topics(ANN, "hubspot")).containsKey("hubspot.visibility");
    }

    @Test
    void topicsExpireWithTheRetention() throws Exception {
        RedisBackend shortLived = backends.node(Backends.newPrefix(), 16, Duration.ofSeconds(1));
        shortLived.uiTopics().put(ANN, "hubspot", "hubspot.visibility", "{}");
        assertThat(shortLived.uiTopics().topics(ANN, "hubspot")).hasSize(1);
        await(() -> shortLived.uiTopics().topics(ANN, "hubspot").isEmpty(), "the topics to expire");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
