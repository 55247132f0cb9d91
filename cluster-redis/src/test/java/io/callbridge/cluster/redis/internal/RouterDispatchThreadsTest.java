package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router brings each agent's events on a pool of {@link RedisSettings#engineThreads()} threads: one agent whose
 * listener waits (a replay, or a step that calls the engine on Redis) holds back only that agent.
 */
@Timeout(60)
class RouterDispatchThreadsTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final int AGENTS = 4;

    private final Backends backends = new Backends(
            prefix -> RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix).withEngineThreads(AGENTS));

    @AfterEach
    void disconnect() {
        backends.close();
    }

    @Test
    void asManyAgentsEventsAreBroughtAtOnceAsTheSettingsGiveThreads() throws Exception {
        AgentEventRouter router = backends.fresh(16).events();
        CountDownLatch allArrived = new CountDownLatch(AGENTS);
        List<CompletableFuture<Boolean>> met = new ArrayList<>();
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            AgentId agent = AgentId.of("acme", "agent-" + i);
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            agents.add(agent);
            met.add(f);
            router.subscribe(agent, 0, event -> {
                allArrived.countDown();
                try {
                    f.complete(allArrived.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    f.completeExceptionally(e);
                }
            });
        }
        for (AgentId agent : agents) {
            router.publish(agent, Instant.now(), List.of(new CoreEvent.AgentNotice("INFO", "hello", null)));
        }
        for (CompletableFuture<Boolean> f : met) {
            assertThat(f.get(40, TimeUnit.SECONDS)).as("each listener saw every other agent's event arrive").isTrue();
        }
    }
}
