package io.callbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.Service;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.testkit.inject.TestCallbridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TestCallbridgeTest {
    private final AgentId ann = AgentId.of("acme", "ann");
    private final PhoneNumberParser numbers = new PhoneNumberParser("US");

    @Test
    void wiresCoreWithTheFakesAndRunsAWholeOutboundCall() {
        TestCallbridge cb = TestCallbridge.start();
        CallEngine engine = cb.engine();
        List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
        engine.subscribe(ann, 0, seen::add);

        engine.execute(new AgentCommand.LogIn(ann));
        CommandResult dialled = engine.execute(Dial.to(ann, numbers.parse("(415) 555-0100")));
        CallId id = dialled.createdCall().orElseThrow().id();
        assertThat(id).isEqualTo(CallId.of("call-1"));
        assertThat(engine.call(id).orElseThrow().state()).isEqualTo(CallState.RINGING);
        assertThat(engine.agent(ann).activity()).isEqualTo(Activity.ON_CALL);

        cb.phone().answer(id, true);
        engine.execute(new CallCommand.HangUp(ann, id));
        assertThat(engine.call(id).orElseThrow().endStatus()).isEqualTo(EndStatus.COMPLETED);
        assertThat(engine.agent(ann).activity()).isEqualTo(Activity.WRAP_UP);

        engine.execute(new CallCommand.WrapUp(ann, id, new CallOutcome("connected", "Talked pricing", null)));
        assertThat(engine.call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(engine.agent(ann).activity()).isEqualTo(Activity.IDLE);

        assertThat(cb.phone().requestKinds(id)).containsExactly("placeCall", "hangUp");
        assertThat(cb.phone().rejectedReports()).isEmpty();
        assertThat(seen).extracting(SequencedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        assertThat(seen).filteredOn(e -> e.event() instanceof CoreEvent.CallStateChanged)
                .extracting(e -> ((CoreEvent.CallStateChanged) e.event()).call().state())
                .containsExactly(CallState.DIALING, CallState.RINGING, CallState.CONNECTED, CallState.ENDED,
                        CallState.WRAPPED_UP);
    }

    @Test
    void aRefusedDialEndsTheCallAsFailedAndTellsTheAgent() {
        TestCallbridge cb = TestCallbridge.start();
        cb.phone().script("+14155550199", FakePhoneSystem.Script.REFUSE);
        cb.engine().execute(new AgentCommand.LogIn(ann));
        List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
        cb.engine().subscribe(ann, 0, seen::add);

        CallId id = cb.engine().execute(Dial.to(ann, numbers.parse("+1 415 555 0199"))).createdCall().orElseThrow()
                .id();

        assertThat(cb.engine().call(id).orElseThrow().endStatus()).isEqualTo(EndStatus.FAILED);
        assertThat(seen).anySatisfy(e -> assertThat(e.event()).isInstanceOfSatisfying(CoreEvent.AgentNotice.class,
                n -> assertThat(n.message()).contains("barred")));
    }

    @Test
    void theFakeListsTheCallsItCarriesAndCoreEndsTheOnesItLostWhenItsServicesStart() {
        TestCallbridge cb = TestCallbridge.start();
        CallEngine engine = cb.engine();
        FakePhoneSystem phone = cb.phone();
        phone.script("+14155550101", FakePhoneSystem.Script.BUSY);
        engine.execute(new AgentCommand.LogIn(ann));
        // The busy call first: core refuses a dial while the agent has a live call (AGENT_BUSY).
        CallId busy = engine.execute(Dial.to(ann, numbers.parse("(415) 555-0101"))).createdCall().orElseThrow().id();
        CallId talking = engine.execute(Dial.to(ann, numbers.parse("(415) 555-0100"))).createdCall().orElseThrow()
                .id();
        phone.answer(talking, true);
        PhoneNumber caller = numbers.parse("+1 212 555 0199");
        CallId inbound = phone.ring(ann, caller, numbers.parse("+1 415 555 0000"));
        assertThat(phone.activeCalls()).contains(Set.of(talking, inbound));
        assertThat(engine.call(busy).orElseThrow().state()).isEqualTo(CallState.ENDED);

        phone.lose(inbound);
        cb.clock().advance(Duration.ofMinutes(1));
        List<Service> services = new ArrayList<>(
                cb.injector().getInstance(Key.get(new TypeLiteral<Set<Service>>() { })));
        services.forEach(Service::start);
        try {
            assertThat(engine.call(inbound).orElseThrow().endStatus()).as("gone while nobody listened")
                    .isEqualTo(EndStatus.MISSED);
            assertThat(engine.call(talking).orElseThrow().state()).as("still carried").isEqualTo(CallState.CONNECTED);
            assertThat(phone.requestKinds(inbound)).as("nothing asked of a line that is gone").isEmpty();
        } finally {
            Collections.reverse(services);
            services.forEach(Service::stop);
        }

        assertThat(phone.cannotListCalls(true).activeCalls()).isEmpty();
    }
}
