// tag::file[]
package com.acme.phone;

import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;

public final class AcmeServer {
    public static void main(String[] args) throws InterruptedException {
        CallbridgeLauncher.Running app = CallbridgeLauncher.start(new AcmeModule(), new CoreModule(),
                new HubSpotAdapterModule(), new SalesforceAdapterModule(), new WebSocketTransportModule());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        Thread.currentThread().join();
    }
}
// end::file[]
