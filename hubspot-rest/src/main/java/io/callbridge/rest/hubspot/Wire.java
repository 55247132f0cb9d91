package io.callbridge.rest.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies the fallback sends to HubSpot and reads back, as typed models with validation naming the field,
 * and their one encoding. Each has a golden fixture under {@code src/test/resources/golden/hubspot-rest}.
 */
final class Wire {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    private Wire() {
    }

    // ---- sent ----------------------------------------------------------------------------------------------------

    /** One association type, as {@code types[]} of a create's association or the body of the labelled PUT. */
    record AssociationSpec(String associationCategory, int associationTypeId) {
        AssociationSpec {
            Objects.requireNonNull(associationCategory, "associationCategory");
            if (associationTypeId <= 0) {
                throw new WireException("associationTypeId", "must be positive");
            }
        }

        static AssociationSpec hubSpotDefined(int typeId) {
            return new AssociationSpec("HUBSPOT_DEFINED", typeId);
        }
    }

    /** {@code associations[]} of a create: the record to associate and how. */
    record AssociationInput(String toId, List<AssociationSpec> types) {
        AssociationInput {
            requireId(toId, "associations[].to.id");
            types = List.copyOf(types);
            if (types.isEmpty()) {
                throw new WireException("associations[].types", "must not be empty");
            }
        }
    }

    /** The body of {@code POST /crm/objects/2026-03/calls} (with associations) or of its PATCH (without). */
    record CallInput(Map<String, String> properties, List<AssociationInput> associations) {
        CallInput {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            properties.forEach((name, value) -> {
                if (!PROPERTY.matcher(name).matches()) {
                    throw new WireException("properties." + name, "is not a HubSpot property name");
                }
                Objects.requireNonNull(value, "properties." + name);
            });
            associations = List.copyOf(associations);
        }
    }

    /** The body of {@code POST /crm/objects/2026-03/calls/search}: one EQ filter. */
    record SearchRequest(String propertyName, String value, List<String> properties, int limit) {
        SearchRequest {
            if (!PROPERTY.matcher(propertyName).matches()) {
                throw new WireException("filterGroups[0].filters[0].propertyName", "is not a property name");
            }
            Objects.requireNonNull(value, "value");
            properties = List.copyOf(properties);
            if (limit < 1 || limit > 200) {
                throw new WireException("limit", "must be between 1 and 200");
            }
        }
    }

