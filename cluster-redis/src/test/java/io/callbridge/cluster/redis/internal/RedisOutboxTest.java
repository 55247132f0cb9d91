package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the contracts cannot see of the Redis outbox and CRM state: the keys themselves, the per-CRM set kept with the
 * entries (and cleaned of what a lost write or an older version left), and Redis's own expiry of CRM state.
 */
class RedisOutboxTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");

    private Backends backends;
    private String deployment;
    private DeliveryStore store;

    @BeforeEach
    void setUp() {
        backends = new Backends(redis.server());
        deployment = Backends.newPrefix();
        store = backends.node(deployment, 16).deliveries();
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    private String key(String rest) {
        return "{" + deployment + "}:" + rest;
    }

    private boolean inCrmSet(String crm, String member) {
        return (Long) redis.server().command("SISMEMBER", key("owed:crm:" + crm), member) == 1;
    }

    @Test
    void parkClaimAndFinishKeepTheCrmsSet() {
        assertThat(store.park(OwedDelivery.of("hubspot:call-1:CALL_COMPLETED", ANN, "hubspot", "m", "{}"))).isTrue();
        assertThat(inCrmSet("hubspot", "hubspot:call-1:CALL_COMPLETED")).isTrue();
        assertThat(redis.server().command("HGET", key("owed:v:hubspot:call-1:CALL_COMPLETED"), "fence"))
                .isEqualTo("0");

        OwedDelivery claimed = store.claim(OwedDelivery.of("hubspot:call-1:CALL_COMPLETED", ANN, "hubspot", "m", "{}"),
                "a", NOW, NOW.plusSeconds(5)).orElseThrow();
        assertThat(inCrmSet("hubspot", "hubspot:call-1:CALL_COMPLETED")).isTrue();
        store.finish(claimed.key(), claimed.fence());
        assertThat(inCrmSet("hubspot", "hubspot:call-1:CALL_COMPLETED")).isFalse();
        assertThat((Long) redis.server().command("EXISTS", key("owed:crm:hubspot"))).isZero();
    }

    @Test
    void aMemberWhoseEntryIsGoneIsSkippedAndRemoved() {
        store.park(OwedDelivery.of("gone", ANN, "hubspot", "m", "{}"));
        store.park(OwedDelivery.of("kept", ANN, "hubspot", "m", "{}"));
        redis.server().command("DEL", key("owed:v:gone"));

        assertThat(store.owedBy("hubspot", 10)).extracting(OwedDelivery::key).containsExactly("kept");
        assertThat(inCrmSet("hubspot", "gone")).isFalse();
        assertThat(inCrmSet("hubspot", "kept")).isTrue();
    }

    @Test
    void anEntryMadeBeforeTheCrmsSetsExistedIsIndexedByItsNextClaim() {
        OwedDelivery old = store.claim(OwedDelivery.of("old", ANN, "salesforce", "saveLog", "{}"), "a", NOW,
                NOW.plusSeconds(5)).orElseThrow();
        redis.server().command("SREM", key("owed:crm:salesforce"), "old"); // as an older version wrote it
        store.release("old", old.fence());
        assertThat(store.owedBy("salesforce", 10)).isEmpty();

        store.claim(OwedDelivery.of("old", ANN, "salesforce", "saveLog", "{}"), "b", NOW, NOW.plusSeconds(5));
        assertThat(store.owedBy("salesforce", 10)).extracting(OwedDelivery::key).containsExactly("old");
    }

    @Test
    void crmStateIsAHashUnderTheDeploymentsPrefixWithRedisOwnExpiry() {
        CrmStateStore states = backends.node(deployment, 16).crmStates();
        states.compareAndSet("hubspot.tokens", "portal:42", 0, "{\"access\":\"x\"}", Duration.ofMinutes(30));

        String hash = key("crmstate:v:14:hubspot.tokens:portal:42");
        assertThat(redis.server().command("HGET", hash, "ver")).isEqualTo("1");
        assertThat(redis.server().command("HGET", hash, "value")).isEqualTo("{\"access\":\"x\"}");
        long ttl = (Long) redis.server().command("PTTL", hash);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }
}
