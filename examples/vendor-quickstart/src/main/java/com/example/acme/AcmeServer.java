package com.example.acme;

import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Acme's callbridge server: core, both CRM adapters and the WebSocket transport, around Acme's phone system. */
public final class AcmeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeServer.class);
    /** Acme's one tenant. */
    public static final String TENANT = "acme";

    private final CallbridgeLauncher.Running running;

    private AcmeServer(CallbridgeLauncher.Running running) {
        this.running = running;
    }

    public static AcmeServer start(AcmeConfig config) {
        // The transport last: on shutdown it closes its sessions before the adapters and the PBX stop.
        return new AcmeServer(CallbridgeLauncher.start(new AcmeModule(config), new CoreModule(),
                new HubSpotAdapterModule(), new SalesforceAdapterModule(), new WebSocketTransportModule()));
    }

    /** The bound port. */
    public int port() {
        return running.port();
    }

    /**
     * An agent token for {@code user} in {@code crm} ({@code hubspot} or {@code salesforce}), as the CRM simulators'
     * token source in {@code CrmContractIT} uses it. In production the softphone pages get theirs from Acme's sign-in
     * ({@link AcmeSignIn}: the pop-up's hand-back, then the session cookie at its token endpoint).
     */
    public String issueToken(String user, String crm) {
        return running.instance(AgentTokens.class).issue(AgentId.of(TENANT, user), crm, Duration.ofMinutes(10));
    }

    @Override
    public void close() {
        running.close();
    }

    public static void main(String[] args) throws InterruptedException {
        AcmeConfig config = AcmeConfig.fromEnvironment();
        AcmeServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "acme-shutdown"));
        LOG.info("Acme softphone server on port {} for {}", server.port(), config.publicOrigin());
        stopped.await();
    }
}
