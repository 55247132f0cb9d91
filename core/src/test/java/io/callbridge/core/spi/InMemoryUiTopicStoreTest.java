package io.callbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryUiTopicStoreTest {
    private static final AgentId ANN = AgentId.of("acme", "ann");

    @Test
    void topicsPerAgentAndCrmWithListenersAndTheyGoWithTheLastListener() {
        UiTopicStore store = UiTopicStore.inMemory();
        AtomicInteger told = new AtomicInteger();
        AtomicInteger toldOther = new AtomicInteger();
        Subscription first = store.listen(ANN, "hubspot", told::incrementAndGet);
        Subscription second = store.listen(ANN, "hubspot", told::incrementAndGet);
        store.listen(ANN, "salesforce", toldOther::incrementAndGet);

        store.put(ANN, "hubspot", "hubspot.visibility", "{\"isHidden\":true}");
        assertThat(told.get()).isEqualTo(2);
        assertThat(toldOther.get()).isZero();
        assertThat(store.topics(ANN, "hubspot")).isEqualTo(Map.of("hubspot.visibility", "{\"isHidden\":true}"));
        assertThat(store.topics(ANN, "salesforce")).isEmpty();

        store.put(ANN, "hubspot", "hubspot.visibility", null);
        assertThat(store.topics(ANN, "hubspot")).isEmpty();
        assertThat(told.get()).isEqualTo(4);

        store.put(ANN, "hubspot", "hubspot.callerIdMatches", "[]");
        assertThat(told.get()).isEqualTo(6);
        first.close();
        assertThat(store.topics(ANN, "hubspot")).hasSize(1);
        second.close();
        // As when topics lived in the transport's stream: gone with the last one.
        assertThat(store.topics(ANN, "hubspot")).isEmpty();
        // Nobody listens any more: nobody is told.
        store.put(ANN, "hubspot", "hubspot.callerIdMatches", "[]");
        assertThat(told.get()).isEqualTo(6);
    }
}
