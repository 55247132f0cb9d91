package io.callbridge.crmsim.rest.hubspot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's calling-extension settings API for one app, as strict as HubSpot's reference:
 * {@code /crm/extensions/calling/2026-03/{appId}/settings} (and the older {@code /crm/v3/extensions/calling/{appId}/settings})
 * with GET, POST (create: every field required; 409 if there are settings), PATCH (some fields; 404 if none) and
 * DELETE, and {@code …/settings/recording} with GET, POST and PATCH of {@code urlToRetrieveAuthedRecording} (an https
 * URL containing {@code %s}). Authenticated with the developer API key as {@code ?hapikey=}: missing or wrong → 401.
 * Unknown fields, wrong types and bad values → 400 naming the field in HubSpot's error body. Thread-safe; counts and
 * logs requests ({@code "PATCH /settings"}).
 */
public final class HubSpotCallingSettingsSimulator extends Handler.Abstract {
    private static final Pattern PATH = Pattern.compile(
            "/crm/(?:extensions/calling/2026-03|v3/extensions/calling)/([0-9]+)/settings(/recording)?");
    private static final Set<String> STRINGS = Set.of("name", "url");
    private static final Set<String> INTEGERS = Set.of("width", "height");
    private static final Set<String> BOOLEANS = Set.of("isReady", "supportsCustomObjects", "supportsInboundCalling",
            "usesCallingWindow", "usesRemote");
    private static final List<String> REQUIRED = List.of("name", "url", "width", "height", "isReady",
            "supportsCustomObjects", "supportsInboundCalling", "usesCallingWindow", "usesRemote");
    private static final String RECORDING_FIELD = "urlToRetrieveAuthedRecording";

    private final long appId;
    private final String developerApiKey;
    private final Clock clock;
    private final List<String> log = new ArrayList<>();
    private @Nullable Map<String, Object> settings;
    private @Nullable String recordingTemplate;

