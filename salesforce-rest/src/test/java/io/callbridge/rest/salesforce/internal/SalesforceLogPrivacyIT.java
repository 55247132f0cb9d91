package io.callbridge.rest.salesforce.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.rest.salesforce.SalesforceApiError;
import io.callbridge.rest.salesforce.SalesforceAuthException;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.internal.SalesforceClient.Result;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeRequest;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import io.callbridge.testkit.LogCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the executor and the client log, at every level, when Salesforce's answers quote a phone number and a token:
 * a fake org (the JDK's HTTP server) whose every error message does, as a validation rule's message or a refused
 * value may, and whose token endpoint hands out a recognisable access token.
 */
class SalesforceLogPrivacyIT {
    private static final String ACCESS_TOKEN = "00DPRIV00000001!AQ0AQaccess.token.never.logged.7f3a";
    private static final String ECHOED_TOKEN = "00D5g000004XyZ1!ARcAQH0dMHZ.echoed.secret.91b2";
    private static final String PHONE = "+1 (415) 555-0177";
    /** The phone number in the forms a message may spell it, and the call's own numbers (TestOrg's). */
    private static final List<String> NUMBERS = List.of(PHONE, "555-0177", "5550177", "555 0177", "555-0199",
            "5550199", "555 0199", "555-0100", "5550100", "555 0100");
    private static final String QUOTING = "Subject: the value '" + PHONE + "' was refused for session " + ECHOED_TOKEN;

    private HttpServer server;
    private URI url;
    private volatile boolean refuseLogin;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void noPhoneNumberOrTokenFromSalesforcesAnswersReachesAnyLogLine() throws Exception {
        SalesforceRestSettings settings = SalesforceRestSettings.of(url, TestOrg.CONSUMER_KEY, TestOrg.USERNAME,
                TestOrg.pem(TestOrg.keyPair())).withHvsManualCompletion(true);
        HttpClient http = HttpClient.newHttpClient();
        RecordingEngine engine = new RecordingEngine();
        SalesforceRestExecutor executor = new SalesforceRestExecutor(settings, TestOrg.ADAPTER,
                CrmStateStore.inMemory(Clock.systemUTC()), engine, Clock.systemUTC(), http);
        SalesforceClient client = new SalesforceClient(settings, new JwtBearerTokens(settings, http,
                Clock.systemUTC()), http, new LimitMonitor());
        Call call = TestOrg.wrappedUp("call-privacy", Duration.ofMinutes(5));
        Call logged = call.toBuilder().crmLinks(SalesforceCallLog.doneLinks(Instant.now(), "00T000000000001AAA"))
                .build();
        WorkItemId step = WorkItemId.of("a1Bsim000000001AAA");
        engine.work.put(step, new WorkItem(step, TestOrg.AGENT, new PhoneNumber("+14155550199", null,
                "(415) 555-0199"), CompletionTrigger.LOG_SAVED, WorkItemState.LOGGED, Instant.now().minusSeconds(900),
                Instant.now().plusSeconds(3600), call.id(), "00T000000000001AAA", null, Map.of()));
        OwedDelivery work = OwedDelivery.of(SalesforceCallLog.completeWorkKey(step), TestOrg.AGENT,
                SalesforceCallLog.CRM, SalesforceCallLog.COMPLETE_WORK, "{}");
        List<Object> outcomes = new ArrayList<>();

        List<String> lines = LogCapture.of(() -> {
            outcomes.add(executor.execute(TestOrg.saveLog(call), call));
            outcomes.add(executor.execute(work, logged));
            String taskUrl = client.dataPath() + "/sobjects/Task";
            outcomes.add(client.composite(new CompositeRequest(true, List.of(new CompositeRequest.SubRequest(taskUrl,
                    "one", new TaskCreate(Map.of("Subject", "a")))))));
            outcomes.add(client.tasksByCallObject("call-privacy"));
            refuseLogin = true;
            try {
                new JwtBearerTokens(settings, http, Clock.systemUTC()).session();
            } catch (SalesforceAuthException e) {
                outcomes.add(e.getMessage());
            }
            Call other = TestOrg.wrappedUp("call-privacy-2", Duration.ofMinutes(5));
            outcomes.add(new SalesforceRestExecutor(settings, TestOrg.ADAPTER,
                    CrmStateStore.inMemory(Clock.systemUTC()), engine, Clock.systemUTC(), http)
                    .execute(TestOrg.saveLog(other), other));
        });

        // The flows did meet the quoting answers, and every level of the module's loggers was on.
        assertThat(((Outcome.GaveUp) outcomes.get(0)).message()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION (Subject)");
        assertThat(((Outcome.GaveUp) outcomes.get(1)).message()).contains("INVALID_INPUT");
        assertThat(outcomes.get(2)).isInstanceOf(Result.Ok.class);
        assertThat(outcomes.get(3)).isInstanceOf(Result.Refused.class);
        assertThat((String) outcomes.get(4)).contains("invalid_grant");
        assertThat(outcomes.get(5)).isInstanceOf(Outcome.Retry.class);
        assertThat(lines).anyMatch(l -> l.contains("WARN") && l.contains("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
        assertThat(lines).anyMatch(l -> l.contains("DEBUG") && l.contains("io.callbridge.rest.salesforce"));

        for (String secret : List.of(ACCESS_TOKEN, ECHOED_TOKEN, "ARcAQH0dMHZ", "AQ0AQaccess")) {
            assertThat(lines).as("lines holding %s", secret).noneMatch(l -> l.contains(secret));
        }
        for (String number : NUMBERS) {
            assertThat(lines).as("lines holding %s", number).noneMatch(l -> l.contains(number));
        }
        // What goes to the agent and to core's log is as clean.
        for (Object o : outcomes) {
            String text = o instanceof Outcome.GaveUp g ? g.message() : o instanceof Outcome.Retry r ? r.reason()
                    : String.valueOf(o);
            assertThat(text).doesNotContain(ECHOED_TOKEN, ACCESS_TOKEN, PHONE, "555-0177");
        }
    }

    @Test
    void anErrorsTextIsNotInItsToString() {
        SalesforceApiError error = new SalesforceApiError("FIELD_CUSTOM_VALIDATION_EXCEPTION", QUOTING,
                List.of("Subject"));
        assertThat(error.toString()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Subject")
                .doesNotContain(PHONE, ECHOED_TOKEN);
        assertThat(new Result.Refused<>(400, List.of(error)).toString()).doesNotContain(PHONE, ECHOED_TOKEN);
    }

    /** The fake org: every error quotes a number and a token; every data answer says the API usage. */
    private void answer(HttpExchange exchange) throws java.io.IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String data = "/services/data/v" + SalesforceRestSettings.DEFAULT_API_VERSION + ".0";
        String quoted = "\"" + QUOTING.replace("\"", "\\\"") + "\"";
        int status;
        String body;
        if (path.equals("/services/oauth2/token")) {
            if (refuseLogin) {
                status = 400;
                body = "{\"error\":\"invalid_grant\",\"error_description\":" + quoted + "}";
            } else {
                status = 200;
                body = "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"instance_url\":\"" + url
                        + "\",\"token_type\":\"Bearer\",\"scope\":\"api\"}";
            }
        } else if (path.equals(data + "/sobjects/Task")) {
            status = 400;
            body = "[{\"message\":" + quoted + ",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
                    + "\"fields\":[\"Subject\"]}]";
        } else if (path.equals(data + "/actions/standard/sendSalesCadenceEvent")) {
            status = 200;
            body = "[{\"actionName\":\"sendSalesCadenceEvent\",\"isSuccess\":false,\"errors\":[{\"statusCode\":"
                    + "\"INVALID_INPUT\",\"message\":" + quoted + "}]}]";
        } else if (path.equals(data + "/composite")) {
            status = 200;
            body = "{\"compositeResponse\":[{\"referenceId\":\"one\",\"httpStatusCode\":400,\"body\":[{\"message\":"
                    + quoted + ",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"Subject\"]}]}]}";
        } else {
            status = 400;
            body = "[{\"message\":" + quoted + ",\"errorCode\":\"MALFORMED_QUERY\"}]";
        }
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (path.startsWith("/services/data/")) {
            exchange.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=18/5000");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
