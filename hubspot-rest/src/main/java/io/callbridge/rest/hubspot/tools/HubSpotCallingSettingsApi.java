package io.callbridge.rest.hubspot.tools;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's calling-extension settings API for one app ({@code /crm/extensions/calling/2026-03/{appId}/settings} and
 * {@code …/settings/recording}), authenticated with the developer account's API key (sent as {@code hapikey}; never
 * logged, never in a message). {@link #apply} reads the current settings first and then creates them (POST, when
 * HubSpot answers 404) or changes only what differs (PATCH), saying what changed.
 */
public final class HubSpotCallingSettingsApi {
    static final String RECORDING_FIELD = "urlToRetrieveAuthedRecording";

    /** What {@link #apply} did: one line per change, e.g. {@code width: 400 -> 360}; empty when nothing changed. */
    public record Applied(boolean settingsCreated, boolean recordingCreated, List<String> changes) {
        public Applied {
            changes = List.copyOf(changes);
        }
    }

    private final URI apiBaseUrl;
    private final long appId;
    private final String developerApiKey;
    private final Duration timeout;
    private final HttpClient http;

    public HubSpotCallingSettingsApi(URI apiBaseUrl, long appId, String developerApiKey, Duration timeout) {
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        if (!apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("apiBaseUrl must be an absolute URL but was " + apiBaseUrl);
        }
        if (appId <= 0) {
            throw new IllegalArgumentException("appId must be the app's positive id but was " + appId);
        }
        Objects.requireNonNull(developerApiKey, "developerApiKey");
        if (developerApiKey.isBlank() || developerApiKey.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("developerApiKey must be non-blank, without spaces");
        }
        this.appId = appId;
        this.developerApiKey = developerApiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The app's calling settings; empty if it has none. */
    public Optional<CallingSettings> settings() throws IOException, InterruptedException, HubSpotApiException {
        HttpResponse<String> response = send("GET", "", null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        ok("reading the calling settings", response);
        return Optional.of(parse(response.body()));
    }

    /** The app's {@code urlToRetrieveAuthedRecording}; empty if it has none. */
    public Optional<String> recordingUrlTemplate() throws IOException, InterruptedException, HubSpotApiException {
        HttpResponse<String> response = send("GET", "/recording", null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        ok("reading the recording settings", response);
        return Optional.of(RecordingSettings.parse(response.body()).urlToRetrieveAuthedRecording());
    }

    /**
     * Makes the app's settings what {@code change} asks (creating them if there are none) and, if
     * {@code recordingUrlTemplate} is given, its recording URL template.
     */
    public Applied apply(CallingSettingsChange change, @Nullable String recordingUrlTemplate)
            throws IOException, InterruptedException, HubSpotApiException {
        if (recordingUrlTemplate != null) {
            RecordingSettings.check(recordingUrlTemplate);
        }
        List<String> changes = new ArrayList<>();
        boolean settingsCreated = false;
        Optional<CallingSettings> current = settings();
        if (current.isEmpty()) {
            CallingSettings created = change.toNew();
            ok("creating the calling settings", send("POST", "", created.toJson()));
            settingsCreated = true;
            created.fields().forEach((field, value) -> changes.add(field + ": " + show(value)));
        } else {
            Map<String, Object> differences = change.differences(current.get());
            if (!differences.isEmpty()) {
                ok("updating the calling settings", send("PATCH", "", CallingSettings.json(differences)));
                Map<String, Object> before = current.get().fields();
                differences.forEach((field, value) -> changes.add(field + ": " + show(before.get(field)) + " -> "
                        + show(value)));
            }
        }
        boolean recordingCreated = false;
        if (recordingUrlTemplate != null) {
            Optional<String> registered = recordingUrlTemplate();
            String body = new RecordingSettings(recordingUrlTemplate).toJson();
            if (registered.isEmpty()) {
                ok("registering the recording URL", send("POST", "/recording", body));
                recordingCreated = true;
                changes.add(RECORDING_FIELD + ": " + recordingUrlTemplate);
            } else if (!registered.get().equals(recordingUrlTemplate)) {
                ok("updating the recording URL", send("PATCH", "/recording", body));
                changes.add(RECORDING_FIELD + ": " + registered.get() + " -> " + recordingUrlTemplate);
            }
        }
        return new Applied(settingsCreated, recordingCreated, changes);
    }

    private static CallingSettings parse(String body) throws IOException {
        try {
            return CallingSettings.parse(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String show(@Nullable Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static void ok(String what, HttpResponse<String> response) throws HubSpotApiException {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new HubSpotApiException(what, status, response.body());
        }
    }

    private HttpResponse<String> send(String method, String suffix, @Nullable String json)
            throws IOException, InterruptedException {
        String base = apiBaseUrl.toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/crm/extensions/calling/2026-03/" + appId + "/settings" + suffix
                + "?hapikey=" + URLEncoder.encode(developerApiKey, UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            // The URL carries the key: say where, not the URL, and keep the cause (which may hold it) out.
            throw new IOException("HubSpot's API at " + apiBaseUrl + " could not be reached: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "HubSpotCallingSettingsApi[app " + appId + " at " + apiBaseUrl + ", developer API key ****]";
    }

    /** The recording settings body, {@code {"urlToRetrieveAuthedRecording":"https://…/%s"}}. */
    record RecordingSettings(String urlToRetrieveAuthedRecording) {
        RecordingSettings {
            check(urlToRetrieveAuthedRecording);
        }

        static void check(String template) {
            Objects.requireNonNull(template, RECORDING_FIELD);
            if (!template.startsWith("https://") || !template.contains("%s")) {
                throw new IllegalArgumentException("the recording URL template must be an https URL containing %s "
                        + "(where HubSpot puts the call's id) but was " + template);
            }
            try {
                URI uri = URI.create(template.replace("%s", "x"));
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("the recording URL template has no host: " + template);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the recording URL template is not a URL: " + template, e);
            }
        }

        String toJson() {
            return CallingSettings.JSON.writeValueAsString(CallingSettings.JSON.createObjectNode()
                    .put(RECORDING_FIELD, urlToRetrieveAuthedRecording));
        }

        static RecordingSettings parse(String json) throws IOException {
            try {
                JsonNode node = CallingSettings.JSON.readTree(json);
                JsonNode url = node == null ? null : node.get(RECORDING_FIELD);
                if (url == null || !url.isString()) {
                    throw new IOException("HubSpot's recording settings: " + RECORDING_FIELD + " must be text");
                }
                return new RecordingSettings(url.asString());
            } catch (JacksonException | IllegalArgumentException e) {
                throw new IOException("HubSpot's recording settings are unreadable: " + e.getMessage(), e);
            }
        }
    }
}
