package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator.Association;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated API is as strict as HubSpot's, and the client reads its errors into {@link HubSpotApiError}. */
class SimulatedHubSpotApiTest {
    private static final String CALLS = "/crm/objects/2026-03/calls";
    private final Rig rig = new Rig();
    private final HubSpotClient client = rig.client();

    @AfterEach
    void stop() {
        rig.close();
    }

    private HubSpotApiError refused(HubSpotClient.Result result) {
        assertThat(result).isInstanceOf(HubSpotClient.Result.Refused.class);
        return ((HubSpotClient.Result.Refused) result).error();
    }

    @Test
    void aCreateWithoutHsTimestampIsAValidationErrorNamingIt() throws Exception {
        HubSpotApiError error = refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_call_title\":\"x\"}}"));
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.correlationId()).isNotBlank();
        assertThat(error.propertyNames()).containsExactly("hs_timestamp");
        assertThat(error.summary()).contains("hs_timestamp").contains("VALIDATION_ERROR");
    }

    @Test
    void anUnknownPropertyDoesNotExist() throws Exception {
        HubSpotApiError error = refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_timestamp\":\"1\",\"hs_call_mood\":\"happy\"}}"));
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.errors()).extracting(HubSpotApiError.Detail::code).containsExactly("PROPERTY_DOESNT_EXIST");
        assertThat(error.propertyNames()).containsExactly("hs_call_mood");
    }

    @Test
    void wrongTypesAreRefused() throws Exception {
        assertThat(refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_timestamp\":\"1\",\"hs_call_duration\":\"long\"}}")).propertyNames())
                .containsExactly("hs_call_duration");
        assertThat(refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_timestamp\":\"yesterday\"}}")).propertyNames())
                .containsExactly("hs_timestamp");
        assertThat(refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_timestamp\":\"1\",\"hs_call_direction\":\"SIDEWAYS\"}}")).propertyNames())
                .containsExactly("hs_call_direction");
        assertThat(refused(client.send(Rig.PORTAL, "POST", CALLS,
                "{\"properties\":{\"hs_timestamp\":\"1\",\"hs_call_recording_url\":\"http://x/r.mp3\"}}"))
                .propertyNames()).containsExactly("hs_call_recording_url");
    }

    @Test
    void unknownAndExpiredTokensAre401WithHubSpotsCategories() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(rig.server.baseUri() + CALLS))
                .header("Authorization", "Bearer nobody").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Wire.error(401, unknown.body()).category()).isEqualTo("INVALID_AUTHENTICATION");

        rig.accepted.accept("old", Rig.PORTAL, rig.clock.instant().minusSeconds(1));
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(rig.server.baseUri() + CALLS))
                .header("Authorization", "Bearer old").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Wire.error(401, expired.body()).category()).isEqualTo("EXPIRED_AUTHENTICATION");
    }

    @Test
    void anUnknownPathIsHubSpotsNotFound() throws Exception {
        HubSpotApiError error = refused(client.send(Rig.PORTAL, "GET", "/crm/v3/objects/calls", null));
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.category()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void aCallOfAnotherPortalIsNotFound() throws Exception {
        long theirs = rig.hubspot.createEngagement(Rig.OTHER_PORTAL, Map.of("hs_timestamp", "1"));
        HubSpotApiError error = refused(client.send(Rig.PORTAL, "PATCH", CALLS + "/" + theirs,
                "{\"properties\":{\"hs_call_title\":\"x\"}}"));
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.category()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void searchFindsByExternalIdAndAssociationsUseHubSpotsTypeIds() throws Exception {
        rig.hubspot.record(Rig.PORTAL, "deals", "77").record(Rig.PORTAL, "tickets", "88")
                .record(Rig.PORTAL, "companies", "66");
        HubSpotClient.Result created = client.send(Rig.PORTAL, "POST", CALLS,
                Wire.encode(new Wire.CallInput(Map.of("hs_timestamp", "1", "hs_call_external_id", "c-1"),
                        List.of(new Wire.AssociationInput("66",
                                List.of(Wire.AssociationSpec.hubSpotDefined(182)))))));
        long id = Wire.callObject(((HubSpotClient.Result.Ok) created).body()).id();
        assertThat(client.send(Rig.PORTAL, "PUT", CALLS + "/" + id + "/associations/deals/77",
                Wire.encode(List.of(Wire.AssociationSpec.hubSpotDefined(206)))))
                .isInstanceOf(HubSpotClient.Result.Ok.class);
        assertThat(client.send(Rig.PORTAL, "PUT", CALLS + "/" + id + "/associations/default/tickets/88", null))
                .isInstanceOf(HubSpotClient.Result.Ok.class);
        assertThat(refused(client.send(Rig.PORTAL, "PUT", CALLS + "/" + id + "/associations/deals/77",
                Wire.encode(List.of(Wire.AssociationSpec.hubSpotDefined(194))))).httpStatus()).isEqualTo(400);
        assertThat(rig.hubspot.associations(id)).containsExactly(new Association(id, "companies", "66", 182),
                new Association(id, "deals", "77", 206), new Association(id, "tickets", "88", 220));

        HubSpotClient.Result found = client.send(Rig.PORTAL, "POST", CALLS + "/search",
                Wire.encode(new Wire.SearchRequest("hs_call_external_id", "c-1", List.of("hs_call_external_id"), 2)));
        Wire.SearchResult result = Wire.searchResult(((HubSpotClient.Result.Ok) found).body());
        assertThat(result.total()).isEqualTo(1);
        assertThat(result.results().get(0).id()).isEqualTo(id);
        HubSpotClient.Result none = client.send(Rig.PORTAL, "POST", CALLS + "/search",
                Wire.encode(new Wire.SearchRequest("hs_call_external_id", "c-2", List.of(), 2)));
        assertThat(Wire.searchResult(((HubSpotClient.Result.Ok) none).body()).results()).isEmpty();
    }

    @Test
    void theDailyLimitIsA429NamingThePolicy() throws Exception {
        rig.hubspot.dailyBudget(Rig.PORTAL, 1);
        assertThat(client.send(Rig.PORTAL, "GET", "/calling/v1/dispositions", null))
                .isInstanceOf(HubSpotClient.Result.Ok.class);
        HubSpotApiError error = refused(client.send(Rig.PORTAL, "GET", "/calling/v1/dispositions", null));
        assertThat(error.httpStatus()).isEqualTo(429);
        assertThat(error.policyName()).isEqualTo("DAILY");
        assertThat(client.send(Rig.OTHER_PORTAL, "GET", "/calling/v1/dispositions", null))
                .isInstanceOf(HubSpotClient.Result.Ok.class);
    }
}