    public HubSpotCallingSettingsSimulator(long appId, String developerApiKey, Clock clock) {
        this.appId = appId;
        this.developerApiKey = Objects.requireNonNull(developerApiKey, "developerApiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The app's calling settings now, as HubSpot would answer them. */
    public synchronized Optional<Map<String, Object>> settings() {
        return settings == null ? Optional.empty() : Optional.of(Map.copyOf(settings));
    }

    /** The registered {@code urlToRetrieveAuthedRecording}. */
    public synchronized Optional<String> recordingUrlTemplate() {
        return Optional.ofNullable(recordingTemplate);
    }

    /** Every request so far, as {@code "METHOD /settings"} or {@code "METHOD /settings/recording"}. */
    public synchronized List<String> requests() {
        return List.copyOf(log);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher m = PATH.matcher(Request.getPathInContext(request));
        if (!m.matches()) {
            return false;
        }
        boolean recording = m.group(2) != null;
        String method = request.getMethod();
        String body = HubSpotOAuthSimHttp.body(request);
        synchronized (this) {
            log.add(method + " /settings" + (recording ? "/recording" : ""));
            Fields query = Request.extractQueryParameters(request);
            if (!developerApiKey.equals(query.getValue("hapikey"))) {
                HubSpotOAuthSimHttp.json(response, callback, 401, HubSpotOAuthSimHttp.apiError(
                        "INVALID_AUTHENTICATION", "The developer API key provided is invalid or missing (hapikey)."));
                return true;
            }
            if (Long.parseLong(m.group(1)) != appId) {
                HubSpotOAuthSimHttp.json(response, callback, 404, HubSpotOAuthSimHttp.apiError("OBJECT_NOT_FOUND",
                        "No app " + m.group(1) + " for this developer account."));
                return true;
            }
            if (recording) {
                recording(method, body, response, callback);
            } else {
                settings(method, body, response, callback);
            }
        }
        return true;
    }

    private void settings(String method, String body, Response response, Callback callback) {
        switch (method) {
            case "GET" -> {
                if (settings == null) {
                    notFound(response, callback, "calling settings");
                } else {
                    HubSpotOAuthSimHttp.json(response, callback, 200, settings);
                }
            }
            case "DELETE" -> {
                settings = null;
                HubSpotOAuthSimHttp.empty(response, callback, 204);
            }
            case "POST", "PATCH" -> {
                boolean create = method.equals("POST");
                if (create && settings != null) {
                    HubSpotOAuthSimHttp.json(response, callback, 409, HubSpotOAuthSimHttp.apiError("CONFLICT",
                            "Calling settings already exist for app " + appId + "; use PATCH"));
                    return;
                }
                if (!create && settings == null) {
                    notFound(response, callback, "calling settings");
                    return;
                }
                Map<String, Object> given = new LinkedHashMap<>();
                String problem = readSettings(body, given);
                if (problem == null && create) {
                    for (String field : REQUIRED) {
                        if (!given.containsKey(field)) {
                            problem = field + "|" + field + " is required";
                            break;
                        }
                    }
                }
                if (problem != null) {
                    int bar = problem.indexOf('|');
                    HubSpotOAuthSimHttp.json(response, callback, 400, HubSpotOAuthSimHttp.validationError(
                            problem.substring(0, bar), problem.substring(bar + 1)));
                    return;
                }
                String now = clock.instant().toString();
                Map<String, Object> next = create ? new LinkedHashMap<>() : new LinkedHashMap<>(settings);
                next.putAll(given);
                if (create) {
                    next.put("createdAt", now);
                }
                next.put("updatedAt", now);
                settings = next;
                HubSpotOAuthSimHttp.json(response, callback, 200, settings);
            }
            default -> HubSpotOAuthSimHttp.json(response, callback, 405,
                    HubSpotOAuthSimHttp.apiError("METHOD_NOT_ALLOWED", method + " is not supported here"));
        }
    }

    /** Reads the body into {@code into}; returns {@code "field|message"} for the first problem, or null. */
    private static @Nullable String readSettings(String body, Map<String, Object> into) {
        JsonNode node;
        try {
            node = HubSpotOAuthSimHttp.JSON.readTree(body);
        } catch (JacksonException e) {
            return "body|Invalid input JSON";
        }
        if (node == null || !node.isObject()) {
            return "body|The body must be a JSON object";
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (STRINGS.contains(field)) {
                if (!value.isString() || value.asString().isBlank()) {
                    return field + "|" + field + " must be a non-empty string";
                }
                if (field.equals("url") && !value.asString().startsWith("https://")) {
                    return field + "|url must be an https URL";
                }
                into.put(field, value.asString());
            } else if (INTEGERS.contains(field)) {
                if (!value.isIntegralNumber() || value.intValue() <= 0 || value.intValue() > 10_000) {
                    return field + "|" + field + " must be a positive integer";
                }
                into.put(field, value.intValue());
            } else if (BOOLEANS.contains(field)) {
                if (!value.isBoolean()) {
                    return field + "|" + field + " must be a boolean";
                }
                into.put(field, value.booleanValue());
            } else {
                return field + "|Unrecognized field \"" + field + "\"";
            }
        }
        return null;
    }

    private void recording(String method, String body, Response response, Callback callback) {
        switch (method) {
            case "GET" -> {
                if (recordingTemplate == null) {
                    notFound(response, callback, "recording settings");
                } else {
                    HubSpotOAuthSimHttp.json(response, callback, 200, Map.of(RECORDING_FIELD, recordingTemplate));
                }
            }
            case "POST", "PATCH" -> {
                boolean create = method.equals("POST");
                if (create && recordingTemplate != null) {
                    HubSpotOAuthSimHttp.json(response, callback, 409, HubSpotOAuthSimHttp.apiError("CONFLICT",
                            "Recording settings already exist for app " + appId + "; use PATCH"));
                    return;
                }
                if (!create && recordingTemplate == null) {
                    notFound(response, callback, "recording settings");
                    return;
                }
                JsonNode node;
                try {
                    node = HubSpotOAuthSimHttp.JSON.readTree(body);
                } catch (JacksonException e) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    HubSpotOAuthSimHttp.json(response, callback, 400,
                            HubSpotOAuthSimHttp.validationError("body", "The body must be a JSON object"));
                    return;
                }
                for (String field : node.propertyNames()) {
                    if (!field.equals(RECORDING_FIELD)) {
                        HubSpotOAuthSimHttp.json(response, callback, 400, HubSpotOAuthSimHttp.validationError(field,
                                "Unrecognized field \"" + field + "\""));
                        return;
                    }
                }
                JsonNode url = node.get(RECORDING_FIELD);
                if (url == null || !url.isString() || !url.asString().startsWith("https://")
                        || !url.asString().contains("%s")) {
                    HubSpotOAuthSimHttp.json(response, callback, 400, HubSpotOAuthSimHttp.validationError(
                            RECORDING_FIELD, RECORDING_FIELD + " is required: an https URL containing %s"));
                    return;
                }
                recordingTemplate = url.asString();
                HubSpotOAuthSimHttp.json(response, callback, 200, Map.of(RECORDING_FIELD, recordingTemplate));
            }
            default -> HubSpotOAuthSimHttp.json(response, callback, 405,
                    HubSpotOAuthSimHttp.apiError("METHOD_NOT_ALLOWED", method + " is not supported here"));
        }
    }

    private static void notFound(Response response, Callback callback, String what) {
        HubSpotOAuthSimHttp.json(response, callback, 404, HubSpotOAuthSimHttp.apiError("OBJECT_NOT_FOUND",
                "No " + what + " for this app"));
    }
}
