package io.callbridge.rest.hubspot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
 */
public record HubSpotRestSettings(URI baseUri, Duration deadline, Duration requestTimeout,
        Map<String, String> dispositions, int requestsPerTenSeconds, Duration searchSettle, Duration retryBackoff,
        Duration maxRetryBackoff, Duration ledgerTtl) {

    public static final HubSpotRestSettings DEFAULTS = new HubSpotRestSettings(URI.create("https://api.hubapi.com"),
            Duration.ofMinutes(3), Duration.ofSeconds(10), Map.of(), 100, Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(30));

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
    }

    public HubSpotRestSettings withBaseUri(URI value) {
        return new HubSpotRestSettings(value, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withDeadline(Duration value) {
        return new HubSpotRestSettings(baseUri, value, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withRequestTimeout(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, value, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withDispositions(Map<String, String> value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, value, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withRequestsPerTenSeconds(int value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, value,
                searchSettle, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withSearchSettle(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                value, retryBackoff, maxRetryBackoff, ledgerTtl);
    }

    /** The first backoff; the longest one is raised to it if shorter. */
    public HubSpotRestSettings withRetryBackoff(Duration value) {
        positive("retryBackoff", value);
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, value, maxRetryBackoff.compareTo(value) < 0 ? value : maxRetryBackoff, ledgerTtl);
    }

    public HubSpotRestSettings withMaxRetryBackoff(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, value, ledgerTtl);
    }

    public HubSpotRestSettings withLedgerTtl(Duration value) {
        return new HubSpotRestSettings(baseUri, deadline, requestTimeout, dispositions, requestsPerTenSeconds,
                searchSettle, retryBackoff, maxRetryBackoff, value);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
