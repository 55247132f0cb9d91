package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenKeys#fromStore}: keys every node reads from one shared store (here one in memory, shared by two
 * "nodes"), a rotation seen by signing within the refresh and by verifying at once, and a store outage that keeps the
 * keys read last.
 */
class StoredTokenKeysTest {
    private static final AgentId ALICE = AgentId.of("acme", "alice");

    /** A store two "nodes" share, as cluster-redis's is; it can be made unreachable. */
    static final class SharedStore implements SigningKeyStore {
        private int rotations = 1;
        private SigningKey current = key(1);
        private @Nullable SigningKey previous;
        final AtomicBoolean down = new AtomicBoolean();
        int reads;

        private static SigningKey key(int n) {
            return SigningKey.of("k" + n, String.valueOf((char) ('a' + n)).repeat(32)
                    .getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public synchronized SigningKeys keys() {
            if (down.get()) {
                throw new StoreUnavailableException("store down");
            }
            reads++;
            return new SigningKeys(current, previous);
        }

        @Override
        public synchronized SigningKeys rotate() {
            previous = current;
            current = key(++rotations);
            return keys();
        }

        @Override
        public synchronized SigningKeys dropPrevious() {
            previous = null;
            return keys();
        }
    }

    @Test
    void aTokenSignedOnOneNodeVerifiesOnAnotherAndARotationReachesBothWithoutLoggingAnyoneOut() throws Exception {
        SharedStore store = new SharedStore();
        AgentTokens nodeA = new AgentTokens(TokenKeys.fromStore(store, Duration.ofHours(1)), Clock.systemUTC(),
                Duration.ofMinutes(10));
        AgentTokens nodeB = new AgentTokens(TokenKeys.fromStore(store, Duration.ofMillis(50)), Clock.systemUTC(),
                Duration.ofMinutes(10));
        String beforeRotation = nodeA.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        assertThat(nodeB.verify(beforeRotation).agent()).isEqualTo(ALICE);

        store.rotate();
        // B refreshes within 50 ms and signs with k2; A (refresh in an hour) has not read the store since.
        String afterRotation = awaitSignedWith(nodeB, "k2");
        // A does not know k2 yet: the unknown id makes it read the store at once.
        assertThat(nodeA.verify(afterRotation).agent()).isEqualTo(ALICE);
        assertThat(nodeA.verify(beforeRotation).agent()).isEqualTo(ALICE);
        assertThat(nodeB.verify(beforeRotation).agent()).isEqualTo(ALICE);

        store.dropPrevious();
        // B reads again after its refresh: k1's tokens are refused as no longer valid (a new token would do).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        InvalidAgentTokenException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                nodeB.verify(beforeRotation);
                Thread.sleep(10);
            } catch (InvalidAgentTokenException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(InvalidAgentTokenException.Reason.UNKNOWN_KEY);
        assertThat(nodeB.verify(afterRotation).agent()).isEqualTo(ALICE);
    }

    @Test
    void unknownKeyIdsReadTheStoreAtMostOnceASecond() {
        SharedStore store = new SharedStore();
        AgentTokens node = new AgentTokens(TokenKeys.fromStore(store, Duration.ofHours(1)), Clock.systemUTC(),
                Duration.ofMinutes(10));
        AgentTokens stranger = new AgentTokens(TokenKeys.of(TokenKey.of("zz", new byte[32]), null), Clock.systemUTC(),
                Duration.ofMinutes(10));
        String foreign = stranger.issue(ALICE, "hubspot", Duration.ofMinutes(5));
        int readsBefore = store.reads;
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> node.verify(foreign)).isInstanceOf(InvalidAgentTokenException.class);
        }
        assertThat(store.reads - readsBefore).isBetween(1, 2);
    }

    @Test
    void whileTheStoreIsDownTheKeysReadLastStayInUse() throws Exception {
        SharedStore store = new SharedStore();
        AgentTokens node = new AgentTokens(TokenKeys.fromStore(store, Duration.ofMillis(20)), Clock.systemUTC(),
                Duration.ofMinutes(10));
        String token = node.issue(ALICE, "salesforce", Duration.ofMinutes(5));
        store.down.set(true);
        Thread.sleep(40);
        assertThat(node.verify(token).agent()).isEqualTo(ALICE);
        assertThat(node.verify(node.issue(ALICE, "salesforce", Duration.ofMinutes(5))).agent()).isEqualTo(ALICE);
    }

    @Test
    void aStoreThatCannotBeReadAtStartFailsTheKeysAndTheirTextShowsIdsOnly() {
        SharedStore store = new SharedStore();
        store.down.set(true);
        assertThatThrownBy(() -> TokenKeys.fromStore(store, Duration.ofSeconds(5)))
                .isInstanceOf(StoreUnavailableException.class);
        store.down.set(false);
        TokenKeys keys = TokenKeys.fromStore(store, Duration.ofSeconds(5));
        assertThat(keys.toString()).contains("k1").doesNotContain("bbbb");
    }

    private static String awaitSignedWith(AgentTokens tokens, String keyId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String token = tokens.issue(ALICE, "hubspot", Duration.ofMinutes(5));
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            if (payload.split("\n")[1].equals(keyId)) {
                return token;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never signed with " + keyId);
    }
}
