package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.internal.DefaultCallEngine;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.MutableClock;
import io.callbridge.testkit.SequentialIds;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Housekeeping's frequent rounds on Redis read the set of open members that the compare-and-set scripts keep (both
 * store-cas and store-cas-publish, which core's inputs use), not every kept call: a spy on the real store counts what
 * a round reads.
 */
@Timeout(30)
class HousekeepOpenOnRedisTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final PhoneNumberParser PHONES = new PhoneNumberParser("US");

    private final Backends backends = new Backends(redis.server());
    private final RedisBackend node = backends.node(Backends.newPrefix(), 16);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private final CoreSettings settings = CoreSettings.DEFAULTS.withAutoWrapUp(Set.of())
            .withWrapUpTimeout(Duration.ofMinutes(2));
    private final VersionedStore<CallId, Call> calls = spy(node.calls());
    private final DefaultCallEngine engine = engine();

    @AfterEach
    void disconnect() {
        backends.close();
    }

    private DefaultCallEngine engine() {
        AtomicReference<DefaultCallEngine> ref = new AtomicReference<>();
        DefaultCallEngine e = new DefaultCallEngine(calls, node.agents(), node.workItems(), node.events(),
                new FakePhoneSystem(ref::get), new SequentialIds(), clock, settings);
        ref.set(e);
        return e;
    }

    private CallId endedCall(String number) {
        CallId id = engine.execute(Dial.to(ALICE, PHONES.parse(number))).createdCall().orElseThrow().id();
        engine.report(new ProviderEvent.Answered(id));
        engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        return id;
    }

    @Test
    void aRoundReadsOnlyTheOpenCallsAndTimesOutTheirWrapUp() {
        engine.execute(new AgentCommand.LogIn(ALICE));
        for (int i = 0; i < 20; i++) {
            CallId done = endedCall("+1415555" + String.format("%04d", i));
            engine.execute(new CallCommand.WrapUp(ALICE, done, CallOutcome.NONE));
        }
        CallId waiting = endedCall("+14155559999");
        assertThat(node.calls().allOpen()).extracting(v -> v.value().id()).as("written through store-cas-publish")
                .containsExactly(waiting);
        assertThat(node.calls().all()).hasSize(21);

        clock.advance(Duration.ofMinutes(2));
        clearInvocations(calls);
        engine.housekeepOpen();

        verify(calls, never()).all();
        verify(calls, atLeastOnce()).allOpen();
        Versioned<Call> now = node.calls().get(waiting).orElseThrow();
        assertThat(now.value().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(node.calls().allOpen()).as("closed by its wrap-up").isEmpty();
    }

    @Test
    void aRemovedValueLeavesTheSetOfOpenMembers() {
        engine.execute(new AgentCommand.LogIn(ALICE));
        CallId id = endedCall("+14155550100");
        Versioned<Call> v = node.calls().get(id).orElseThrow();
        assertThat(node.calls().remove(id, v.version())).isTrue();
        assertThat(node.calls().allOpen()).isEmpty();
    }
}
