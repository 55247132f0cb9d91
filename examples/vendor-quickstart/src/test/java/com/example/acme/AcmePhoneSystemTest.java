package com.example.acme;

// tag::builder[]
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import io.callbridge.core.CallEngine;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.testkit.inject.TestCallbridge;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
// end::builder[]

/** Acme's phone system under core, wired as in production by the testkit (a test clock and ids, no server). */
class AcmePhoneSystemTest {
    private final AgentId ann = AgentId.of(AcmeServer.TENANT, "ann");
    private final PhoneNumberParser numbers = new PhoneNumberParser("US");

    // tag::builder[]
    private TestCallbridge callbridge() {
        AcmeConfig config = new AcmeConfig("127.0.0.1", 0, "https://phone.acme.example", null, null, new byte[32],
                "+1 415 555 0000", "not-a-real-password");
        return TestCallbridge.builder()
                .provider(AcmePhoneSystem.class)
                .install(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(AcmeConfig.class).toInstance(config);
                    }
                })
                .start();
    }
    // end::builder[]

    @Test
    void an_outbound_call_is_answered_by_the_pbx_and_hung_up_as_completed() {
        CallEngine engine = callbridge().engine();
        engine.execute(new AgentCommand.LogIn(ann));

        CallId id = engine.execute(Dial.to(ann, numbers.parse("(415) 555-0100"))).createdCall().orElseThrow().id();
        await(() -> engine.call(id).orElseThrow().state() == CallState.CONNECTED);
        assertEquals("+14155550000", engine.call(id).orElseThrow().from().e164(), "Acme's main line as caller id");

        engine.execute(new CallCommand.HangUp(ann, id));
        await(() -> engine.call(id).orElseThrow().state() == CallState.ENDED);
        assertEquals(EndStatus.COMPLETED, engine.call(id).orElseThrow().endStatus());
    }

    // tag::builder[]
    @Test
    void a_premium_rate_number_is_refused_and_the_call_fails() {
        CallEngine engine = callbridge().engine();
        engine.execute(new AgentCommand.LogIn(ann));

        CallId id = engine.execute(Dial.to(ann, numbers.parse("+1 900 555 0100"))).createdCall().orElseThrow().id();

        assertEquals(EndStatus.FAILED, engine.call(id).orElseThrow().endStatus());
    }
    // end::builder[]

    /** The PBX reports from its own thread: poll, never sleep a fixed time. */
    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
