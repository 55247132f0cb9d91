package com.example.acme;

// tag::kit[]
import io.callbridge.crmsim.junit.CrmSimulators;
import io.callbridge.crmsim.junit.HubSpotCall;
import io.callbridge.crmsim.junit.SalesforceCall;
import io.callbridge.crmsim.junit.TestKeystore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
// end::kit[]

/**
 * Acme's server as it runs in production (its own phone system, real agent tokens, an Origin allowlist, https/wss),
 * in front of both simulated CRMs: what HubSpot and Salesforce receive for one call each. No CRM account needed; runs
 * in {@code mvn verify}.
 */
class CrmContractIT {
    private static AcmeServer server;
    private static String origin;

    // tag::kit[]
    @RegisterExtension
    static final CrmSimulators crm = CrmSimulators.around(hosts -> hosts
            .softphoneOrigin(origin)
            .tokens(server::issueToken));
    // end::kit[]

    @BeforeAll
    static void startServer() throws IOException {
        Path tls = Files.createTempDirectory("acme-tls");
        TestKeystore keystore = TestKeystore.create(tls);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        int port = freePort();
        origin = "https://127.0.0.1:" + port;
        server = AcmeServer.start(new AcmeConfig("127.0.0.1", port, origin, keystore.path(), keystore.password(),
                secret, "+1 415 555 0000", "not-a-real-password"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // tag::kit[]
    @Test
    void hubspot_dials_a_contact_and_the_call_completes_the_engagement() {
        HubSpotCall call = crm.hubspot("ann").dialContact(101).awaitAnswered();

        call.hangUp()
                .wrapUp("connected", "Talked about the Q3 renewal")
                .expectEngagementUpdate()
                .hasStatus("COMPLETED")
                .hasDirection("OUTBOUND")
                .hasDisposition("acme-outcome-connected")
                .hasNotesContaining("Q3 renewal");
    }

    @Test
    void salesforce_click_to_dial_logs_a_task_with_the_call_object() {
        SalesforceCall call = crm.salesforce("ben").clickToDial("(415) 555-0101").awaitConnected();

        call.hangUp()
                .wrapUp("connected", "Sent the pricing sheet")
                .expectTask()
                .hasCallObject(call.callId())
                .hasCallType("Outbound")
                .hasWhoId(call.recordId())
                .hasDisposition("Meaningful Connect")
                .hasDescriptionContaining("pricing sheet");
    }
    // end::kit[]

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
