package io.callbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.CallEngine;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.IdGenerator;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.testkit.inject.TestCallbridge;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** TestCallbridge with a vendor's own phone system and overrides, as a vendor's unit tests wire it. */
class TestCallbridgeBuilderTest {
    private final AgentId ann = AgentId.of("acme", "ann");
    private final PhoneNumberParser numbers = new PhoneNumberParser("US");

    /** A vendor's provider: records what core asks. */
    static class RecordingProvider implements TelephonyProvider {
        final List<String> requests = new CopyOnWriteArrayList<>();

        @Override
        public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
            requests.add("placeCall " + callId.value() + " " + to.e164());
        }

        @Override
        public void answer(CallId callId) {
            requests.add("answer " + callId.value());
        }

        @Override
        public void reject(CallId callId) {
            requests.add("reject " + callId.value());
        }

        @Override
        public void hangUp(CallId callId) {
            requests.add("hangUp " + callId.value());
        }

        @Override
        public void hold(CallId callId) {
        }

        @Override
        public void resume(CallId callId) {
        }

        @Override
        public void transfer(CallId callId, String target) {
        }

        @Override
        public void setMuted(CallId callId, boolean muted) {
        }
    }

    /** A vendor's provider made by Guice, reporting back through core's TelephonyEvents. */
    static final class ReportingProvider extends RecordingProvider {
        private final Provider<TelephonyEvents> events;

        @Inject
        ReportingProvider(Provider<TelephonyEvents> events) {
            this.events = events;
        }

        @Override
        public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
            super.placeCall(callId, agent, from, to);
            events.get().report(new ProviderEvent.Dialing(callId, from));
            events.get().report(new ProviderEvent.Answered(callId));
        }
    }

    @Test
    void binding_ones_own_provider_alongside_the_fake_is_what_fails_without_the_builder() {
        AbstractModule own = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .toInstance(new RecordingProvider());
            }
        };
        assertThatThrownBy(() -> TestCallbridge.start(own)).isInstanceOf(CreationException.class)
                .hasMessageContaining("bound multiple times");
    }

    @Test
    void the_vendors_provider_replaces_the_fake_and_gets_cores_requests() {
        RecordingProvider phone = new RecordingProvider();
        TestCallbridge cb = TestCallbridge.builder().provider(phone).start();
        CallEngine engine = cb.engine();

        engine.execute(new AgentCommand.LogIn(ann));
        CallId id = engine.execute(Dial.to(ann, numbers.parse("(415) 555-0100"))).createdCall().orElseThrow().id();

        assertThat(phone.requests).containsExactly("placeCall " + id.value() + " +14155550100");
        assertThat(cb.provider()).isSameAs(phone);
        assertThatThrownBy(cb::phone).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RecordingProvider.class.getName());
    }

    @Test
    void a_provider_class_is_made_by_guice_and_its_reports_move_the_call() {
        TestCallbridge cb = TestCallbridge.builder().provider(ReportingProvider.class).start();
        cb.engine().execute(new AgentCommand.LogIn(ann));

        CallId id = cb.engine().execute(Dial.to(ann, numbers.parse("(415) 555-0100"))).createdCall().orElseThrow()
                .id();

        assertThat(cb.engine().call(id).orElseThrow().state()).isEqualTo(CallState.CONNECTED);
        assertThat(((ReportingProvider) cb.provider()).requests).hasSize(1);
    }

    @Test
    void an_override_replaces_a_binding_of_core_or_the_fakes() {
        AtomicInteger made = new AtomicInteger();
        AbstractModule ids = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), IdGenerator.class).setBinding()
                        .toInstance(() -> CallId.of("acme-" + made.incrementAndGet()));
            }
        };
        TestCallbridge cb = TestCallbridge.builder().override(ids).start();
        cb.engine().execute(new AgentCommand.LogIn(ann));

        CallId id = cb.engine().execute(Dial.to(ann, numbers.parse("(415) 555-0100"))).createdCall().orElseThrow()
                .id();

        assertThat(id).isEqualTo(CallId.of("acme-1"));
        assertThat(cb.phone().requestKinds(id)).containsExactly("placeCall");
    }
}
