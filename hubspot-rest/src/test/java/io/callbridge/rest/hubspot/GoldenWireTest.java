package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.hubspot.message.CallDirection;
import io.callbridge.adapter.hubspot.message.CallStatus;
import io.callbridge.adapter.hubspot.message.CrmObjectType;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every body the fallback sends or reads, against its golden fixture. */
class GoldenWireTest {
    private static final Instant AT = Instant.parse("2026-12-02T10:37:00Z");

    static String fixture(String name) {
        try (InputStream in = GoldenWireTest.class.getResourceAsStream("/golden/hubspot-rest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tree(String json) {
        return Wire.JSON.readTree(json);
    }

    private static void same(String encoded, String fixture) {
        assertThat(tree(encoded)).isEqualTo(tree(fixture(fixture)));
    }

    @Test
    void create() {
        EngagementProperties p = new EngagementProperties(AT, "Talked about the renewal", 501L, CrmObjectType.CONTACT,
                CallDirection.OUTBOUND, null, Duration.ofSeconds(90), "+14155550100", null, CallStatus.COMPLETED,
                "Call with Jane Doe", null, "+14155550199", null, null, null);
        Map<String, String> props = new LinkedHashMap<>(HubSpotRestExecutor.properties(p));
        props.put("hs_call_external_id", "call-1");
        same(Wire.encode(new Wire.CallInput(props, List.of(new Wire.AssociationInput("501",
                List.of(Wire.AssociationSpec.hubSpotDefined(194)))))), "calls/call-create.json");
    }

    @Test
    void update() {
        EngagementProperties p = EngagementProperties.at(AT)
                .withCall(null, CallStatus.COMPLETED, Duration.ofSeconds(90), null, null)
                .withOutcome("f240bbac-87c9-4f6e-bf70-924b57d47db7", null, null).withOwner(9001L);
        same(Wire.encode(new Wire.CallInput(HubSpotRestExecutor.properties(p), List.of())), "calls/call-update.json");
    }

    @Test
    void associationTypesAndSearch() {
        same(Wire.encode(List.of(Wire.AssociationSpec.hubSpotDefined(206))), "calls/association-types.json");
        same(Wire.encode(new Wire.SearchRequest("hs_call_external_id", "call-1", List.of("hs_call_external_id"), 2)),
                "calls/search-request.json");
    }

    @Test
    void ledgerEntriesRoundTrip() {
        Wire.LedgerEntry creating = Wire.LedgerEntry.creating(Instant.parse("2026-12-02T10:00:00Z"));
        Wire.LedgerEntry created = Wire.LedgerEntry.created(Instant.parse("2026-12-02T10:00:01Z"), 48_000_000_001L);
        same(Wire.encode(creating), "calls/ledger-creating.json");
        same(Wire.encode(created), "calls/ledger-created.json");
        assertThat(Wire.ledgerEntry(fixture("calls/ledger-creating.json"))).isEqualTo(creating);
        assertThat(Wire.ledgerEntry(fixture("calls/ledger-created.json"))).isEqualTo(created);
        assertThatThrownBy(() -> Wire.ledgerEntry("{\"state\":\"created\",\"since\":\"2026-12-02T10:00:01Z\"}"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("hubspotId"));
        assertThatThrownBy(() -> Wire.ledgerEntry("{\"state\":\"lost\",\"since\":\"2026-12-02T10:00:01Z\"}"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("state"));
    }

    @Test
    void callObject() {
        Wire.CallObject call = Wire.callObject(fixture("calls/call-object.json"));
        assertThat(call.id()).isEqualTo(48_000_000_001L);
        assertThat(call.properties()).containsEntry("hs_call_external_id", "call-1").doesNotContainKey("hs_call_title");
        ObjectNode broken = (ObjectNode) tree(fixture("calls/call-object.json"));
        broken.put("id", "x1");
        assertThatThrownBy(() -> Wire.callObject(broken.toString()))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("id"));
        broken.remove("properties");
        broken.put("id", "1");
        assertThatThrownBy(() -> Wire.callObject(broken.toString()))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("properties"));
    }

    @Test
    void searchResult() {
        Wire.SearchResult result = Wire.searchResult(fixture("calls/search-result.json"));
        assertThat(result.total()).isEqualTo(1);
        assertThat(result.results()).extracting(Wire.CallObject::id).containsExactly(48_000_000_001L);
        ObjectNode broken = (ObjectNode) tree(fixture("calls/search-result.json"));
        ((ObjectNode) broken.get("results").get(0)).remove("id");
        assertThatThrownBy(() -> Wire.searchResult(broken.toString()))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("results[0].id"));
    }

    @Test
    void dispositions() {
        assertThat(Wire.dispositions(fixture("calls/dispositions.json"))).containsExactly(
                new Wire.Disposition("9d9162e7-6cf3-4944-bf63-4dff82258764", "Busy"),
                new Wire.Disposition("f240bbac-87c9-4f6e-bf70-924b57d47db7", "Connected"));
        assertThatThrownBy(() -> Wire.dispositions("[{\"id\":\"x\"}]"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("[0].label"));
    }

    @Test
    void errors() {
        HubSpotApiError validation = Wire.error(400, fixture("calls/error-validation.json"));
        assertThat(validation.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(validation.correlationId()).isEqualTo("6a7e5a27-2d8c-4d2c-9a5e-0c2b2f7d2a11");
        assertThat(validation.errors()).containsExactly(new HubSpotApiError.Detail("PROPERTY_DOESNT_EXIST",
                "Property \"hs_call_mood\" does not exist", List.of("hs_call_mood")));
        assertThat(validation.summary()).isEqualTo("HTTP 400 VALIDATION_ERROR: PROPERTY_DOESNT_EXIST on hs_call_mood"
                + " [correlationId 6a7e5a27-2d8c-4d2c-9a5e-0c2b2f7d2a11]");

        HubSpotApiError limited = Wire.error(429, fixture("calls/error-rate-limit.json"));
        assertThat(limited.policyName()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(limited.category()).isNull();

        HubSpotApiError html = Wire.error(502, "<html>bad gateway</html>");
        assertThat(html.httpStatus()).isEqualTo(502);
        assertThat(html.errors()).isEmpty();
    }

    @Test
    void modelsRefuseBadValuesNamingTheField() {
        assertThatThrownBy(() -> new Wire.CallInput(Map.of("Bad Name", "x"), List.of()))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.field()).isEqualTo("properties.Bad Name"));
        assertThatThrownBy(() -> new Wire.AssociationInput(" ", List.of(Wire.AssociationSpec.hubSpotDefined(1))))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.field()).isEqualTo("associations[].to.id"));
        assertThatThrownBy(() -> new Wire.SearchRequest("hs_call_external_id", "x", List.of(), 0))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }
}
