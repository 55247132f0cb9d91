package io.callbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.internal.InMemoryAgentEventRouter;
import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store written before the SPI knew open values keeps working: the flag is ignored and every value counts as open,
 * which is more than core asks for but never less.
 */
class VersionedStoreDefaultsTest {
    private static final AgentId ALICE = AgentId.of("acme", "alice");
    private static final AgentId BOB = AgentId.of("acme", "bob");

    /** Implements only what the SPI required before open values; single-threaded, for this test. */
    private static final class OlderStore implements VersionedStore<String, String> {
        private record Entry(Versioned<String> versioned, AgentId owner) { }

        private final Map<String, Entry> entries = new HashMap<>();

        @Override
        public Optional<Versioned<String>> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::versioned);
        }

        @Override
        public Optional<Long> compareAndSet(String key, long expectedVersion, AgentId owner, String value) {
            Entry current = entries.get(key);
            long version = current == null ? 0 : current.versioned().version();
            if (version != expectedVersion) {
                return Optional.empty();
            }
            entries.put(key, new Entry(new Versioned<>(value, version + 1), owner));
            return Optional.of(version + 1);
        }

        @Override
        public boolean remove(String key, long expectedVersion) {
            Entry current = entries.get(key);
            if (current == null || current.versioned().version() != expectedVersion) {
                return false;
            }
            entries.remove(key);
            return true;
        }

        @Override
        public List<Versioned<String>> findByOwner(AgentId owner) {
            List<Versioned<String>> found = new ArrayList<>();
            entries.values().stream().filter(e -> e.owner().equals(owner)).forEach(e -> found.add(e.versioned()));
            return found;
        }

        @Override
        public Collection<Versioned<String>> all() {
            return entries.values().stream().map(Entry::versioned).toList();
        }
    }

    @Test
    void theFlaggedWriteIsAnOrdinaryCompareAndSet() {
        OlderStore store = new OlderStore();

        assertThat(store.compareAndSet("a", 0, ALICE, "first", false)).contains(1L);
        assertThat(store.compareAndSet("a", 0, ALICE, "lost", true)).isEmpty();
        assertThat(store.compareAndSet("a", 1, ALICE, "second", true)).contains(2L);

        assertThat(store.get("a")).contains(new Versioned<>("second", 2));
    }

    @Test
    void everyValueOfTheOwnerCountsAsOpen() {
        OlderStore store = new OlderStore();
        store.compareAndSet("open", 0, ALICE, "open", true);
        store.compareAndSet("closed", 0, ALICE, "closed", false);
        store.compareAndSet("bob's", 0, BOB, "bob's", true);

        assertThat(store.findOpenByOwner(ALICE)).containsExactlyInAnyOrder(new Versioned<>("open", 1),
                new Versioned<>("closed", 1));
        assertThat(store.findOpenByOwner(BOB)).containsExactly(new Versioned<>("bob's", 1));
    }

    @Test
    void theWriteWithEventsIsTheCompareAndSetThenThePublish() {
        OlderStore store = new OlderStore();
        AgentEventRouter router = new InMemoryAgentEventRouter(CoreSettings.DEFAULTS);
        Instant at = Instant.parse("2026-12-02T03:00:00Z");
        List<CoreEvent> events = List.of(new CoreEvent.AgentNotice("INFO", "written", null));

        Optional<List<SequencedEvent>> published = store.compareAndSetAndPublish("a", 0, ALICE, "first", true, router,
                at, events);

        assertThat(published).hasValueSatisfying(list -> assertThat(list).singleElement()
                .satisfies(e -> assertThat(e.sequence()).isEqualTo(1)));
        assertThat(store.get("a")).contains(new Versioned<>("first", 1));
        assertThat(router.lastSequence(ALICE)).isEqualTo(1);
        // A lost compare-and-set publishes nothing.
        assertThat(store.compareAndSetAndPublish("a", 0, ALICE, "lost", true, router, at, events)).isEmpty();
        assertThat(router.lastSequence(ALICE)).isEqualTo(1);
        assertThat(store.get("a")).contains(new Versioned<>("first", 1));
    }
}
