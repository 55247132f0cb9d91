package io.callbridge.crmsim.rest.hubspot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated HubSpot REST API for call logging, as strict as HubSpot's public API reference describes it: the dated
 * Calls API ({@code /crm/objects/2026-03/calls}: create with associations, update, search), the dated associations
 * endpoints for a call, and the portal's call outcomes ({@code GET /calling/v1/dispositions}). Bearer tokens are
 * checked through {@link HubSpotPortalTokens}; each portal has HubSpot's rolling ten-second limit (100 requests) and a
 * daily budget; errors use HubSpot's error body ({@code status}, {@code message}, {@code correlationId},
 * {@code category}, {@code errors[]}). A Jetty 12 {@link Handler}: mount it in any server, or run it on its own port
 * with {@link HubSpotRestSimulatorServer}. It handles only its own paths (others go to the next handler), so it can sit
 * beside other simulated HubSpot APIs in one server. Thread-safe (one lock; it is a test double, not a load generator).
 *
 * <p>Test hooks: {@link #failNext}, {@link #dropAfterNextWrite}, {@link #delay}, {@link #searchLag}; inspection:
 * {@link #call}, {@link #calls}, {@link #associations}, {@link #requests}, {@link #count}.
 */
public final class HubSpotRestSimulator extends Handler.Abstract {

    /** The dated API version of the paths served, as in {@code /crm/objects/2026-03/calls}. */
    public static final String VERSION = "2026-03";

    /** HubSpot's ten-second rolling limit per portal, for a private app or an OAuth app's one portal. */
    public static final int TEN_SECONDLY_LIMIT = 100;

    /** HubSpot's default call outcomes, with the ids its Calls API guide lists. */
    public static final Map<String, String> DEFAULT_DISPOSITIONS = defaultDispositions();

    /**
     * The call properties this portal knows (HubSpot's default ones); any other is PROPERTY_DOESNT_EXIST. HubSpot's
     * recordings guide names {@code hs_call_app_id} with the external ids and {@code hs_call_source} as what a call
     * needs for HubSpot to fetch its recording through the app; a call without them is still accepted.
     */
    static final Set<String> CALL_PROPERTIES = Set.of("hs_timestamp", "hs_call_body", "hs_call_callee_object_id",
            "hs_call_callee_object_type", "hs_call_direction", "hs_call_disposition", "hs_call_duration",
            "hs_call_from_number", "hs_call_recording_url", "hs_call_status", "hs_call_title", "hs_call_source",
            "hs_call_to_number", "hubspot_owner_id", "hs_activity_type", "hs_attachment_ids", "hs_call_external_id",
            "hs_call_external_account_id", "hs_call_app_id");

    private static final Set<String> STATUSES = Set.of("BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED",
            "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING");

    /** Object type name (plural, singular or type id) → canonical plural; association type id from calls to it. */
    private static final Map<String, String> OBJECT_TYPES = Map.ofEntries(
            Map.entry("contacts", "contacts"), Map.entry("contact", "contacts"), Map.entry("0-1", "contacts"),
            Map.entry("companies", "companies"), Map.entry("company", "companies"), Map.entry("0-2", "companies"),
            Map.entry("deals", "deals"), Map.entry("deal", "deals"), Map.entry("0-3", "deals"),
            Map.entry("tickets", "tickets"), Map.entry("ticket", "tickets"), Map.entry("0-5", "tickets"));

    /** HubSpot-defined association type ids from a call (unlabelled), per HubSpot's association type list. */
    public static final Map<String, Integer> CALL_ASSOCIATION_TYPES = Map.of("contacts", 194, "companies", 182,
            "deals", 206, "tickets", 220);

    private static final Pattern CALLS = Pattern.compile("/crm/objects/" + VERSION + "/calls");
    private static final Pattern CALL = Pattern.compile("/crm/objects/" + VERSION + "/calls/([^/]+)");
    private static final Pattern SEARCH = Pattern.compile("/crm/objects/" + VERSION + "/calls/search");
    private static final Pattern ASSOCIATE = Pattern.compile("/crm/objects/" + VERSION
            + "/(calls|call|0-48)/([^/]+)/associations/(default/)?([^/]+)/([^/]+)");
    private static final Pattern DISPOSITIONS = Pattern.compile("/calling/v1/dispositions");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.0+)?");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HubSpotPortalTokens tokens;
    private final Clock clock;
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(48_000_000_000L);
    private final Map<Long, Portal> portals = new HashMap<>();
    private final Map<Long, SimCall> calls = new LinkedHashMap<>();
    private final List<LoggedRequest> log = new ArrayList<>();
    private int failNext;
    private int failStatus = 503;
    private int dropAfterWrites;
    private Duration delay = Duration.ZERO;
    private Duration searchLag = Duration.ZERO;

    public HubSpotRestSimulator(HubSpotPortalTokens tokens, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One request as the simulator saw it; {@code endpoint} names the operation, e.g. {@code calls.create}. */
    public record LoggedRequest(Instant at, String method, String path, String endpoint, @Nullable Long portalId,
            int status, String body) { }

    /** A call object as stored; {@code properties} as HubSpot returns them (strings). */
    public record SimCall(long id, long portalId, Map<String, String> properties, Instant createdAt,
            Instant updatedAt) { }

    /** One association from a call to a record, with its HubSpot-defined type id. */
    public record Association(long callId, String toObjectType, String toObjectId, int associationTypeId) { }

    private static final class Portal {
        final long id;
        final Map<String, String> dispositions = new LinkedHashMap<>(DEFAULT_DISPOSITIONS);
        final Map<String, Set<String>> records = new HashMap<>();
        final Deque<Instant> window = new ArrayDeque<>();
        final Set<Association> associations = new LinkedHashSet<>();
        long dailyBudget = Long.MAX_VALUE;
        @Nullable LocalDate day;
        long usedToday;

        Portal(long id) {
            this.id = id;
        }
    }

    // ---- set-up --------------------------------------------------------------------------------------------------

    /** Makes {@code portalId} known (with HubSpot's default call outcomes); returns this for chaining. */
    public HubSpotRestSimulator portal(long portalId) {
        synchronized (lock) {
            portals.computeIfAbsent(portalId, Portal::new);
        }
        return this;
    }

    /** Adds a CRM record (contacts, companies, deals, tickets) that calls may be associated with. */
    public HubSpotRestSimulator record(long portalId, String objectType, String id) {
        String type = canonical(objectType);
        if (type == null) {
            throw new IllegalArgumentException("unknown object type " + objectType);
        }
        synchronized (lock) {
            portals.computeIfAbsent(portalId, Portal::new).records.computeIfAbsent(type, t -> new LinkedHashSet<>())
                    .add(id);
        }
        return this;
    }

    /** Adds a custom call outcome to the portal; returns its GUID. */
    public String addDisposition(long portalId, String label) {
        String id = UUID.randomUUID().toString();
        synchronized (lock) {
            portals.computeIfAbsent(portalId, Portal::new).dispositions.put(id, label);
        }
        return id;
    }

    /** The portal's daily request budget (HubSpot's depends on the subscription); past it every request is 429. */
    public void dailyBudget(long portalId, long budget) {
        synchronized (lock) {
            portals.computeIfAbsent(portalId, Portal::new).dailyBudget = budget;
        }
    }

    /** A call as the SDK's engagement would have made it (what {@code createEngagement} does in the frame). */
    public long createEngagement(long portalId, Map<String, String> properties) {
        synchronized (lock) {
            portals.computeIfAbsent(portalId, Portal::new);
            long id = ids.incrementAndGet();
            Instant now = clock.instant();
            calls.put(id, new SimCall(id, portalId, Map.copyOf(properties), now, now));
            return id;
        }
    }

    /**
     * Updates a call as the SDK's {@code CALL_COMPLETED} would (what HubSpot does with a frame's engagement
     * properties): merges {@code properties} into the call, unchecked, as HubSpot's own UI does. Returns false for a
     * call not of {@code portalId}.
     */
    public boolean updateEngagement(long portalId, long id, Map<String, String> properties) {
        synchronized (lock) {
            SimCall call = calls.get(id);
            if (call == null || call.portalId() != portalId) {
                return false;
            }
            Map<String, String> merged = new LinkedHashMap<>(call.properties());
            merged.putAll(properties);
            calls.put(id, new SimCall(id, portalId, Map.copyOf(merged), call.createdAt(), clock.instant()));
            return true;
        }
    }

    /** The portal's call outcomes, GUID → label. */
    public Map<String, String> outcomes(long portalId) {
        synchronized (lock) {
            Portal p = portals.get(portalId);
            return p == null ? DEFAULT_DISPOSITIONS : Map.copyOf(p.dispositions);
        }
    }

    // ---- hooks ---------------------------------------------------------------------------------------------------

    /** The next {@code n} authenticated requests fail with {@code status} (a 5xx) before doing anything. */
    public void failNext(int n, int status) {
        synchronized (lock) {
            failNext = n;
            failStatus = status;
        }
    }

    /** The next write (create, update, association) is performed, then the connection is dropped unanswered. */
    public void dropAfterNextWrite() {
        synchronized (lock) {
            dropAfterWrites++;
        }
    }

    /** Every request waits this long before being handled (for client timeouts). */
    public void delay(Duration value) {
        synchronized (lock) {
            delay = Objects.requireNonNull(value, "delay");
        }
    }

    /** Search finds a call only this long after its creation, as HubSpot's search index lags its writes. */
    public void searchLag(Duration value) {
        synchronized (lock) {
            searchLag = Objects.requireNonNull(value, "searchLag");
        }
    }

    // ---- inspection ----------------------------------------------------------------------------------------------

    public Optional<SimCall> call(long id) {
        synchronized (lock) {
            return Optional.ofNullable(calls.get(id));
        }
    }

    public List<SimCall> calls(long portalId) {
        synchronized (lock) {
            return calls.values().stream().filter(c -> c.portalId() == portalId).toList();
        }
    }

    public List<Association> associations(long callId) {
        synchronized (lock) {
            SimCall call = calls.get(callId);
            if (call == null) {
                return List.of();
            }
            return portals.get(call.portalId()).associations.stream().filter(a -> a.callId() == callId).toList();
        }
    }

    public List<LoggedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** How many requests reached {@code endpoint} (e.g. {@code calls.create}), whatever their answer. */
    public long count(String endpoint) {
        synchronized (lock) {
            return log.stream().filter(r -> r.endpoint().equals(endpoint)).count();
        }
    }

    /** Requests per endpoint so far ({@code calls.create}, {@code calls.update}, {@code calls.search}, ...). */
    public Map<String, Long> counts() {
        synchronized (lock) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            log.forEach(r -> counts.merge(r.endpoint(), 1L, Long::sum));
            return counts;
        }
    }

    /** The most requests of {@code portalId} that HubSpot would have counted in any rolling ten seconds. */
    public int maxInTenSeconds(long portalId) {
        synchronized (lock) {
            List<Instant> times = log.stream().filter(r -> Objects.equals(r.portalId(), portalId) && r.status() != 429
                    && r.status() != 401).map(LoggedRequest::at).toList();
            int max = 0;
            int start = 0;
            for (int end = 0; end < times.size(); end++) {
                while (!times.get(start).isAfter(times.get(end).minusSeconds(10))) {
                    start++;
                }
                max = Math.max(max, end - start + 1);
            }
            return max;
        }
    }

    // ---- handling ------------------------------------------------------------------------------------------------

    private record Answer(int status, @Nullable JsonNode body, Map<String, String> headers, boolean drop) {
        static Answer of(int status, @Nullable JsonNode body) {
            return new Answer(status, body, Map.of(), false);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String endpoint = endpoint(method, path);
        if (endpoint.equals("unknown")) {
            // Not one of these endpoints: the next handler's (another simulated HubSpot API, or a 404).
            return false;
        }
        String body = Content.Source.asString(request, UTF_8);
        Duration wait;
        synchronized (lock) {
            wait = delay;
        }
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
        Answer answer;
        Long portal = null;
        synchronized (lock) {
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            Authenticated who = authenticate(auth);
            if (who.error != null) {
                answer = who.error;
            } else {
                portal = who.portalId;
                answer = limited(who.portalId);
                if (answer == null) {
                    answer = failing();
                }
                if (answer == null) {
                    answer = route(method, path, body, who.portalId);
                    if (answer.status() < 300 && isWrite(endpoint) && dropAfterWrites > 0) {
                        dropAfterWrites--;
                        answer = new Answer(answer.status(), answer.body(), answer.headers(), true);
                    }
                }
            }
            log.add(new LoggedRequest(clock.instant(), method, path, endpoint, portal, answer.status(), body));
        }
        if (answer.drop()) {
            // Closed under the response: the client sees the connection end with no answer at all.
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.succeeded();
            return true;
        }
        response.setStatus(answer.status());
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (answer.body() == null) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, UTF_8.encode(JSON.writeValueAsString(answer.body())), callback);
        return true;
    }

    private static boolean isWrite(String endpoint) {
        return endpoint.equals("calls.create") || endpoint.equals("calls.update") || endpoint.equals("associations");
    }

    static String endpoint(String method, String path) {
        if (SEARCH.matcher(path).matches()) {
            return "calls.search";
        }
        if (CALLS.matcher(path).matches()) {
            return "calls.create";
        }
        if (ASSOCIATE.matcher(path).matches()) {
            return "associations";
        }
        if (CALL.matcher(path).matches()) {
            return "PATCH".equals(method) ? "calls.update" : "calls.read";
        }
        if (DISPOSITIONS.matcher(path).matches()) {
            return "dispositions";
        }
        return "unknown";
    }

    private record Authenticated(long portalId, @Nullable Answer error) { }

    private Authenticated authenticate(@Nullable String header) {
        if (header == null || !header.startsWith("Bearer ") || header.length() <= "Bearer ".length()) {
            return new Authenticated(0, Answer.of(401, error("Authentication credentials not found. This API supports "
                    + "OAuth 2.0 authentication.", "INVALID_AUTHENTICATION")));
        }
        HubSpotPortalTokens.Check check = tokens.check(header.substring("Bearer ".length()));
        if (check instanceof HubSpotPortalTokens.Check.Valid valid) {
            portals.computeIfAbsent(valid.portalId(), Portal::new);
            return new Authenticated(valid.portalId(), null);
        }
        if (check instanceof HubSpotPortalTokens.Check.Expired expired) {
            return new Authenticated(0, Answer.of(401, error("The OAuth token used to make this call expired.",
                    "EXPIRED_AUTHENTICATION")));
        }
        return new Authenticated(0, Answer.of(401, error("The access token provided is invalid or has been revoked.",
                "INVALID_AUTHENTICATION")));
    }

    /** The ten-second rolling window and the daily budget, counted per portal for the requests they let through. */
    private @Nullable Answer limited(long portalId) {
        Portal p = portals.get(portalId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(p.day)) {
            p.day = today;
            p.usedToday = 0;
        }
        if (p.usedToday >= p.dailyBudget) {
            return rateLimited("DAILY", "You have reached your daily limit.", p, null);
        }
        while (!p.window.isEmpty() && !p.window.peekFirst().isAfter(now.minusSeconds(10))) {
            p.window.removeFirst();
        }
        if (p.window.size() >= TEN_SECONDLY_LIMIT) {
            Instant free = p.window.peekFirst().plusSeconds(10);
            long seconds = Math.max(1, (Duration.between(now, free).toMillis() + 999) / 1000);
            return rateLimited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", p,
                    seconds);
        }
        p.window.addLast(now);
        p.usedToday++;
        return null;
    }

    private Answer rateLimited(String policy, String message, Portal p, @Nullable Long retryAfterSeconds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("policyName", policy);
        body.put("requestId", UUID.randomUUID().toString());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-HubSpot-RateLimit-Max", Integer.toString(TEN_SECONDLY_LIMIT));
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        if (p.dailyBudget != Long.MAX_VALUE) {
            headers.put("X-HubSpot-RateLimit-Daily", Long.toString(p.dailyBudget));
            headers.put("X-HubSpot-RateLimit-Daily-Remaining", "0");
        }
        if (retryAfterSeconds != null) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return new Answer(429, body, headers, false);
    }

    private @Nullable Answer failing() {
        if (failNext <= 0) {
            return null;
        }
        failNext--;
        return Answer.of(failStatus, error("internal error (simulated)", "INTERNAL_ERROR"));
    }

    private Answer route(String method, String path, String body, long portalId) {
        try {
            Matcher m;
            if (SEARCH.matcher(path).matches()) {
                return "POST".equals(method) ? search(body, portalId) : methodNotAllowed();
            }
            if (CALLS.matcher(path).matches()) {
                return "POST".equals(method) ? create(body, portalId) : methodNotAllowed();
            }
            if ((m = ASSOCIATE.matcher(path)).matches()) {
                return "PUT".equals(method) ? associate(m, body, portalId) : methodNotAllowed();
            }
            if ((m = CALL.matcher(path)).matches()) {
                return switch (method) {
                    case "PATCH" -> update(m.group(1), body, portalId);
                    case "GET" -> read(m.group(1), portalId);
                    default -> methodNotAllowed();
                };
            }
            if (DISPOSITIONS.matcher(path).matches()) {
                return "GET".equals(method) ? dispositions(portalId) : methodNotAllowed();
            }
            return notFound();
        } catch (JacksonException e) {
            return Answer.of(400, error("Invalid input JSON on line 1: the body could not be parsed.",
                    "VALIDATION_ERROR"));
        }
    }

    private Answer create(String body, long portalId) {
        JsonNode root = JSON.readTree(body);
        if (!root.isObject()) {
            return Answer.of(400, error("Invalid input JSON: expected an object", "VALIDATION_ERROR"));
        }
        Map<String, String> props = new LinkedHashMap<>();
        Answer invalid = properties(root.get("properties"), portalId, true, props);
        if (invalid != null) {
            return invalid;
        }
        List<Association> toAdd = new ArrayList<>();
        JsonNode associations = root.get("associations");
        long id = ids.get() + 1;
        if (associations != null && !associations.isNull()) {
            if (!associations.isArray()) {
                return Answer.of(400, error("associations must be an array", "VALIDATION_ERROR"));
            }
            for (JsonNode a : associations) {
                JsonNode to = a.path("to").path("id");
                JsonNode types = a.path("types");
                if (!(to.isString() || to.isNumber()) || !types.isArray() || types.isEmpty()) {
                    return Answer.of(400, error("Each association needs to.id and types", "VALIDATION_ERROR"));
                }
                String toId = to.isString() ? to.stringValue() : to.asString();
                for (JsonNode type : types) {
                    int typeId = type.path("associationTypeId").asInt(-1);
                    String category = type.path("associationCategory").asString("HUBSPOT_DEFINED");
                    String toType = CALL_ASSOCIATION_TYPES.entrySet().stream()
                            .filter(e -> e.getValue() == typeId).map(Map.Entry::getKey).findFirst().orElse(null);
                    if (toType == null || !"HUBSPOT_DEFINED".equals(category)) {
                        return Answer.of(400, error("Invalid association type " + typeId + " for calls",
                                "VALIDATION_ERROR"));
                    }
                    if (!recordExists(portalId, toType, toId)) {
                        return Answer.of(400, error("One or more associations are invalid: " + toType + " " + toId
                                + " does not exist", "VALIDATION_ERROR"));
                    }
                    toAdd.add(new Association(id, toType, toId, typeId));
                }
            }
        }
        id = ids.incrementAndGet();
        Instant now = clock.instant();
        SimCall call = new SimCall(id, portalId, Map.copyOf(props), now, now);
        calls.put(id, call);
        for (Association a : toAdd) {
            portals.get(portalId).associations.add(new Association(id, a.toObjectType(), a.toObjectId(),
                    a.associationTypeId()));
        }
        return Answer.of(201, callJson(call, null));
    }

    private Answer update(String rawId, String body, long portalId) {
        SimCall call = ownCall(rawId, portalId);
        if (call == null) {
            return notFound();
        }
        JsonNode root = JSON.readTree(body);
        Map<String, String> props = new LinkedHashMap<>();
        Answer invalid = properties(root.get("properties"), portalId, false, props);
        if (invalid != null) {
            return invalid;
        }
        Map<String, String> merged = new LinkedHashMap<>(call.properties());
        merged.putAll(props);
        SimCall updated = new SimCall(call.id(), portalId, Map.copyOf(merged), call.createdAt(), clock.instant());
        calls.put(call.id(), updated);
        return Answer.of(200, callJson(updated, null));
    }

    private Answer read(String rawId, long portalId) {
        SimCall call = ownCall(rawId, portalId);
        return call == null ? notFound() : Answer.of(200, callJson(call, null));
    }

    private Answer associate(Matcher m, String body, long portalId) {
        SimCall call = ownCall(m.group(2), portalId);
        String toType = canonical(m.group(4));
        String toId = m.group(5);
        if (call == null || toType == null || !recordExists(portalId, toType, toId)) {
            return notFound();
        }
        int expected = CALL_ASSOCIATION_TYPES.get(toType);
        List<Integer> typeIds = new ArrayList<>();
        if (m.group(3) != null) {
            typeIds.add(expected);
        } else {
            JsonNode types = JSON.readTree(body);
            if (!types.isArray() || types.isEmpty()) {
                return Answer.of(400, error("The body must be a non-empty array of association types",
                        "VALIDATION_ERROR"));
            }
            for (JsonNode type : types) {
                int typeId = type.path("associationTypeId").asInt(-1);
                if (typeId != expected || !"HUBSPOT_DEFINED".equals(type.path("associationCategory").asString(""))) {
                    return Answer.of(400, error("Invalid association type " + typeId + " from calls to " + toType,
                            "VALIDATION_ERROR"));
                }
                typeIds.add(typeId);
            }
        }
        for (int typeId : typeIds) {
            portals.get(portalId).associations.add(new Association(call.id(), toType, toId, typeId));
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("fromObjectTypeId", "0-48");
        result.put("fromObjectId", call.id());
        result.put("toObjectTypeId", typeIdOf(toType));
        result.put("toObjectId", Long.parseLong(toId));
        ArrayNode labels = result.putArray("labels");
        labels.size();
        return Answer.of(200, result);
    }

    private Answer search(String body, long portalId) {
        JsonNode root = JSON.readTree(body);
        JsonNode groups = root.path("filterGroups");
        if (!groups.isArray()) {
            return Answer.of(400, error("filterGroups must be an array", "VALIDATION_ERROR"));
        }
        List<Map<String, String>> anyOf = new ArrayList<>();
        for (JsonNode group : groups) {
            Map<String, String> all = new LinkedHashMap<>();
            for (JsonNode filter : group.path("filters")) {
                String name = filter.path("propertyName").asString("");
                String operator = filter.path("operator").asString("");
                if (!CALL_PROPERTIES.contains(name)) {
                    return Answer.of(400, propertyError("PROPERTY_DOESNT_EXIST", name,
                            "Property \"" + name + "\" does not exist"));
                }
                if (!"EQ".equals(operator)) {
                    return Answer.of(400, error("The simulator supports only the EQ operator, not " + operator,
                            "VALIDATION_ERROR"));
                }
                all.put(name, filter.path("value").asString(""));
            }
            anyOf.add(all);
        }
        int limit = root.path("limit").asInt(10);
        if (limit < 1 || limit > 200) {
            return Answer.of(400, error("limit must be between 1 and 200", "VALIDATION_ERROR"));
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode p : root.path("properties")) {
            wanted.add(p.asString(""));
        }
        Instant visibleBefore = clock.instant().minus(searchLag);
        List<SimCall> found = calls.values().stream().filter(c -> c.portalId() == portalId)
                .filter(c -> searchLag.isZero() || !c.createdAt().isAfter(visibleBefore))
                .filter(c -> anyOf.isEmpty() || anyOf.stream().anyMatch(all -> all.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(c.properties().get(e.getKey())))))
                .toList();
        ObjectNode result = JSON.createObjectNode();
        result.put("total", found.size());
        ArrayNode results = result.putArray("results");
        found.stream().limit(limit).forEach(c -> results.add(callJson(c, wanted)));
        return Answer.of(200, result);
    }

    private Answer dispositions(long portalId) {
        ArrayNode list = JSON.createArrayNode();
        portals.get(portalId).dispositions.forEach((id, label) -> {
            ObjectNode d = list.addObject();
            d.put("id", id);
            d.put("label", label);
        });
        return Answer.of(200, list);
    }

    /** Validates the {@code properties} object as HubSpot does; fills {@code out} with the string values. */
    private @Nullable Answer properties(@Nullable JsonNode node, long portalId, boolean create,
            Map<String, String> out) {
        if (node == null || !node.isObject()) {
            return Answer.of(400, error("properties must be an object", "VALIDATION_ERROR"));
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!CALL_PROPERTIES.contains(name)) {
                return Answer.of(400, propertyError("PROPERTY_DOESNT_EXIST", name,
                        "Property \"" + name + "\" does not exist"));
            }
            if (v.isNull()) {
                out.put(name, "");
                continue;
            }
            if (!(v.isString() || v.isNumber() || v.isBoolean())) {
                return Answer.of(400, propertyError("INVALID_PROPERTY_VALUE", name,
                        name + " must be a string or a number"));
            }
            String value = v.isString() ? v.stringValue() : v.asString();
            String problem = check(name, value, portalId);
            if (problem != null) {
                return Answer.of(400, propertyError(problem.substring(0, problem.indexOf(' ')), name,
                        problem.substring(problem.indexOf(' ') + 1)));
            }
            out.put(name, value);
        }
        if (create && !out.containsKey("hs_timestamp")) {
            return Answer.of(400, propertyError("REQUIRED_PROPERTY", "hs_timestamp",
                    "hs_timestamp is required to create a call"));
        }
        return null;
    }

    /** Null if fine, else "CODE message". */
    private @Nullable String check(String name, String value, long portalId) {
        switch (name) {
            case "hs_timestamp" -> {
                if (!NUMBER.matcher(value).matches()) {
                    try {
                        Instant.parse(value);
                    } catch (RuntimeException e) {
                        return "INVALID_DATETIME " + value + " is not a valid timestamp for hs_timestamp";
                    }
                }
            }
            case "hs_call_duration", "hubspot_owner_id", "hs_call_callee_object_id" -> {
                if (!value.isEmpty() && !NUMBER.matcher(value).matches()) {
                    return "INVALID_LONG \"" + value + "\" is not a valid number for " + name;
                }
            }
            case "hs_call_direction" -> {
                if (!value.equals("INBOUND") && !value.equals("OUTBOUND")) {
                    return "INVALID_OPTION " + name + " was not one of the allowed options";
                }
            }
            case "hs_call_status" -> {
                if (!STATUSES.contains(value)) {
                    return "INVALID_OPTION " + name + " was not one of the allowed options";
                }
            }
            case "hs_call_disposition" -> {
                if (!value.isEmpty() && !portals.get(portalId).dispositions.containsKey(value)) {
                    return "INVALID_OPTION " + name + " was not one of the portal's call outcomes";
                }
            }
            case "hs_call_recording_url" -> {
                if (!value.isEmpty() && !value.toLowerCase(Locale.ROOT).startsWith("https://")) {
                    return "INVALID_URL " + name + " must be an https URL";
                }
            }
            default -> {
                // free text
            }
        }
        return null;
    }

    private @Nullable SimCall ownCall(String rawId, long portalId) {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            return null;
        }
        SimCall call = calls.get(id);
        return call == null || call.portalId() != portalId ? null : call;
    }

    private boolean recordExists(long portalId, String type, String id) {
        Portal p = portals.get(portalId);
        return p != null && p.records.getOrDefault(type, Set.of()).contains(id);
    }

    private static @Nullable String canonical(String objectType) {
        return OBJECT_TYPES.get(objectType.toLowerCase(Locale.ROOT));
    }

    private static String typeIdOf(String type) {
        return switch (type) {
            case "contacts" -> "0-1";
            case "companies" -> "0-2";
            case "deals" -> "0-3";
            default -> "0-5";
        };
    }

    private static ObjectNode callJson(SimCall call, @Nullable List<String> only) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", Long.toString(call.id()));
        ObjectNode props = node.putObject("properties");
        props.put("hs_object_id", Long.toString(call.id()));
        props.put("hs_createdate", call.createdAt().toString());
        props.put("hs_lastmodifieddate", call.updatedAt().toString());
        call.properties().forEach((k, v) -> {
            if (only == null || only.contains(k)) {
                props.put(k, v);
            }
        });
        node.put("createdAt", call.createdAt().toString());
        node.put("updatedAt", call.updatedAt().toString());
        node.put("archived", false);
        return node;
    }

    private static ObjectNode error(String message, String category) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        return body;
    }

    private static ObjectNode propertyError(String code, String property, String message) {
        ObjectNode body = error("Property values were not valid: " + message, "VALIDATION_ERROR");
        ObjectNode detail = body.putArray("errors").addObject();
        detail.put("message", message);
        detail.put("code", code);
        detail.putObject("context").putArray("propertyName").add(property);
        return body;
    }

    private static Answer notFound() {
        return Answer.of(404, error("resource not found", "OBJECT_NOT_FOUND"));
    }

    private static Answer methodNotAllowed() {
        return Answer.of(405, error("method not allowed", "VALIDATION_ERROR"));
    }

    private static Map<String, String> defaultDispositions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("9d9162e7-6cf3-4944-bf63-4dff82258764", "Busy");
        d.put("f240bbac-87c9-4f6e-bf70-924b57d47db7", "Connected");
        d.put("a4c4c377-d246-4b32-a13b-75a56a4cd0ff", "Left live message");
        d.put("b2cf5968-551e-4856-9783-52b3da59a7d0", "Left voicemail");
        d.put("73a0d17f-1163-4015-bdd5-ec830791da20", "No answer");
        d.put("17b47fee-58de-441e-a44c-c6300d46f273", "Wrong number");
        return Map.copyOf(d);
    }
}
