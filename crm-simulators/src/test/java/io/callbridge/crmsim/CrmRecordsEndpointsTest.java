package io.callbridge.crmsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.crmsim.rest.RestSimulatorRecords;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host pages' CRM records over real HTTP, backed by a real HubSpot REST simulator mounted beside the pages: the
 * engagement the page creates is the portal's call object, which the REST API (under its prefix) serves and updates,
 * and the records list says who logged it.
 */
class CrmRecordsEndpointsTest {
    private static final long PORTAL = 990001;
    private static final String TOKEN = "test-private-app-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final HubSpotPortalTokens tokens = new HubSpotPortalTokens(Clock.systemUTC());
    private final HubSpotRestSimulator hubspot = new HubSpotRestSimulator(tokens, Clock.systemUTC()).portal(PORTAL);
    private HostSimulatorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private String start(boolean withRecords) {
        tokens.acceptForever(TOKEN, PORTAL);
        HostSimulatorServer.Builder builder = HostSimulatorServer.builder().softphoneOrigin("https://phone.example")
                .mount("/hubspot-api", hubspot);
        if (withRecords) {
            builder.records(new RestSimulatorRecords(hubspot, PORTAL, null));
        }
        server = builder.build();
        server.start();
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CrmRecordsEndpointsTest.class.getResourceAsStream("/golden/host/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_pages_engagement_is_the_portals_call_which_the_rest_api_under_its_prefix_updates() throws Exception {
        String base = start(true);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/sim/config.js"))).body())
                .contains("records: true");

        HttpResponse<String> created = send(post(base + "/sim/hubspot/engagements", golden("engagement-create.json")));
        assertThat(created.statusCode()).isEqualTo(200);
        long id = JSON.readTree(created.body()).path("engagementId").asLong();
        assertThat(hubspot.call(id)).hasValueSatisfying(c -> assertThat(c.properties())
                .containsEntry("hs_call_status", "CONNECTING").containsEntry("hs_call_direction", "OUTBOUND"));

        // The REST fallback's PATCH by engagement id, through the mount: it finds the page's engagement.
        HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(base
                        + "/hubspot-api/crm/objects/2026-03/calls/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"properties\":{\"hs_call_status\":\"COMPLETED\",\"hs_call_duration\":\"61000\"}}")));
        assertThat(patched.statusCode()).isEqualTo(200);

        JsonNode records = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/sim/records?crm=hubspot")))
                .body());
        assertThat(records.path("crm").asString()).isEqualTo("hubspot");
        assertThat(records.path("records")).hasSize(1);
        JsonNode row = records.path("records").get(0);
        assertThat(row.path("id").asString()).isEqualTo(Long.toString(id));
        assertThat(row.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(row.path("via").asString()).isEqualTo("api");
    }

    @Test
    void the_pages_update_completes_its_engagement_as_logged_by_the_frame() throws Exception {
        String base = start(true);
        long id = JSON.readTree(send(post(base + "/sim/hubspot/engagements", golden("engagement-create.json"))).body())
                .path("engagementId").asLong();
        String update = golden("engagement-update.json").replace("48000000001", Long.toString(id));

        assertThat(send(post(base + "/sim/hubspot/engagements/update", update)).statusCode()).isEqualTo(200);

        assertThat(hubspot.call(id).orElseThrow().properties()).containsEntry("hs_call_status", "COMPLETED")
                .containsEntry("hs_call_duration", "61000").doesNotContainKey("hs_call_body");
        JsonNode row = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/sim/records?crm=hubspot")))
                .body()).path("records").get(0);
        assertThat(row.path("via").asString()).isEqualTo("frame");
        assertThat(row.path("disposition").asString()).isEqualTo("sim-outcome-connected");
        assertThat(send(post(base + "/sim/hubspot/engagements/update", update.replace(Long.toString(id), "1")))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void bodies_are_checked_naming_the_field_and_without_records_the_endpoints_do_not_exist() throws Exception {
        assertThat(EngagementRequest.parse(golden("engagement-update.json"), true)).isEqualTo(
                new EngagementRequest(PORTAL, 48000000001L, Map.of("hs_call_status", "COMPLETED",
                        "hs_call_duration", "61000", "hs_call_disposition", "sim-outcome-connected")));
        assertThatThrownBy(() -> EngagementRequest.parse("{\"properties\":{}}", false))
                .hasMessageContaining("portalId");
        assertThatThrownBy(() -> EngagementRequest.parse("{\"portalId\":1,\"properties\":{}}", true))
                .hasMessageContaining("engagementId");
        assertThatThrownBy(() -> EngagementRequest.parse("{\"portalId\":1,\"properties\":{\"a\":{}}}", false))
                .hasMessageContaining("properties.a");
        assertThatThrownBy(() -> EngagementRequest.parse("{\"portalId\":1}", false))
                .hasMessageContaining("properties");

        String base = start(false);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/sim/config.js"))).body())
                .contains("records: false");
        assertThat(send(post(base + "/sim/hubspot/engagements", golden("engagement-create.json"))).statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/sim/records?crm=hubspot"))).statusCode())
                .isEqualTo(404);
    }
}
