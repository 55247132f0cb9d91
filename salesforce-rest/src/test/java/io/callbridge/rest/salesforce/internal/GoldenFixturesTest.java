package io.callbridge.rest.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.rest.salesforce.SalesforceApiError;
import io.callbridge.rest.salesforce.internal.SalesforceWire.ActionResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CadenceEvent;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeRequest;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeResponse;
import io.callbridge.rest.salesforce.internal.SalesforceWire.JwtClaims;
import io.callbridge.rest.salesforce.internal.SalesforceWire.JwtHeader;
import io.callbridge.rest.salesforce.internal.SalesforceWire.LedgerEntry;
import io.callbridge.rest.salesforce.internal.SalesforceWire.OAuthError;
import io.callbridge.rest.salesforce.internal.SalesforceWire.QueryResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.SaveResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TokenResponse;
import io.callbridge.rest.salesforce.internal.SalesforceWire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every body the fallback sends is exactly its fixture under {@code golden/salesforce-rest/sent}; every body it reads
 * is read from its fixture under {@code received} into the values Salesforce meant; a body missing what Salesforce
 * always sends is refused naming the field.
 */
class GoldenFixturesTest {

    private static JsonNode fixture(String name) {
        try (InputStream in = GoldenFixturesTest.class.getResourceAsStream("/golden/salesforce-rest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return SalesforceWire.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as it goes on the wire, read back: numbers compare by value, as Salesforce reads them. */
    private static JsonNode wire(JsonNode sent) {
        return SalesforceWire.parse(sent.toString(), "the body");
    }

    // ---- sent ------------------------------------------------------------------------------------------------------

    @Test
    void theJwtHeaderAndClaims() {
        assertThat(wire(JwtHeader.RS256.toJson())).isEqualTo(fixture("sent/jwt-header.json"));
        assertThat(wire(new JwtClaims("3MVGsim.consumer-key", "integration@acme.example",
                "https://login.salesforce.com",
                1796200000L).toJson())).isEqualTo(fixture("sent/jwt-claims.json"));
        assertThatThrownBy(() -> new JwtHeader("HS256")).hasMessageContaining("'alg'");
        assertThatThrownBy(() -> new JwtClaims("k", "u", "a", 0)).hasMessageContaining("'exp'");
    }

    @Test
    void aTaskCreate() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("entityApiName", "Task");
        fields.put("TaskSubtype", "Call");
        fields.put("Subject", "Outbound call");
        fields.put("Status", "Completed");
        fields.put("CallType", "Outbound");
        fields.put("CallObject", "call-1");
        fields.put("CallDurationInSeconds", 80);
        fields.put("ActivityDate", LocalDate.of(2026, 12, 2));
        fields.put("WhoId", "003000000000001AAA");
        fields.put("IsReminderSet", false);
        TaskCreate task = new TaskCreate(fields);
        assertThat(wire(task.toJson())).isEqualTo(fixture("sent/task-create.json"));
        assertThat(task.callObject()).isEqualTo("call-1");
        assertThat(task.toString()).doesNotContain("call-1");
        assertThatThrownBy(() -> new TaskCreate(Map.of("Call Type", "x"))).hasMessageContaining("'Call Type'");
        assertThatThrownBy(() -> new TaskCreate(Map.of("Subject", List.of()))).hasMessageContaining("'Subject'");
    }

    @Test
    void aCompositeRequest() {
        String url = "/services/data/v62.0/sobjects/Task";
        CompositeRequest request = new CompositeRequest(true, List.of(
                new CompositeRequest.SubRequest(url, "task1", new TaskCreate(orderedTask("Outbound call", "call-1"))),
                new CompositeRequest.SubRequest(url, "task2", new TaskCreate(orderedTask("Inbound call", "call-2")))));
        assertThat(wire(request.toJson())).isEqualTo(fixture("sent/composite-request.json"));
        assertThatThrownBy(() -> new CompositeRequest(true, List.of())).hasMessageContaining("'compositeRequest'");
        assertThatThrownBy(() -> new CompositeRequest.SubRequest(url, "1st", new TaskCreate(Map.of("Subject", "x"))))
                .hasMessageContaining("'referenceId'");
    }

    @Test
    void aCadenceEventAndTheLedgerEntries() {
        assertThat(wire(new CadenceEvent("a1Bsim000000001AAA", CadenceEvent.MANUAL_COMPLETE).toJson()))
                .isEqualTo(fixture("sent/cadence-event.json"));
        assertThatThrownBy(() -> new CadenceEvent("nope", "ManualComplete")).hasMessageContaining("'recordId'");
        assertThatThrownBy(() -> new CadenceEvent("a1Bsim000000001AAA", "Complete"))
                .hasMessageContaining("'eventType'");

        assertThat(wire(LedgerEntry.CREATING_ENTRY.toJson())).isEqualTo(fixture("sent/ledger-creating.json"));
        assertThat(wire(LedgerEntry.created("00T000000000001AAA").toJson()))
                .isEqualTo(fixture("sent/ledger-created.json"));
        assertThat(LedgerEntry.read(fixture("sent/ledger-creating.json"))).isEqualTo(LedgerEntry.CREATING_ENTRY);
        assertThat(LedgerEntry.read(fixture("sent/ledger-created.json")))
                .isEqualTo(LedgerEntry.created("00T000000000001AAA"));
        ObjectNode broken = (ObjectNode) fixture("sent/ledger-created.json");
        broken.remove("taskId");
        assertThatThrownBy(() -> LedgerEntry.read(broken)).hasMessageContaining("'taskId'");
    }

    // ---- received --------------------------------------------------------------------------------------------------

    @Test
    void theTokenResponseAndError() {
        TokenResponse token = TokenResponse.read(fixture("received/token-response.json"));
        assertThat(token.accessToken()).isEqualTo("00Dsim0000000001!AQ0AQsimulated");
        assertThat(token.instanceUrl()).isEqualTo(URI.create("https://acme.my.salesforce.com"));
        assertThat(token.scope()).isEqualTo("api");
        assertThat(token.toString()).doesNotContain("AQ0AQ");
        for (String field : List.of("access_token", "instance_url", "token_type")) {
            ObjectNode broken = (ObjectNode) fixture("received/token-response.json");
            broken.remove(field);
            assertThatThrownBy(() -> TokenResponse.read(broken)).isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("'" + field + "'");
        }
        assertThat(OAuthError.read(fixture("received/oauth-error.json")))
                .isEqualTo(new OAuthError("invalid_grant", "invalid assertion"));
    }

    @Test
    void aSaveResultAndAnErrorBody() {
        assertThat(SaveResult.read(fixture("received/save-result.json")))
                .isEqualTo(new SaveResult("00T000000000001AAA", true, List.of()));
        ObjectNode broken = (ObjectNode) fixture("received/save-result.json");
        broken.put("id", "not an id");
        assertThatThrownBy(() -> SaveResult.read(broken)).hasMessageContaining("'id'");

        List<SalesforceApiError> errors = SalesforceWire.readErrors(fixture("received/errors.json"));
        assertThat(errors).extracting(SalesforceApiError::summary).containsExactly(
                "REQUIRED_FIELD_MISSING (Subject)", "INVALID_FIELD (Bogus__c)",
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (CallType)");
        ArrayNode noCode = (ArrayNode) fixture("received/errors.json");
        ((ObjectNode) noCode.get(0)).remove("errorCode");
        assertThatThrownBy(() -> SalesforceWire.readErrors(noCode)).hasMessageContaining("'statusCode'");
    }

    @Test
    void aCompositeResponse() {
        CompositeResponse response = CompositeResponse.read(fixture("received/composite-response.json"));
        assertThat(response.responses()).hasSize(2);
        assertThat(response.responses().get(0).saved().id()).isEqualTo("00T000000000001AAA");
        assertThat(response.responses().get(1).errors()).extracting(SalesforceApiError::errorCode)
                .containsExactly("PROCESSING_HALTED");
        ObjectNode broken = (ObjectNode) fixture("received/composite-response.json");
        ((ObjectNode) broken.get("compositeResponse").get(0)).remove("httpStatusCode");
        assertThatThrownBy(() -> CompositeResponse.read(broken)).hasMessageContaining("'httpStatusCode'");
    }

    @Test
    void aQueryResultAndActionResults() {
        assertThat(QueryResult.read(fixture("received/query-result.json")))
                .isEqualTo(new QueryResult(1, true, List.of("00T000000000001AAA")));
        ObjectNode broken = (ObjectNode) fixture("received/query-result.json");
        broken.remove("records");
        assertThatThrownBy(() -> QueryResult.read(broken)).hasMessageContaining("'records'");
        assertThat(QueryResult.byCallObject("it's")).isEqualTo("SELECT Id FROM Task WHERE CallObject = 'it\\'s'");

        List<ActionResult> results = ActionResult.readAll(fixture("received/action-results.json"));
        assertThat(results).extracting(ActionResult::isSuccess).containsExactly(true, false);
        assertThat(results.get(1).errors()).extracting(SalesforceApiError::errorCode)
                .containsExactly("INVALID_INPUT");
        ArrayNode noFlag = (ArrayNode) fixture("received/action-results.json");
        ((ObjectNode) noFlag.get(0)).remove("isSuccess");
        assertThatThrownBy(() -> ActionResult.readAll(noFlag)).hasMessageContaining("'isSuccess'");
    }

    private static Map<String, Object> orderedTask(String subject, String callObject) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", subject);
        fields.put("CallObject", callObject);
        return fields;
    }
}
