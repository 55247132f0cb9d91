package io.callbridge.samples.demo;

import io.callbridge.crmsim.rest.RestSimulatorRecords;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulatorServer;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestServer;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * The REST side of the demo's simulated CRMs, each on a free loopback port over plain http (the REST clients speak to
 * it with the JDK's default trust, and the modules take an API root without a path): HubSpot's Calls API for the demo
 * portal, which accepts the demo's private-app token, and a Salesforce org whose External Client App trusts a key pair
 * made at start. The host pages see the same records through {@link #records()}.
 */
final class DemoCrms implements AutoCloseable {
    /** The portal the HubSpot host simulator announces in its handshake (web/hubspot/host.js). */
    static final long HUBSPOT_PORTAL_ID = 990001;
    /** The demo portal's private-app token: a made-up value the simulated portal accepts, nothing real. */
    static final String HUBSPOT_TOKEN = "demo-private-app-token";
    static final String SALESFORCE_CONSUMER_KEY = "callbridge-demo-consumer-key";
    static final String SALESFORCE_USERNAME = "integration@callbridge-demo.example";

    private final HubSpotRestSimulator hubspot;
    private final HubSpotRestSimulatorServer hubspotServer;
    private final SalesforceRestServer salesforceServer;
    private final String salesforcePrivateKeyPem;
    private final RestSimulatorRecords records;

    private DemoCrms(HubSpotRestSimulator hubspot, HubSpotRestSimulatorServer hubspotServer,
            SalesforceRestServer salesforceServer, String salesforcePrivateKeyPem) {
        this.hubspot = hubspot;
        this.hubspotServer = hubspotServer;
        this.salesforceServer = salesforceServer;
        this.salesforcePrivateKeyPem = salesforcePrivateKeyPem;
        this.records = new RestSimulatorRecords(hubspot, HUBSPOT_PORTAL_ID, salesforceServer.simulator());
    }

    static DemoCrms start() {
        HubSpotPortalTokens tokens = new HubSpotPortalTokens(Clock.systemUTC());
        tokens.acceptForever(HUBSPOT_TOKEN, HUBSPOT_PORTAL_ID);
        HubSpotRestSimulator hubspot = new HubSpotRestSimulator(tokens, Clock.systemUTC()).portal(HUBSPOT_PORTAL_ID);
        // The host simulator's contacts and company (web/hubspot/host.js), which calls are associated with.
        for (int id = 101; id <= 108; id++) {
            hubspot.record(HUBSPOT_PORTAL_ID, "contacts", Integer.toString(id));
        }
        hubspot.record(HUBSPOT_PORTAL_ID, "companies", "201");
        HubSpotRestSimulatorServer hubspotServer = HubSpotRestSimulatorServer.start(hubspot, 0);
        try {
            KeyPair keys = rsaKeyPair();
            SalesforceRestServer salesforce = SalesforceRestServer.start(SALESFORCE_CONSUMER_KEY, keys.getPublic(),
                    Set.of(SALESFORCE_USERNAME));
            return new DemoCrms(hubspot, hubspotServer, salesforce, pem(keys));
        } catch (Exception e) {
            hubspotServer.close();
            throw new IllegalStateException("cannot start the simulated Salesforce REST API", e);
        }
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The private key as unencrypted PKCS#8 PEM, the form the Salesforce module reads. */
    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    HubSpotRestSimulator hubspot() {
        return hubspot;
    }

    URI hubspotBaseUri() {
        return hubspotServer.baseUri();
    }

    SalesforceRestSimulator salesforce() {
        return salesforceServer.simulator();
    }

    URI salesforceLoginUrl() {
        return salesforceServer.url();
    }

    String salesforcePrivateKeyPem() {
        return salesforcePrivateKeyPem;
    }

    RestSimulatorRecords records() {
        return records;
    }

    @Override
    public void close() {
        try {
            salesforceServer.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the simulated Salesforce REST API", e);
        } finally {
            hubspotServer.close();
        }
    }
}
