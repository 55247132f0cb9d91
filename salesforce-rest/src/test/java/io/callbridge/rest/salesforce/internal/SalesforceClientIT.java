package io.callbridge.rest.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator.Kind;
import io.callbridge.rest.salesforce.SalesforceApiError;
import io.callbridge.rest.salesforce.SalesforceAuthException;
import io.callbridge.rest.salesforce.internal.SalesforceClient.Result;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeRequest;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeResponse;
import io.callbridge.rest.salesforce.internal.SalesforceWire.QueryResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.SaveResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's requests as the simulated org, strict as Salesforce, answers them. */
class SalesforceClientIT {
    private TestOrg org;
    private SalesforceClient client;
    private LimitMonitor limits;

    @BeforeEach
    void start() throws Exception {
        org = new TestOrg();
        limits = new LimitMonitor();
        client = new SalesforceClient(org.settings, new JwtBearerTokens(org.settings, org.http, org.clock), org.http,
                limits);
    }

    @AfterEach
    void stop() throws Exception {
        org.close();
    }

    @Test
    void fieldErrorsComeBackTypedNamingTheField() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Outbound call");
        fields.put("Bogus__c", "x");
        fields.put("CallType", "Sideways");
        Result<SaveResult> result = client.createTask(new TaskCreate(fields));

        assertThat(result).isInstanceOf(Result.Refused.class);
        Result.Refused<SaveResult> refused = (Result.Refused<SaveResult>) result;
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errors()).extracting(SalesforceApiError::summary).containsExactly(
                "INVALID_FIELD (Bogus__c)", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (CallType)");

        Result<SaveResult> missing = client.createTask(new TaskCreate(Map.of("CallObject", "call-1")));
        assertThat(((Result.Refused<SaveResult>) missing).errors()).extracting(SalesforceApiError::summary)
                .containsExactly("REQUIRED_FIELD_MISSING (Subject)");
        assertThat(org.sim.tasks()).isEmpty();
    }

    @Test
    void aCompositeRequestIsAllOrNone() throws Exception {
        String url = client.dataPath() + "/sobjects/Task";
        CompositeRequest bad = new CompositeRequest(true, List.of(
                new CompositeRequest.SubRequest(url, "good", new TaskCreate(Map.of("Subject", "a"))),
                new CompositeRequest.SubRequest(url, "bad", new TaskCreate(Map.of("CallObject", "b")))));
        CompositeResponse halted = ((Result.Ok<CompositeResponse>) client.composite(bad)).value();
        assertThat(halted.responses()).extracting(r -> r.errors().isEmpty() ? "ok" : r.errors().get(0).errorCode())
                .containsExactly("PROCESSING_HALTED", "REQUIRED_FIELD_MISSING");
        assertThat(org.sim.tasks()).isEmpty();

        CompositeRequest good = new CompositeRequest(true, List.of(
                new CompositeRequest.SubRequest(url, "one", new TaskCreate(Map.of("Subject", "a"))),
                new CompositeRequest.SubRequest(url, "two", new TaskCreate(Map.of("Subject", "b")))));
        CompositeResponse created = ((Result.Ok<CompositeResponse>) client.composite(good)).value();
        assertThat(created.responses()).allSatisfy(r -> assertThat(r.httpStatusCode()).isEqualTo(201));
        assertThat(org.sim.tasks()).hasSize(2);
    }

    @Test
    void theQueryFindsTasksByCallObjectEvenWithQuotes() throws Exception {
        client.createTask(new TaskCreate(Map.of("Subject", "a", "CallObject", "it's-1")));
        client.createTask(new TaskCreate(Map.of("Subject", "b", "CallObject", "other")));

        QueryResult found = ((Result.Ok<QueryResult>) client.tasksByCallObject("it's-1")).value();
        assertThat(found.ids()).hasSize(1);
        assertThat(org.sim.task(found.ids().get(0)).orElseThrow()).containsEntry("Subject", "a");
        assertThat(((Result.Ok<QueryResult>) client.tasksByCallObject("nothing")).value().ids()).isEmpty();
    }

    @Test
    void everyAnswerReportsTheApiUsage() throws Exception {
        org.sim.dailyBudget(1000);
        org.sim.apiUsage(41);
        client.tasksByCallObject("x");
        assertThat(limits.used()).isEqualTo(42);
        assertThat(limits.limit()).isEqualTo(1000);
    }

    @Test
    void theSimulatorVerifiesTheJwtSignature() throws Exception {
        JwtBearerTokens wrongKey = new JwtBearerTokens(org.settings.withPrivateKeyPem(TestOrg.pem(TestOrg.keyPair())),
                org.http, org.clock);
        assertThatThrownBy(wrongKey::session).isInstanceOf(SalesforceAuthException.class)
                .hasMessageContaining("invalid_grant (invalid assertion)")
                .hasMessageContaining(TestOrg.CONSUMER_KEY).hasMessageContaining(TestOrg.USERNAME);

        JwtBearerTokens unknownUser = new JwtBearerTokens(org.settings.withUsername("someone@else.example"), org.http,
                org.clock);
        assertThatThrownBy(unknownUser::session).hasMessageContaining("someone@else.example");

        JwtBearerTokens good = new JwtBearerTokens(org.settings, org.http, org.clock);
        assertThat(good.session().instanceUrl()).isEqualTo(org.server.url());
        assertThat(good.session()).isSameAs(good.session());
        assertThat(org.sim.requests(Kind.TOKEN)).isEqualTo(3);
    }
}