    static String encode(CallInput input) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode props = root.putObject("properties");
        input.properties().forEach(props::put);
        if (!input.associations().isEmpty()) {
            ArrayNode list = root.putArray("associations");
            for (AssociationInput a : input.associations()) {
                ObjectNode node = list.addObject();
                node.putObject("to").put("id", a.toId());
                ArrayNode types = node.putArray("types");
                a.types().forEach(t -> encodeSpec(types.addObject(), t));
            }
        }
        return JSON.writeValueAsString(root);
    }

    static String encode(List<AssociationSpec> specs) {
        ArrayNode list = JSON.createArrayNode();
        specs.forEach(s -> encodeSpec(list.addObject(), s));
        return JSON.writeValueAsString(list);
    }

    private static void encodeSpec(ObjectNode node, AssociationSpec spec) {
        node.put("associationCategory", spec.associationCategory());
        node.put("associationTypeId", spec.associationTypeId());
    }

    static String encode(SearchRequest search) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode filter = root.putArray("filterGroups").addObject().putArray("filters").addObject();
        filter.put("propertyName", search.propertyName());
        filter.put("operator", "EQ");
        filter.put("value", search.value());
        ArrayNode props = root.putArray("properties");
        search.properties().forEach(props::add);
        root.put("limit", search.limit());
        return JSON.writeValueAsString(root);
    }

    // ---- received ------------------------------------------------------------------------------------------------

    /** A call object as HubSpot answers a create, update or read, or as one search result. */
    record CallObject(long id, Map<String, String> properties) {
        CallObject {
            if (id <= 0) {
                throw new WireException("id", "must be a positive number");
            }
            properties = Map.copyOf(properties);
        }
    }

    /** The answer of a search. */
    record SearchResult(long total, List<CallObject> results) {
        SearchResult {
            results = List.copyOf(results);
        }
    }

    /** One of the portal's call outcomes, from {@code GET /calling/v1/dispositions}. */
    record Disposition(String id, String label) {
        Disposition {
            if (id == null || id.isBlank()) {
                throw new WireException("[].id", "must not be blank");
            }
            Objects.requireNonNull(label, "label");
        }
    }

    static CallObject callObject(String json) {
        return callObject(tree(json), "");
    }

    private static CallObject callObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new WireException(at.isEmpty() ? "(body)" : at, "must be an object");
        }
        String idText = string(node, "id", at);
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            // Not quoted: a gateway's answer in its place may hold anything, and this message is logged.
            throw new WireException(at + "id", "must be a number in a string");
        }
        Map<String, String> props = new LinkedHashMap<>();
        JsonNode p = node.get("properties");
        if (p == null || !p.isObject()) {
            throw new WireException(at + "properties", "must be an object");
        }
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            if (!e.getValue().isNull()) {
                props.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString());
            }
        }
        return new CallObject(id, props);
    }

    static SearchResult searchResult(String json) {
        JsonNode root = tree(json);
        JsonNode total = root.get("total");
        if (total == null || !total.isIntegralNumber()) {
            throw new WireException("total", "must be a number");
        }
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            throw new WireException("results", "must be an array");
        }
        List<CallObject> list = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            list.add(callObject(results.get(i), "results[" + i + "]."));
        }
        return new SearchResult(total.longValue(), list);
    }

    static List<Disposition> dispositions(String json) {
        JsonNode root = tree(json);
        if (!root.isArray()) {
            throw new WireException("(body)", "must be an array of dispositions");
        }
        List<Disposition> list = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode d = root.get(i);
            String at = "[" + i + "].";
            list.add(new Disposition(string(d, "id", at), string(d, "label", at)));
        }
        return list;
    }

    /** HubSpot's error body; a body that is not one (a proxy's HTML page) gives an error with only the status. */
    static HubSpotApiError error(int status, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new HubSpotApiError(status, null, "(no HubSpot error body)", null, null, List.of());
        }
        if (root == null || !root.isObject()) {
            return new HubSpotApiError(status, null, "(no HubSpot error body)", null, null, List.of());
        }
        List<HubSpotApiError.Detail> details = new ArrayList<>();
        for (JsonNode d : root.path("errors")) {
            List<String> names = new ArrayList<>();
            for (JsonNode n : d.path("context").path("propertyName")) {
                if (n.isString()) {
                    names.add(n.stringValue());
                }
            }
            details.add(new HubSpotApiError.Detail(optString(d, "code"), optString(d, "message"), names));
        }
        String message = optString(root, "message");
        return new HubSpotApiError(status, optString(root, "category"), message == null ? "" : message,
                optString(root, "correlationId"), optString(root, "policyName"), details);
    }

    // ---- ledger --------------------------------------------------------------------------------------------------

    /** What the ledger holds for a call: a create under way since {@code since}, or done as {@code hubspotId}. */
    record LedgerEntry(State state, Instant since, @Nullable Long hubspotId) {
        enum State { CREATING, CREATED }

        LedgerEntry {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(since, "since");
            if ((state == State.CREATED) != (hubspotId != null)) {
                throw new WireException("hubspotId", "is set exactly when the state is created");
            }
        }

        static LedgerEntry creating(Instant since) {
            return new LedgerEntry(State.CREATING, since, null);
        }

        static LedgerEntry created(Instant at, long id) {
            return new LedgerEntry(State.CREATED, at, id);
        }
    }

    static String encode(LedgerEntry entry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("state", entry.state() == LedgerEntry.State.CREATING ? "creating" : "created");
        root.put("since", entry.since().toString());
        if (entry.hubspotId() != null) {
            root.put("hubspotId", Long.toString(entry.hubspotId()));
        }
        return JSON.writeValueAsString(root);
    }

    static LedgerEntry ledgerEntry(String json) {
        JsonNode root = tree(json);
        String state = string(root, "state", "");
        Instant since;
        try {
            since = Instant.parse(string(root, "since", ""));
        } catch (RuntimeException e) {
            throw new WireException("since", "must be an ISO-8601 instant");
        }
        return switch (state) {
            case "creating" -> LedgerEntry.creating(since);
            case "created" -> {
                String id = string(root, "hubspotId", "");
                try {
                    yield LedgerEntry.created(since, Long.parseLong(id));
                } catch (NumberFormatException e) {
                    throw new WireException("hubspotId", "must be a number in a string");
                }
            }
            default -> throw new WireException("state", "must be creating or created, not '" + state + "'");
        };
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static JsonNode tree(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                throw new WireException("(body)", "is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new WireException("(body)", "is not JSON");
        }
    }

    private static String string(JsonNode node, String name, String at) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new WireException(at + name, "is missing");
        }
        if (!v.isString()) {
            throw new WireException(at + name, "must be a string");
        }
        return v.stringValue();
    }

    private static @Nullable String optString(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    private static void requireId(@Nullable String id, String field) {
        if (id == null || id.isBlank()) {
            throw new WireException(field, "must not be blank");
        }
    }
}
