package io.callbridge.rest.salesforce.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.rest.salesforce.SalesforceApiError;
import io.callbridge.rest.salesforce.SalesforceAuthException;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.internal.JwtBearerTokens.Session;
import io.callbridge.rest.salesforce.internal.SalesforceWire.ActionResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CadenceEvent;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeRequest;
import io.callbridge.rest.salesforce.internal.SalesforceWire.CompositeResponse;
import io.callbridge.rest.salesforce.internal.SalesforceWire.QueryResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.SaveResult;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import io.callbridge.rest.salesforce.internal.SalesforceWire.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The few Salesforce REST calls the fallback makes, over {@code java.net.http}: create a Task (alone or several in a
 * composite request, all or none), find a call's Tasks by {@code CallObject}, send a Sales Engagement event. Each
 * request carries the org's session; a {@code 401 INVALID_SESSION_ID} gets a new session (one login, however many
 * threads see it) and the request is sent once more. Every response's {@code Sforce-Limit-Info} goes to the
 * {@link LimitMonitor}. Thread-safe.
 */
public final class SalesforceClient {
    private final SalesforceRestSettings settings;
    private final JwtBearerTokens tokens;
    private final HttpClient http;
    private final LimitMonitor limits;

    /** What a request came to, short of a transport failure (which is an {@link IOException}). */
    public sealed interface Result<T> {
        /** A 2xx with the body Salesforce documents. */
        record Ok<T>(T value) implements Result<T> { }

        /** A 4xx: Salesforce refused it, and said why. */
        record Refused<T>(int status, List<SalesforceApiError> errors) implements Result<T> {
            public Refused {
                errors = List.copyOf(errors);
            }

            public boolean has(String errorCode) {
                return errors.stream().anyMatch(e -> e.errorCode().equals(errorCode));
            }
        }

        /** A 5xx or an answer that cannot be read: it may or may not have been done. */
        record Unclear<T>(String reason) implements Result<T> { }
    }

    public SalesforceClient(SalesforceRestSettings settings, JwtBearerTokens tokens, HttpClient http,
            LimitMonitor limits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = Objects.requireNonNull(http, "http");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The data API's base path for the configured version, e.g. {@code /services/data/v62.0}. */
    public String dataPath() {
        return "/services/data/v" + settings.apiVersion() + ".0";
    }

    public Result<SaveResult> createTask(TaskCreate task)
            throws IOException, InterruptedException, SalesforceAuthException {
        return send("POST", dataPath() + "/sobjects/Task", task.toJson().toString(), SaveResult::read);
    }

    public Result<CompositeResponse> composite(CompositeRequest request)
            throws IOException, InterruptedException, SalesforceAuthException {
        return send("POST", dataPath() + "/composite", request.toJson().toString(), CompositeResponse::read);
    }

    public Result<QueryResult> tasksByCallObject(String callObject)
            throws IOException, InterruptedException, SalesforceAuthException {
        String q = URLEncoder.encode(QueryResult.byCallObject(callObject), UTF_8).replace("+", "%20");
        return send("GET", dataPath() + "/query?q=" + q, null, QueryResult::read);
    }

    public Result<List<ActionResult>> sendCadenceEvent(CadenceEvent event)
            throws IOException, InterruptedException, SalesforceAuthException {
        return send("POST", dataPath() + "/actions/standard/sendSalesCadenceEvent", event.toJson().toString(),
                ActionResult::readAll);
    }

    private <T> Result<T> send(String method, String pathAndQuery, @Nullable String body, Function<JsonNode, T> reader)
            throws IOException, InterruptedException, SalesforceAuthException {
        for (int attempt = 0; ; attempt++) {
            Session session = tokens.session();
            URI uri = URI.create(session.instanceUrl() + pathAndQuery);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + session.accessToken())
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            limits.seen(response.headers().firstValue("Sforce-Limit-Info").orElse(null));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    return new Result.Ok<>(reader.apply(SalesforceWire.parse(response.body(), "the answer")));
                } catch (WireFormatException e) {
                    return new Result.Unclear<>("Salesforce's answer could not be read: " + e.getMessage());
                }
            }
            if (status >= 500) {
                return new Result.Unclear<>("Salesforce answered HTTP " + status);
            }
            List<SalesforceApiError> errors;
            try {
                errors = SalesforceWire.readErrors(SalesforceWire.parse(response.body(), "the error body"));
            } catch (WireFormatException e) {
                errors = List.of(new SalesforceApiError("HTTP_" + status, "", List.of()));
            }
            Result.Refused<T> refused = new Result.Refused<>(status, errors);
            if (status == 401 && refused.has("INVALID_SESSION_ID") && attempt == 0) {
                tokens.refused(session);
                continue;
            }
            return refused;
        }
    }
}
