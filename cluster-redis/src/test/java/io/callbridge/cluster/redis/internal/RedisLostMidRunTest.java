package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.internal.DefaultCallEngine;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.SequentialIds;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stopped and started again under running nodes (a real redis-server with {@code appendfsync always}, so its data
 * outlives the restart and only the outage is tested): inputs are refused with a typed error at once, nothing they
 * carried runs later, and a change written just before Redis went away reaches every follower once it is back.
 */
@Timeout(60)
class RedisLostMidRunTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.withAppendOnly(RedisServer.Fsync.ALWAYS);

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final PhoneNumber NUMBER = new PhoneNumber("+14155550100", null, "+1 415 555 0100");
    private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    private Backends backends;
    private RedisBackend nodeA;
    private RedisBackend nodeB;
    private VersionedStore<CallId, Call> callsOnA;
    private DefaultCallEngine engineA;
    private FakePhoneSystem phone;

    @BeforeEach
    void twoNodes() {
        backends = new Backends(redis.server());
        String deployment = Backends.newPrefix();
        nodeA = backends.node(deployment, 64);
        nodeB = backends.node(deployment, 64);
        callsOnA = spy(nodeA.calls());
        AtomicReference<DefaultCallEngine> engine = new AtomicReference<>();
        phone = new FakePhoneSystem(engine::get);
        engineA = new DefaultCallEngine(callsOnA, nodeA.agents(), nodeA.workItems(), nodeA.events(), phone,
                new SequentialIds(), Clock.systemUTC(), CoreSettings.DEFAULTS);
        engine.set(engineA);
    }

    @AfterEach
    void disconnect() {
        backends.close();
    }

    @Test
    void aChangeWrittenJustBeforeRedisWentAwayReachesEveryFollowerOnceRedisIsBack() {
        Followed onB = new Followed();
        nodeB.events().subscribe(ANN, 0, onB);
        engineA.execute(new AgentCommand.LogIn(ANN));
        CallId call = engineA.execute(Dial.to(ANN, NUMBER)).createdCall().orElseThrow().id();
        long before = nodeA.events().lastSequence(ANN);
        eventually(BACK_WITHIN, () -> assertThat(onB.last()).isEqualTo(before));

        // The answer is written; Redis goes away before its event is published. On one backend the write and its
        // events are one script (store-cas-publish), so this can only happen where they are two steps: the SPI's
        // default (a router of another backend), played here as the compare-and-set, Redis gone, then the publish.
        AtomicBoolean armed = new AtomicBoolean(true);
        doAnswer(invocation -> {
            if (!armed.getAndSet(false)) {
                return invocation.callRealMethod();
            }
            Optional<Long> written = callsOnA.compareAndSet(invocation.getArgument(0), invocation.getArgument(1),
                    invocation.getArgument(2), invocation.getArgument(3), invocation.<Boolean>getArgument(4));
            assertThat(written).isPresent();
            redis.server().stop();
            AgentEventRouter router = invocation.getArgument(5);
            return Optional.of(router.publish(invocation.getArgument(2), invocation.getArgument(6),
                    invocation.getArgument(7)));
        }).when(callsOnA).compareAndSetAndPublish(eq(call), anyLong(), any(), any(), anyBoolean(), any(), any(),
                any());
        assertStoreUnavailable(phone.answer(call, true));
        assertStoreUnavailable(engineA.execute(new CallCommand.HangUp(ANN, call)));
        assertThatThrownBy(() -> nodeB.calls().get(call)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("is unavailable");

        redis.server().start();

        // No event says the call connected; the gap marker tells B's follower to re-read, and the state is there.
        eventually(BACK_WITHIN, () -> assertThat(onB.gaps).hasSize(1));
        assertThat(onB.gaps.get(0)).isEqualTo((before) + "->" + (before + 1));
        assertThat(nodeB.calls().get(call).orElseThrow().value().state()).isEqualTo(CallState.CONNECTED);
        // And the node carries on by itself: the next input goes through and is followed with no further gap.
        eventually(BACK_WITHIN, () -> assertThat(engineA.execute(new CallCommand.HangUp(ANN, call))
                .isRejected()).isFalse());
        eventually(BACK_WITHIN, () -> assertThat(onB.events).anySatisfy(e -> assertThat(e.event())
                .isInstanceOfSatisfying(CoreEvent.CallStateChanged.class,
                        c -> assertThat(c.call().state()).isEqualTo(CallState.ENDED))));
        assertThat(onB.gaps).hasSize(1);
        assertThat(onB.sequences()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void inputsWhileRedisIsDownAreRefusedAtOnceAndNoneOfThemRunsLater() {
        engineA.execute(new AgentCommand.LogIn(ANN));
        engineA.execute(new AgentCommand.SetPresence(ANN, Presence.AVAILABLE));
        long before = nodeA.events().lastSequence(ANN);
        redis.server().stop();

        for (int i = 0; i < 500; i++) {
            assertStoreUnavailable(engineA.execute(new AgentCommand.SetPresence(ANN,
                    i % 2 == 0 ? Presence.away("lunch") : Presence.AVAILABLE)));
            assertThatThrownBy(() -> nodeA.events().publish(ANN, Instant.now(),
                    List.of(new CoreEvent.AgentNotice("test", "while down", null))))
                    .isInstanceOf(StoreUnavailableException.class);
        }
        assertThatThrownBy(() -> nodeA.deliveries().claim(OwedDelivery.of("k", ANN, "test", "m", "{}"), "a",
                Instant.now(), Instant.now().plusSeconds(30))).isInstanceOf(StoreUnavailableException.class);
        redis.server().start();

        // However many inputs failed, the agent gets one gap marker, and nothing refused ran after all.
        eventually(BACK_WITHIN, () -> assertThat(nodeA.events().lastSequence(ANN)).isEqualTo(before + 1));
        assertThat(engineA.agent(ANN).presence()).isEqualTo(Presence.AVAILABLE);
        assertThat(nodeA.deliveries().get("k")).isEmpty();
        assertThat(engineA.execute(new AgentCommand.SetPresence(ANN, Presence.away("back"))).isRejected()).isFalse();
    }

    /** Retries {@code check} until it passes (an assertion or Redis still coming back fails it) or time is up. */
    private static void eventually(Duration within, Runnable check) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void assertStoreUnavailable(CommandResult result) {
        assertThat(result).isInstanceOfSatisfying(CommandResult.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    /** A follower that records events and gaps. */
    private static final class Followed implements AgentEventListener {
        final List<SequencedEvent> events = new CopyOnWriteArrayList<>();
        final List<String> gaps = new CopyOnWriteArrayList<>();
        volatile long last;

        @Override
        public void onEvent(SequencedEvent event) {
            events.add(event);
            last = event.sequence();
        }

        @Override
        public void onGap(long requestedAfter, long resumeAfter) {
            gaps.add(requestedAfter + "->" + resumeAfter);
            last = resumeAfter;
        }

        long last() {
            return last;
        }

        List<Long> sequences() {
            return events.stream().map(SequencedEvent::sequence).toList();
        }
    }
}
