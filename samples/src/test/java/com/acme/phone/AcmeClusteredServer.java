// tag::file[]
package com.acme.phone;

import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.time.Duration;

public final class AcmeClusteredServer {
    public static void main(String[] args) throws InterruptedException {
        RedisSettings redis = RedisSettings.of("redis://:" + Secrets.get("ACME_REDIS_PASSWORD")
                        + "@redis.internal:6379/0")
                .withKeyPrefix("acme-prod")                    // several deployments may share one Redis
                .withCommandTimeout(Duration.ofSeconds(2));    // also the connect timeout at start
        // The Redis module first: its connection is made before anything else starts and closed last.
        CallbridgeLauncher.Running app = CallbridgeLauncher.start(new RedisClusterModule(redis), new AcmeModule(),
                new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(),
                new WebSocketTransportModule());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        Thread.currentThread().join();
    }
}
// end::file[]
