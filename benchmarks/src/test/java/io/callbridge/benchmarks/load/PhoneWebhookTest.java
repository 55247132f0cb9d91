package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PhoneWebhookTest {
    private static final CallId CALL = CallId.of("hubspot:bench:agent-00001:17");

    @Test
    void everyReportTheLoadPhoneSystemSendsSurvivesTheLine() {
        List<ProviderEvent> events = List.of(
                new ProviderEvent.Dialing(CALL, new PhoneNumber("+16175550100", null, "+16175550100")),
                new ProviderEvent.Dialing(CALL, null),
                new ProviderEvent.Ringing(CALL),
                new ProviderEvent.Answered(CALL),
                new ProviderEvent.Held(CALL),
                new ProviderEvent.Resumed(CALL),
                new ProviderEvent.MuteChanged(CALL, true),
                new ProviderEvent.Ended(CALL, EndStatus.COMPLETED),
                new ProviderEvent.Ended(CALL, EndStatus.TRANSFERRED));
        for (ProviderEvent e : events) {
            assertThat(PhoneWebhook.decode(PhoneWebhook.encode(e))).as("%s", e).isEqualTo(e);
        }
        assertThat(PhoneWebhook.encode(new ProviderEvent.Ended(CALL, EndStatus.BUSY)))
                .isEqualTo("E hubspot:bench:agent-00001:17 BUSY");
    }

    @Test
    void aLineThatIsNoReportIsRefusedWithTheLine() {
        assertThatThrownBy(() -> PhoneWebhook.decode("X call-1")).hasMessageContaining("'X call-1'");
        assertThatThrownBy(() -> PhoneWebhook.decode("E call-1")).hasMessageContaining("needs 3 parts");
        assertThatThrownBy(() -> PhoneWebhook.decode("")).hasMessageContaining("not a phone report line");
        assertThatThrownBy(() -> PhoneWebhook.decode("E call-1 SOMETIMES")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsCrossARealLoopbackConnectionInOrder() throws Exception {
        List<ProviderEvent> got = new CopyOnWriteArrayList<>();
        try (PhoneWebhook.Receiver receiver = PhoneWebhook.Receiver.listen(e -> {
            got.add(e);
            return new CommandResult.Accepted(List.of());
        }); PhoneWebhook.Sender sender = PhoneWebhook.Sender.connect(receiver.port())) {
            for (int i = 0; i < 200; i++) {
                sender.accept(new ProviderEvent.Answered(CallId.of("call-" + i)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (got.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(got).hasSize(200);
            for (int i = 0; i < 200; i++) {
                assertThat(got.get(i).callId().value()).isEqualTo("call-" + i);
            }
            assertThat(receiver.received()).isEqualTo(200);
            assertThat(receiver.rejected()).isZero();
        }
    }
}
