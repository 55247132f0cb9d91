package io.callbridge.crmsim.rest.salesforce;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Salesforce org's REST API, as a Jetty 12 handler (serve it with {@link SalesforceRestServer}, or mount
 * it in a server of your own). Thread-safe: every request is handled under the org's lock, as one org's records are
 * one database.
 *
 * <p>What it serves:
 * <ul>
 *   <li>{@code POST /services/oauth2/token} with {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}: the
 *       JWT's RS256 signature is checked against the configured certificate's public key, {@code iss} against the
 *       consumer key, {@code sub} against the pre-authorised users, {@code aud} against the login URL, and
 *       {@code exp} must lie in the next three minutes. Answers the access token or {@code invalid_grant}.</li>
 *   <li>{@code POST /services/data/vNN.0/sobjects/Task}: one Task, its fields checked against the Task field list
 *       (unknown field, restricted picklist, required field, type, length, id format).</li>
 *   <li>{@code POST /services/data/vNN.0/composite}: several Task creations, all or none.</li>
 *   <li>{@code GET /services/data/vNN.0/query?q=SELECT Id FROM Task WHERE CallObject = '…'}: only that shape; any
 *       other query is {@code MALFORMED_QUERY}.</li>
 *   <li>{@code POST /services/data/vNN.0/actions/standard/sendSalesCadenceEvent}: {@code ManualComplete} or
 *       {@code Skip} for the step trackers made active with {@link #addStepTracker}.</li>
 * </ul>
 * Every data API response to a valid session carries {@code Sforce-Limit-Info: api-usage=N/M} (the token
 * endpoint's and a refused session's do not); a request past the daily budget is
 * {@code 403 REQUEST_LIMIT_EXCEEDED}; a missing, unknown or expired session is {@code 401 INVALID_SESSION_ID}.
 * Error bodies are Salesforce's list of {@code {message, errorCode, fields}}.
 *
 * <p>Fault hooks for tests: {@link #failNext} (5xx), {@link #dropAfterNextWrite} (the write is done, the connection
 * closed before the answer), {@link #delayNext}, {@link #expireSessions}.
 */
public final class SalesforceRestSimulator extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceRestSimulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** How far ahead a JWT's {@code exp} may lie. */
    public static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(3);

    private static final Pattern DATA_PATH = Pattern.compile("/services/data/v(\\d{2,3})\\.0(/.*)");
    private static final Pattern QUERY = Pattern.compile(
            "SELECT Id FROM Task WHERE CallObject = '((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__c");

    /** The kinds of request it counts. */
    public enum Kind { TOKEN, CREATE, COMPOSITE, QUERY, ACTION, OTHER }

    /** A Task field's type, as far as a create checks it. */
    private enum FieldType { TEXT, TEXTAREA, PICKLIST, RESTRICTED_PICKLIST, INT, DATE, ID, BOOLEAN }

    private record FieldDef(FieldType type, int length, Set<String> values) { }

    private static final Map<String, FieldDef> STANDARD_TASK_FIELDS = Map.ofEntries(
            Map.entry("Subject", new FieldDef(FieldType.TEXT, 255, Set.of())),
            Map.entry("Description", new FieldDef(FieldType.TEXTAREA, 32_000, Set.of())),
            Map.entry("Status", new FieldDef(FieldType.PICKLIST, 255, Set.of())),
            Map.entry("Priority", new FieldDef(FieldType.PICKLIST, 255, Set.of())),
            Map.entry("Type", new FieldDef(FieldType.PICKLIST, 255, Set.of())),
            Map.entry("ActivityDate", new FieldDef(FieldType.DATE, 0, Set.of())),
            Map.entry("CallType", new FieldDef(FieldType.RESTRICTED_PICKLIST, 40,
                    Set.of("Internal", "Inbound", "Outbound"))),
            Map.entry("CallDurationInSeconds", new FieldDef(FieldType.INT, 0, Set.of())),
            Map.entry("CallObject", new FieldDef(FieldType.TEXT, 255, Set.of())),
            Map.entry("CallDisposition", new FieldDef(FieldType.TEXT, 255, Set.of())),
            Map.entry("TaskSubtype", new FieldDef(FieldType.RESTRICTED_PICKLIST, 40,
                    Set.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"))),
            Map.entry("WhoId", new FieldDef(FieldType.ID, 18, Set.of())),
            Map.entry("WhatId", new FieldDef(FieldType.ID, 18, Set.of())),
            Map.entry("OwnerId", new FieldDef(FieldType.ID, 18, Set.of())),
            Map.entry("RecordTypeId", new FieldDef(FieldType.ID, 18, Set.of())),
            Map.entry("IsReminderSet", new FieldDef(FieldType.BOOLEAN, 0, Set.of())));

    private final URI loginUrl;
    private final URI instanceUrl;
    private final String consumerKey;
    private final PublicKey publicKey;
    private final Set<String> usernames;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, FieldDef> taskFields = new LinkedHashMap<>(STANDARD_TASK_FIELDS);
    private final Set<String> requiredFields = new java.util.LinkedHashSet<>(Set.of("Subject"));
    private final Map<String, Map<String, Object>> tasks = new LinkedHashMap<>();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> stepTrackers = new java.util.HashSet<>();
    private final List<String> cadenceEvents = new ArrayList<>();
    private volatile Duration sessionLifetime = Duration.ofHours(2);
    private volatile long dailyBudget = 100_000;
    private long apiUsage;
    private int failNext;
    private int failStatus = 503;
    private boolean dropAfterNextWrite;
    private Duration delayNext = Duration.ZERO;

    /**
     * @param loginUrl the login URL, which a JWT's {@code aud} must name (e.g. {@code https://login.salesforce.com})
     * @param instanceUrl the org's instance URL, which the token response names
     * @param consumerKey the External Client App's consumer key, a JWT's {@code iss}
     * @param publicKey the public key of the certificate uploaded to the app
     * @param usernames the users pre-authorised for the app, a JWT's {@code sub}
     */
    public SalesforceRestSimulator(URI loginUrl, URI instanceUrl, String consumerKey, PublicKey publicKey,
            Set<String> usernames, Clock clock) {
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
        this.instanceUrl = Objects.requireNonNull(instanceUrl, "instanceUrl");
        this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.usernames = Set.copyOf(usernames);
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    // ---- configuration and hooks ---------------------------------------------------------------------------------

    /** The org's daily API request allocation; requests past it are refused with REQUEST_LIMIT_EXCEEDED. */
    public void dailyBudget(long requests) {
        dailyBudget = requests;
    }

    /** Sets the API requests used today, e.g. just under the budget. */
    public void apiUsage(long used) {
        synchronized (lock) {
            apiUsage = used;
        }
    }

    public long apiUsage() {
        synchronized (lock) {
            return apiUsage;
        }
    }

    /** How long an access token lasts from its issue. */
    public void sessionLifetime(Duration lifetime) {
        sessionLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Ends every session now: the next request with any issued token is 401 INVALID_SESSION_ID. */
    public void expireSessions() {
        sessions.replaceAll((token, until) -> Instant.MIN);
    }

    /** Adds a custom Task field ({@code …__c}), a text of up to 255 characters. */
    public void addCustomField(String apiName) {
        if (!CUSTOM_FIELD.matcher(apiName).matches()) {
            throw new IllegalArgumentException("a custom field's API name ends in __c: " + apiName);
        }
        synchronized (lock) {
            taskFields.put(apiName, new FieldDef(FieldType.TEXT, 255, Set.of()));
        }
    }

    /** Makes a Task field required on create (the org's field-level requirement); Subject is, out of the box. */
    public void requireField(String apiName) {
        synchronized (lock) {
            requiredFields.add(apiName);
        }
    }

    /** The next {@code n} data API requests fail with {@code status} (a 5xx) before doing anything. */
    public void failNext(int n, int status) {
        synchronized (lock) {
            failNext = n;
            failStatus = status;
        }
    }

    /** The next write is performed, then the connection is closed without an answer: an unclear failure. */
    public void dropAfterNextWrite() {
        synchronized (lock) {
            dropAfterNextWrite = true;
        }
    }

    /** The next data API request is answered only after {@code delay}. */
    public void delayNext(Duration delay) {
        synchronized (lock) {
            delayNext = Objects.requireNonNull(delay, "delay");
        }
    }

    /** Makes {@code id} an active cadence step tracker, which {@code sendSalesCadenceEvent} can complete. */
    public void addStepTracker(String id) {
        synchronized (lock) {
            stepTrackers.add(id);
        }
    }

    // ---- inspection ----------------------------------------------------------------------------------------------

    /** The Tasks created so far, by id, with the fields as sent. */
    public Map<String, Map<String, Object>> tasks() {
        synchronized (lock) {
            return Map.copyOf(tasks);
        }
    }

    /**
     * Waits until at least {@code count} Tasks exist (a write the simulator performs after a delay, say), at most
     * {@code timeout}; returns whether they do.
     */
    public boolean awaitTasks(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (tasks.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public Optional<Map<String, Object>> task(String id) {
        synchronized (lock) {
            return Optional.ofNullable(tasks.get(id));
        }
    }

    /** The Sales Engagement events received, as {@code recordId:eventType}, in order. */
    public List<String> cadenceEvents() {
        synchronized (lock) {
            return List.copyOf(cadenceEvents);
        }
    }

    /** How many requests of {@code kind} arrived (answered or refused). */
    public long requests(Kind kind) {
        return counts.get(kind).get();
    }

    // ---- handling ------------------------------------------------------------------------------------------------

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        try {
            if (path.equals("/services/oauth2/token")) {
                counts.get(Kind.TOKEN).incrementAndGet();
                token(request, response, callback);
                return true;
            }
            Matcher data = DATA_PATH.matcher(path);
            if (data.matches()) {
                data(request, response, callback, data.group(1), data.group(2));
                return true;
            }
            counts.get(Kind.OTHER).incrementAndGet();
            errors(response, callback, 404, error("NOT_FOUND", "The requested resource does not exist", List.of()));
        } catch (RuntimeException e) {
            LOG.warn("simulated Salesforce failed on {}", path, e);
            Response.writeError(request, response, callback, 500);
        }
        return true;
    }

    private void token(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            errors(response, callback, 405, error("METHOD_NOT_ALLOWED", "POST only", List.of()));
            return;
        }
        Fields form = Request.getParameters(request);
        String grant = form.getValue("grant_type");
        if (!JWT_BEARER.equals(grant)) {
            oauthError(response, callback, "unsupported_grant_type", "grant type not supported");
            return;
        }
        String assertion = form.getValue("assertion");
        String refusal = assertion == null ? "assertion missing" : verify(assertion);
        if (refusal != null) {
            oauthError(response, callback, refusal.equals("client identifier invalid") ? "invalid_client_id"
                    : "invalid_grant", refusal);
            return;
        }
        String token = "00Dsim0000000001!" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("session-" + ids.incrementAndGet()).getBytes(UTF_8));
        sessions.put(token, clock.instant().plus(sessionLifetime));
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", token);
        body.put("scope", "api");
        body.put("instance_url", instanceUrl.toString());
        body.put("id", loginUrl + "/id/00Dsim0000000001AAA/005sim0000000001AAA");
        body.put("token_type", "Bearer");
        json(response, callback, 200, body);
    }

    /** Null when the JWT is good, else Salesforce's error_description. */
    private @Nullable String verify(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "invalid assertion";
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(UTF_8));
            if (!"RS256".equals(header.path("alg").asString("")) || !rsa.verify(Base64.getUrlDecoder()
                    .decode(parts[2]))) {
                return "invalid assertion";
            }
        } catch (IllegalArgumentException | JacksonException | java.security.GeneralSecurityException e) {
            return "invalid assertion";
        }
        if (!consumerKey.equals(claims.path("iss").asString(""))) {
            return "client identifier invalid";
        }
        if (!usernames.contains(claims.path("sub").asString(""))) {
            return "user hasn't approved this consumer";
        }
        if (!sameUrl(loginUrl.toString(), claims.path("aud").asString(""))) {
            return "audience is invalid";
        }
        JsonNode exp = claims.path("exp");
        if (!exp.canConvertToLong()) {
            return "expiration time missing";
        }
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        Instant now = clock.instant();
        if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_JWT_LIFETIME))) {
            return "expired or too distant assertion";
        }
        return null;
    }

    private static boolean sameUrl(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private void data(Request request, Response response, Callback callback, String version, String rest)
            throws Exception {
        Kind kind = rest.equals("/sobjects/Task") ? Kind.CREATE : rest.equals("/composite") ? Kind.COMPOSITE
                : rest.equals("/query") ? Kind.QUERY : rest.equals("/actions/standard/sendSalesCadenceEvent")
                ? Kind.ACTION : Kind.OTHER;
        counts.get(kind).incrementAndGet();
        String body = Content.Source.asString(request, UTF_8);
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
        Instant until = token == null ? null : sessions.get(token);
        if (until == null || !clock.instant().isBefore(until)) {
            errors(response, callback, 401, error("INVALID_SESSION_ID", "Session expired or invalid", List.of()));
            return;
        }
        Duration delay;
        synchronized (lock) {
            delay = delayNext;
            delayNext = Duration.ZERO;
        }
        if (!delay.isZero()) {
            // The simulated org is slow: a deliberate wait on the server's thread, not a synchronisation.
            Thread.sleep(delay.toMillis());
        }
        synchronized (lock) {
            if (failNext > 0) {
                failNext--;
                limitInfo(response);
                errors(response, callback, failStatus, error("SERVER_UNAVAILABLE",
                        "The server is temporarily unable to service your request", List.of()));
                return;
            }
            if (apiUsage >= dailyBudget) {
                limitInfo(response);
                errors(response, callback, 403, error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.",
                        List.of()));
                return;
            }
            apiUsage++;
            limitInfo(response);
            switch (kind) {
                case CREATE -> create(request, response, callback, version, body);
                case COMPOSITE -> composite(request, response, callback, version, body);
                case QUERY -> query(request, response, callback, version);
                case ACTION -> cadenceEvent(response, callback, body);
                default -> errors(response, callback, 404,
                        error("NOT_FOUND", "The requested resource does not exist", List.of()));
            }
        }
    }

    private void limitInfo(Response response) {
        response.getHeaders().put("Sforce-Limit-Info", "api-usage=" + apiUsage + "/" + dailyBudget);
    }

    private void create(Request request, Response response, Callback callback, String version, String body) {
        if (!"POST".equals(request.getMethod())) {
            errors(response, callback, 405, error("METHOD_NOT_ALLOWED", "HTTP Method '" + request.getMethod()
                    + "' not allowed. Allowed are GET,HEAD,POST", List.of()));
            return;
        }
        JsonNode fields = parse(body);
        if (fields == null || !fields.isObject()) {
            errors(response, callback, 400, error("JSON_PARSER_ERROR", "The body is not a JSON object", List.of()));
            return;
        }
        ArrayNode problems = check(fields);
        if (!problems.isEmpty()) {
            errors(response, callback, 400, problems);
            return;
        }
        String id = insert(fields);
        if (dropped(request, callback)) {
            return;
        }
        response.getHeaders().put(HttpHeader.LOCATION, "/services/data/v" + version + ".0/sobjects/Task/" + id);
        json(response, callback, 201, created(id));
    }

    private void composite(Request request, Response response, Callback callback, String version, String body) {
        JsonNode root = parse(body);
        if (root == null || !root.path("compositeRequest").isArray() || root.path("compositeRequest").isEmpty()) {
            errors(response, callback, 400, error("JSON_PARSER_ERROR",
                    "compositeRequest: a non-empty array is required", List.of("compositeRequest")));
            return;
        }
        boolean allOrNone = root.path("allOrNone").asBoolean(false);
        List<JsonNode> subs = new ArrayList<>();
        root.path("compositeRequest").forEach(subs::add);
        if (subs.size() > 25) {
            errors(response, callback, 400, error("LIMIT_EXCEEDED", "Composite requests are limited to 25"
                    + " subrequests", List.of("compositeRequest")));
            return;
        }
        String taskUrl = "/services/data/v" + version + ".0/sobjects/Task";
        List<ArrayNode> problems = new ArrayList<>();
        boolean anyFailed = false;
        for (JsonNode sub : subs) {
            ArrayNode p;
            if (!"POST".equals(sub.path("method").asString("")) || !taskUrl.equals(sub.path("url").asString(""))) {
                p = error("INVALID_URL", "only POST " + taskUrl + " is simulated", List.of("url"));
            } else if (!sub.path("referenceId").isString() || sub.path("referenceId").asString().isBlank()) {
                p = error("INVALID_FIELD", "referenceId is required", List.of("referenceId"));
            } else if (!sub.path("body").isObject()) {
                p = error("JSON_PARSER_ERROR", "body must be an object", List.of("body"));
            } else {
                p = check(sub.path("body"));
            }
            problems.add(p);
            anyFailed |= !p.isEmpty();
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("compositeResponse");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            JsonNode sub = subs.get(i);
            ObjectNode r = results.addObject();
            ArrayNode p = problems.get(i);
            if (!p.isEmpty() || (allOrNone && anyFailed)) {
                r.set("body", p.isEmpty() ? error("PROCESSING_HALTED", "The transaction was rolled back since"
                        + " another operation in the same transaction failed.", List.of()) : p);
                r.putObject("httpHeaders");
                r.put("httpStatusCode", 400);
            } else {
                String id = insert(sub.path("body"));
                created.add(id);
                r.set("body", created(id));
                r.putObject("httpHeaders").put("Location", taskUrl + "/" + id);
                r.put("httpStatusCode", 201);
            }
            r.put("referenceId", sub.path("referenceId").asString(""));
        }
        if (!created.isEmpty() && dropped(request, callback)) {
            return;
        }
        json(response, callback, 200, out);
    }

    private void query(Request request, Response response, Callback callback, String version) {
        String q = Request.extractQueryParameters(request).getValue("q");
        Matcher m = q == null ? null : QUERY.matcher(q.trim());
        if (m == null || !m.matches()) {
            errors(response, callback, 400, error("MALFORMED_QUERY", "only SELECT Id FROM Task WHERE CallObject ="
                    + " '...' is simulated", List.of()));
            return;
        }
        String callObject = m.group(1).replaceAll("\\\\(.)", "$1");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode records = JSON.createArrayNode();
        tasks.forEach((id, fields) -> {
            if (callObject.equals(fields.get("CallObject"))) {
                ObjectNode r = records.addObject();
                ObjectNode attributes = r.putObject("attributes");
                attributes.put("type", "Task");
                attributes.put("url", "/services/data/v" + version + ".0/sobjects/Task/" + id);
                r.put("Id", id);
            }
        });
        out.put("totalSize", records.size());
        out.put("done", true);
        out.set("records", records);
        json(response, callback, 200, out);
    }

    private void cadenceEvent(Response response, Callback callback, String body) {
        JsonNode root = parse(body);
        JsonNode inputs = root == null ? null : root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            errors(response, callback, 400, error("JSON_PARSER_ERROR", "inputs: a non-empty array is required",
                    List.of("inputs")));
            return;
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode input : inputs) {
            String recordId = input.path("recordId").asString("");
            String eventType = input.path("eventType").asString("");
            ObjectNode r = results.addObject();
            r.put("actionName", "sendSalesCadenceEvent");
            r.putNull("outputValues");
            String problem = !Set.of("ManualComplete", "Skip").contains(eventType) ? "eventType must be"
                    + " ManualComplete or Skip" : !stepTrackers.contains(recordId) ? "no active cadence step tracker"
                    + " with this id" : null;
            if (problem == null) {
                cadenceEvents.add(recordId + ":" + eventType);
                stepTrackers.remove(recordId);
                r.putNull("errors");
                r.put("isSuccess", true);
            } else {
                ObjectNode e = r.putArray("errors").addObject();
                e.put("statusCode", "INVALID_INPUT");
                e.put("message", problem);
                r.put("isSuccess", false);
            }
        }
        json(response, callback, 200, results);
    }

    /** After a write: if a drop was asked for, closes the connection without answering and returns true. */
    private boolean dropped(Request request, Callback callback) {
        if (!dropAfterNextWrite) {
            return false;
        }
        dropAfterNextWrite = false;
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        // Nothing left to answer on: the client sees the connection end without a response.
        callback.succeeded();
        return true;
    }

    private String insert(JsonNode fields) {
        String id = String.format("00Tsim%012d", ids.incrementAndGet());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            JsonNode v = e.getValue();
            values.put(e.getKey(), v.isNull() ? "" : v.isInt() || v.isLong() ? v.asLong() : v.isBoolean()
                    ? v.asBoolean() : v.asString());
        }
        tasks.put(id, values);
        lock.notifyAll();
        return id;
    }

    private ArrayNode check(JsonNode fields) {
        ArrayNode problems = JSON.createArrayNode();
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            FieldDef def = taskFields.get(name);
            if (def == null) {
                problems.addAll(error("INVALID_FIELD", "No such column '" + name + "' on sobject of type Task",
                        List.of()));
                continue;
            }
            if (v.isNull()) {
                continue;
            }
            switch (def.type()) {
                case TEXT, TEXTAREA, PICKLIST -> {
                    if (!v.isString()) {
                        problems.addAll(error("JSON_PARSER_ERROR", "Cannot deserialize a string from "
                                + v.getNodeType() + " for " + name, List.of(name)));
                    } else if (v.asString().length() > def.length()) {
                        problems.addAll(error("STRING_TOO_LONG", name + ": data value too large (max length="
                                + def.length() + ")", List.of(name)));
                    }
                }
                case RESTRICTED_PICKLIST -> {
                    if (!v.isString() || !def.values().contains(v.asString())) {
                        problems.addAll(error("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", name
                                + ": bad value for restricted picklist field", List.of(name)));
                    }
                }
                case INT -> {
                    if (!v.isIntegralNumber()) {
                        problems.addAll(error("JSON_PARSER_ERROR", "Cannot deserialize instance of int from "
                                + v.getNodeType() + " for " + name, List.of(name)));
                    }
                }
                case BOOLEAN -> {
                    if (!v.isBoolean()) {
                        problems.addAll(error("JSON_PARSER_ERROR", "Cannot deserialize instance of boolean"
                                + " for " + name, List.of(name)));
                    }
                }
                case DATE -> {
                    try {
                        LocalDate.parse(v.asString(""));
                    } catch (DateTimeParseException ex) {
                        problems.addAll(error("JSON_PARSER_ERROR", "Cannot deserialize a date for " + name
                                + "; use yyyy-MM-dd", List.of(name)));
                    }
                }
                case ID -> {
                    if (!v.isString() || !ID.matcher(v.asString()).matches()) {
                        problems.addAll(error("MALFORMED_ID", name + ": id value of incorrect type",
                                List.of(name)));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : requiredFields) {
            JsonNode v = fields.get(required);
            if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            problems.addAll(error("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
        }
        return problems;
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static ObjectNode created(String id) {
        ObjectNode ok = JSON.createObjectNode();
        ok.put("id", id);
        ok.put("success", true);
        ok.putArray("errors");
        return ok;
    }

    private static ArrayNode error(String code, String message, List<String> fields) {
        ArrayNode list = JSON.createArrayNode();
        ObjectNode e = list.addObject();
        e.put("message", message);
        e.put("errorCode", code);
        if (!fields.isEmpty()) {
            ArrayNode f = e.putArray("fields");
            fields.forEach(f::add);
        }
        return list;
    }

    private static void errors(Response response, Callback callback, int status, ArrayNode body) {
        json(response, callback, status, body);
    }

    private static void oauthError(Response response, Callback callback, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        json(response, callback, 400, body);
    }

    private static void json(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        Content.Sink.write(response, true, body.toString(), callback);
    }
}
