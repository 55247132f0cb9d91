package io.callbridge.rest.hubspot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the HubSpot REST fallback behaves. Bind a replacement with
 * {@code OptionalBinder.newOptionalBinder(binder(), HubSpotRestSettings.class).setBinding().toInstance(...)}.
 *
 * @param baseUri HubSpot's API root, {@code https://api.hubapi.com} (a simulator's in tests)
 * @param deadline how long after wrap-up a frame has to log the call before the REST fallback does it
 * @param requestTimeout the longest one HTTP request may take (connect and answer)
 * @param dispositions vendor disposition code (as saved at wrap-up) → the portal's call outcome, by its label (e.g.
 *     {@code Connected}, matched without regard to case) or its GUID; resolved against the portal's
 *     {@code /calling/v1/dispositions} once per portal and cached. A code without an entry falls back to the adapter's
 *     {@code HubSpotSettings.dispositions} (GUIDs); a label the portal does not have is left out of the log with a
 *     WARN naming it
 * @param requestsPerTenSeconds this node's budget of requests per portal in any rolling ten seconds (HubSpot allows
 *     100 per portal and app; with several nodes give each its share, since each node throttles itself)
 * @param searchSettle how long after an unclear create the fallback waits before it searches for the call by
 *     {@code hs_call_external_id} (HubSpot's search index lags its writes by a few seconds)
 * @param retryBackoff the first wait after a 5xx or a network failure, doubled per failed attempt
 * @param maxRetryBackoff the longest such wait
 * @param ledgerTtl how long the ledger remembers which HubSpot call it created for a call
 * @param recordingAppId the id of the public HubSpot app whose recording endpoint
 *     ({@code urlToRetrieveAuthedRecording}) HubSpot asks for a call's recording. A call logged with a recording URL
 *     then also carries {@code hs_call_app_id} (this id), {@code hs_call_external_id} (the call id) and
 *     {@code hs_call_external_account_id}, which HubSpot needs to fetch the recording through the app. Null (the
 *     default): only {@code hs_call_recording_url} and {@code hs_call_source}. {@code HubSpotRestModule} takes the
 *     app id of {@code HubSpotRecordingModules.recordings(...)} when this is null
 * @param externalAccountIds portal id → the {@code hs_call_external_account_id} of its recorded calls (HubSpot hands
 *     it back to the recording endpoint as {@code externalAccountId}); a portal without an entry is named by its
 *     portal id. Only with a recording app: this {@code recordingAppId}, or the one {@code HubSpotRestModule} takes
 *     from {@code HubSpotRecordingModules.recordings(...)}; with neither, making the executor fails, naming both
 */
public record HubSpotRestSettings(URI baseUri, Duration deadline, Duration requestTimeout,
        Map<String, String> dispositions, int requestsPerTenSeconds, Duration searchSettle, Duration retryBackoff,
        Duration maxRetryBackoff, Duration ledgerTtl, @Nullable Long recordingAppId,
        Map<Long, String> externalAccountIds) {

    public static final HubSpotRestSettings DEFAULTS = new HubSpotRestSettings(URI.create("https://api.hubapi.com"),
            Duration.ofMinutes(3), Duration.ofSeconds(10), Map.of(), 100, Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(30), null, Map.of());

    /** The longest {@code externalAccountIds} value: an account id, not a text. */
    private static final int MAX_EXTERNAL_ACCOUNT_ID = 255;

    /** Settings as before recordings through the app: recorded calls carry only their recording URL. */
    public HubSpotRestSettings(URI baseUri, Duration deadline, Duration requestTimeout,
            Map<String, String> dispositions, int requestsPerTenSeconds, Duration searchSettle, Duration retryBackoff,
            Duration maxRetryBackoff, Duration ledgerTtl) {
        this(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds, searchSettle, retryBackoff,
                maxRetryBackoff, ledgerTtl, null, Map.of());
    }

    public HubSpotRestSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!baseUri.isAbsolute() || !("https".equals(baseUri.getScheme()) || "http".equals(baseUri.getScheme()))
                || baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri must be an absolute http(s) URI such as "
                    + "https://api.hubapi.com, not '" + baseUri + "'");
        }
        if (baseUri.getPath() != null && !baseUri.getPath().isEmpty() && !baseUri.getPath().equals("/")) {
            throw new IllegalArgumentException("baseUri must have no path, not '" + baseUri.getPath() + "'");
        }
        positive("deadline", deadline);
        positive("requestTimeout", requestTimeout);
        positive("searchSettle", searchSettle);
        positive("retryBackoff", retryBackoff);
        positive("maxRetryBackoff", maxRetryBackoff);
        positive("ledgerTtl", ledgerTtl);
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxRetryBackoff must not be shorter than retryBackoff");
        }
        if (requestsPerTenSeconds < 1 || requestsPerTenSeconds > 1000) {
            throw new IllegalArgumentException("requestsPerTenSeconds must be between 1 and 1000, not "
                    + requestsPerTenSeconds);
        }
        Objects.requireNonNull(dispositions, "dispositions");
        dispositions = Map.copyOf(dispositions);
        dispositions.forEach((code, outcome) -> {
            if (code.isBlank() || outcome.isBlank()) {
                throw new IllegalArgumentException("dispositions: codes and the portal's outcome labels or ids must "
                        + "not be blank");
            }
        });
        if (recordingAppId != null && recordingAppId <= 0) {
            throw new IllegalArgumentException("recordingAppId must be the HubSpot app's positive id, not "
                    + recordingAppId);
        }
        Objects.requireNonNull(externalAccountIds, "externalAccountIds");
        externalAccountIds = Map.copyOf(externalAccountIds);
        externalAccountIds.forEach((portal, account) -> {
            if (portal <= 0) {
                throw new IllegalArgumentException("externalAccountIds: portal ids must be positive, not " + portal);
            }
            if (account.isBlank() || account.length() > MAX_EXTERNAL_ACCOUNT_ID
                    || account.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("externalAccountIds: the account id of portal " + portal
                        + " must be 1 to " + MAX_EXTERNAL_ACCOUNT_ID + " characters, not blank, without control "
                        + "characters");
            }
        });
    }

    /** The {@code hs_call_external_account_id} of the portal's recorded calls: its entry, else its portal id. */
    String externalAccountId(long portalId) {
        String account = externalAccountIds.get(portalId);
        return account != null ? account : Long.toString(portalId);
    }

    public HubSpotRestSettings withBaseUri(URI value) {
        return new HubSpotRestSettings(value, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withDeadline(Duration value) {
        return new HubSpotRestSettings(baseUri, value, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withRequestTimeout(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, value, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withDispositions(Map<String, String> value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, value, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withRequestsPerTenSeconds(int value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, value,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withSearchSettle(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                value, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, externalAccountIds);
    }

    /** The first backoff; the longest one is raised to it if shorter. */
    public HubSpotRestSettings withRetryBackoff(Duration value) {
        positive("retryBackoff", value);
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, value, maxRetryBackoff.compareTo(value) < 0 ? value : maxRetryBackoff, ledgerTtl,
                recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withMaxRetryBackoff(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, value, ledgerTtl, recordingAppId, externalAccountIds);
    }

    public HubSpotRestSettings withLedgerTtl(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, value, recordingAppId, externalAccountIds);
    }

    /**
     * @param appId the public HubSpot app whose recording endpoint HubSpot asks for recordings (written as
     *     {@code hs_call_app_id} on recorded calls)
     */
    public HubSpotRestSettings withRecordingApp(long appId) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, appId, externalAccountIds);
    }

    /** @param value portal id → {@code hs_call_external_account_id} of its recorded calls (others: the portal id) */
    public HubSpotRestSettings withExternalAccountIds(Map<Long, String> value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl, recordingAppId, value);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
