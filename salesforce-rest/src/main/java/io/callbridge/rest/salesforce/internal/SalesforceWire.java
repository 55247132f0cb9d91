package io.callbridge.rest.salesforce.internal;

import io.callbridge.rest.salesforce.SalesforceApiError;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every JSON body the fallback sends to Salesforce or reads from it (and the ledger's values), as typed records:
 * each body it sends is built by {@code toJson()}, each body it reads by {@code read(…)}, which refuses a body that
 * does not have the shape Salesforce documents with a {@link WireFormatException} naming the field.
 */
public final class SalesforceWire {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private SalesforceWire() {
    }

    /** A body that is not what Salesforce sends (or what the fallback may send); the message names the field. */
    public static final class WireFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WireFormatException(String message) {
            super(message);
        }
    }

    /** Parses {@code text} as JSON; a body that is not JSON is a {@link WireFormatException} about {@code what}. */
    public static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new WireFormatException(what + " is not JSON");
        }
    }

    static boolean isId(@Nullable String value) {
        return value != null && ID.matcher(value).matches();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isEmpty()) {
            throw new WireFormatException("'" + field + "' must be a non-empty string");
        }
        return v.asString();
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new WireFormatException("'" + field + "' must be a string");
        }
        return v.asString();
    }

    private static String idField(JsonNode node, String field) {
        String v = text(node, field);
        if (!isId(v)) {
            throw new WireFormatException("'" + field + "' must be a Salesforce id (15 or 18 letters and digits)");
        }
        return v;
    }

    private static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new WireFormatException(what + " must be a JSON object");
        }
        return node;
    }

    private static ArrayNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new WireFormatException("'" + field + "' must be an array");
        }
        return (ArrayNode) v;
    }

    // ---- OAuth -----------------------------------------------------------------------------------------------------

    /** The JWT's header: always RS256. */
    public record JwtHeader(String alg) {
        public static final JwtHeader RS256 = new JwtHeader("RS256");

        public JwtHeader {
            if (!"RS256".equals(alg)) {
                throw new WireFormatException("'alg' must be RS256");
            }
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("alg", alg);
            return o;
        }
    }

    /** The JWT bearer assertion's claims. */
    public record JwtClaims(String iss, String sub, String aud, long exp) {
        public JwtClaims {
            Objects.requireNonNull(iss, "iss");
            Objects.requireNonNull(sub, "sub");
            Objects.requireNonNull(aud, "aud");
            if (iss.isEmpty() || sub.isEmpty() || aud.isEmpty()) {
                throw new WireFormatException("'iss', 'sub' and 'aud' must be non-empty");
            }
            if (exp <= 0) {
                throw new WireFormatException("'exp' must be seconds since the epoch");
            }
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("iss", iss);
            o.put("sub", sub);
            o.put("aud", aud);
            o.put("exp", exp);
            return o;
        }
    }

    /** The token endpoint's answer to a good JWT. */
    public record TokenResponse(String accessToken, URI instanceUrl, String tokenType, @Nullable String scope,
            @Nullable String id) {
        public TokenResponse {
            Objects.requireNonNull(accessToken, "access_token");
            Objects.requireNonNull(instanceUrl, "instance_url");
            if (!"Bearer".equalsIgnoreCase(tokenType)) {
                throw new WireFormatException("'token_type' must be Bearer");
            }
        }

        public static TokenResponse read(JsonNode body) {
            object(body, "the token response");
            URI instance;
            try {
                instance = URI.create(text(body, "instance_url"));
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("'instance_url' must be a URL");
            }
            if (!instance.isAbsolute() || instance.getHost() == null) {
                throw new WireFormatException("'instance_url' must be an absolute URL");
            }
            return new TokenResponse(text(body, "access_token"), instance, text(body, "token_type"),
                    optionalText(body, "scope"), optionalText(body, "id"));
        }

        /** Leaves the token out. */
        @Override
        public String toString() {
            return "TokenResponse[instanceUrl=" + instanceUrl + ", scope=" + scope + "]";
        }
    }

    /** The token endpoint's refusal, e.g. {@code invalid_grant}. */
    public record OAuthError(String error, @Nullable String description) {
        public static OAuthError read(JsonNode body) {
            object(body, "the token error");
            return new OAuthError(text(body, "error"), optionalText(body, "error_description"));
        }
    }

    // ---- errors ----------------------------------------------------------------------------------------------------

    /** Salesforce's error body: a list of {@code {message, errorCode, fields}}. */
    public static List<SalesforceApiError> readErrors(JsonNode body) {
        if (!body.isArray()) {
            throw new WireFormatException("an error body must be an array");
        }
        List<SalesforceApiError> errors = new ArrayList<>();
        int i = 0;
        for (JsonNode e : body) {
            object(e, "errors[" + i + "]");
            List<String> fields = new ArrayList<>();
            JsonNode f = e.get("fields");
            if (f != null && !f.isNull()) {
                if (!f.isArray()) {
                    throw new WireFormatException("errors[" + i + "].'fields' must be an array");
                }
                f.forEach(n -> fields.add(n.asString("")));
            }
            JsonNode code = e.has("errorCode") ? e : null;
            if (code == null) {
                // Composite and action results name it statusCode.
                errors.add(new SalesforceApiError(text(e, "statusCode"), optionalText(e, "message") == null ? ""
                        : optionalText(e, "message"), fields));
            } else {
                errors.add(new SalesforceApiError(text(e, "errorCode"), optionalText(e, "message") == null ? ""
                        : optionalText(e, "message"), fields));
            }
            i++;
        }
        return errors;
    }

    // ---- Task ------------------------------------------------------------------------------------------------------

    /** The fields of a new Task, by API name, as the adapter's {@code saveLog} would send them. */
    public record TaskCreate(Map<String, @Nullable Object> fields) {
        /** Open CTI's own key, which says which object saveLog writes; not a field of the REST body. */
        static final Set<String> NOT_FIELDS = Set.of("entityApiName", "Id", "attributes");

        public TaskCreate {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                String name = e.getKey();
                if (NOT_FIELDS.contains(name)) {
                    continue;
                }
                if (!API_NAME.matcher(name).matches()) {
                    throw new WireFormatException("Task field '" + name + "' is not an API name");
                }
                Object v = e.getValue();
                if (v instanceof LocalDate d) {
                    v = d.toString();
                } else if (v instanceof Enum<?> en) {
                    v = en.toString();
                }
                if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new WireFormatException("Task field '" + name + "' must be text, a number, a boolean or"
                            + " a date");
                }
                copy.put(name, v);
            }
            if (copy.isEmpty()) {
                throw new WireFormatException("a Task needs at least one field");
            }
            fields = java.util.Collections.unmodifiableMap(copy);
        }

        public @Nullable String callObject() {
            return fields.get("CallObject") instanceof String s && !s.isEmpty() ? s : null;
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            fields.forEach((name, v) -> {
                if (v == null) {
                    o.putNull(name);
                } else if (v instanceof String s) {
                    o.put(name, s);
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                    o.put(name, ((Number) v).longValue());
                } else {
                    o.put(name, new java.math.BigDecimal(v.toString()));
                }
            });
            return o;
        }

        /** Field names only: values may hold numbers and names. */
        @Override
        public String toString() {
            return "TaskCreate" + fields.keySet();
        }
    }

    /** The answer to one sObject create. */
    public record SaveResult(String id, boolean success, List<SalesforceApiError> errors) {
        public SaveResult {
            errors = List.copyOf(errors);
        }

        public static SaveResult read(JsonNode body) {
            object(body, "the create result");
            JsonNode success = body.get("success");
            if (success == null || !success.isBoolean()) {
                throw new WireFormatException("'success' must be a boolean");
            }
            List<SalesforceApiError> errors = body.has("errors") ? readErrors(array(body, "errors")) : List.of();
            return new SaveResult(idField(body, "id"), success.asBoolean(), errors);
        }
    }

    /** A composite request of Task creations; {@code allOrNone}: all are created or none. */
    public record CompositeRequest(boolean allOrNone, List<SubRequest> requests) {
        public CompositeRequest {
            requests = List.copyOf(requests);
            if (requests.isEmpty() || requests.size() > 25) {
                throw new WireFormatException("'compositeRequest' must hold 1-25 subrequests");
            }
            if (requests.stream().map(SubRequest::referenceId).distinct().count() != requests.size()) {
                throw new WireFormatException("'referenceId' must be unique within the request");
            }
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("allOrNone", allOrNone);
            ArrayNode list = o.putArray("compositeRequest");
            for (SubRequest r : requests) {
                ObjectNode s = list.addObject();
                s.put("method", "POST");
                s.put("url", r.url());
                s.put("referenceId", r.referenceId());
                s.set("body", r.task().toJson());
            }
            return o;
        }

        /** One Task creation: {@code POST url} with the Task's fields. */
        public record SubRequest(String url, String referenceId, TaskCreate task) {
            private static final Pattern REFERENCE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

            public SubRequest {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(task, "task");
                if (!url.startsWith("/services/data/v")) {
                    throw new WireFormatException("'url' must be a /services/data path");
                }
                if (referenceId == null || !REFERENCE.matcher(referenceId).matches()) {
                    throw new WireFormatException("'referenceId' must start with a letter: letters, digits, _");
                }
            }
        }
    }

    /** The composite answer: one result per subrequest, in order. */
    public record CompositeResponse(List<SubResponse> responses) {
        public CompositeResponse {
            responses = List.copyOf(responses);
        }

        public static CompositeResponse read(JsonNode body) {
            object(body, "the composite response");
            List<SubResponse> out = new ArrayList<>();
            int i = 0;
            for (JsonNode r : array(body, "compositeResponse")) {
                object(r, "compositeResponse[" + i + "]");
                JsonNode status = r.get("httpStatusCode");
                if (status == null || !status.canConvertToInt()) {
                    throw new WireFormatException("compositeResponse[" + i + "].'httpStatusCode' must be a number");
                }
                JsonNode b = r.get("body");
                int code = status.asInt();
                SaveResult saved = null;
                List<SalesforceApiError> errors = List.of();
                if (code >= 200 && code < 300) {
                    saved = SaveResult.read(object(b, "compositeResponse[" + i + "].'body'"));
                } else if (b != null && b.isArray()) {
                    errors = readErrors(b);
                }
                out.add(new SubResponse(text(r, "referenceId"), code, saved, errors));
                i++;
            }
            return new CompositeResponse(out);
        }

        public record SubResponse(String referenceId, int httpStatusCode, @Nullable SaveResult saved,
                List<SalesforceApiError> errors) {
            public SubResponse {
                errors = List.copyOf(errors);
            }
        }
    }

    /** The query's answer: the ids of the Tasks found. */
    public record QueryResult(int totalSize, boolean done, List<String> ids) {
        public QueryResult {
            ids = List.copyOf(ids);
        }

        public static QueryResult read(JsonNode body) {
            object(body, "the query result");
            JsonNode total = body.get("totalSize");
            JsonNode done = body.get("done");
            if (total == null || !total.canConvertToInt()) {
                throw new WireFormatException("'totalSize' must be a number");
            }
            if (done == null || !done.isBoolean()) {
                throw new WireFormatException("'done' must be a boolean");
            }
            List<String> ids = new ArrayList<>();
            int i = 0;
            for (JsonNode r : array(body, "records")) {
                object(r, "records[" + i + "]");
                try {
                    ids.add(idField(r, "Id"));
                } catch (WireFormatException e) {
                    throw new WireFormatException("records[" + i + "]." + e.getMessage());
                }
                i++;
            }
            return new QueryResult(total.asInt(), done.asBoolean(), ids);
        }

        /** The SOQL that finds the Tasks of a call, quoted as SOQL quotes. */
        public static String byCallObject(String callObject) {
            return "SELECT Id FROM Task WHERE CallObject = '" + callObject.replace("\\", "\\\\").replace("'", "\\'")
                    + "'";
        }
    }

    // ---- Sales Engagement --------------------------------------------------------------------------------------

    /** {@code sendSalesCadenceEvent}'s input: an event for one cadence step tracker. */
    public record CadenceEvent(String recordId, String eventType) {
        public static final String MANUAL_COMPLETE = "ManualComplete";

        public CadenceEvent {
            if (!isId(recordId)) {
                throw new WireFormatException("'recordId' must be the id of a cadence step tracker");
            }
            if (!MANUAL_COMPLETE.equals(eventType) && !"Skip".equals(eventType)) {
                throw new WireFormatException("'eventType' must be ManualComplete or Skip");
            }
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            ObjectNode input = o.putArray("inputs").addObject();
            input.put("recordId", recordId);
            input.put("eventType", eventType);
            return o;
        }
    }

    /** One invocable action's result. */
    public record ActionResult(String actionName, boolean isSuccess, List<SalesforceApiError> errors) {
        public ActionResult {
            errors = List.copyOf(errors);
        }

        public static List<ActionResult> readAll(JsonNode body) {
            if (!body.isArray() || body.isEmpty()) {
                throw new WireFormatException("an action's answer must be a non-empty array");
            }
            List<ActionResult> out = new ArrayList<>();
            for (JsonNode r : body) {
                object(r, "an action result");
                JsonNode ok = r.get("isSuccess");
                if (ok == null || !ok.isBoolean()) {
                    throw new WireFormatException("'isSuccess' must be a boolean");
                }
                JsonNode errors = r.get("errors");
                out.add(new ActionResult(text(r, "actionName"), ok.asBoolean(),
                        errors == null || errors.isNull() ? List.of() : readErrors(errors)));
            }
            return out;
        }
    }

    // ---- the ledger ----------------------------------------------------------------------------------------------

    /** What the ledger knows of a call's Task: being created (an unclear outcome until a query says), or created. */
    public record LedgerEntry(State state, @Nullable String taskId) {
        public enum State { CREATING, CREATED }

        public static final LedgerEntry CREATING_ENTRY = new LedgerEntry(State.CREATING, null);

        public LedgerEntry {
            Objects.requireNonNull(state, "state");
            if ((state == State.CREATED) != (taskId != null)) {
                throw new WireFormatException("'taskId' is there exactly when 'state' is created");
            }
            if (taskId != null && !isId(taskId)) {
                throw new WireFormatException("'taskId' must be a Salesforce id");
            }
        }

        public static LedgerEntry created(String taskId) {
            return new LedgerEntry(State.CREATED, taskId);
        }

        public static LedgerEntry read(JsonNode body) {
            object(body, "a ledger entry");
            String state = text(body, "state");
            return switch (state) {
                case "creating" -> new LedgerEntry(State.CREATING, optionalText(body, "taskId"));
                case "created" -> new LedgerEntry(State.CREATED, idField(body, "taskId"));
                default -> throw new WireFormatException("'state' must be creating or created");
            };
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("state", state == State.CREATING ? "creating" : "created");
            if (taskId != null) {
                o.put("taskId", taskId);
            }
            return o;
        }
    }
}
