package io.callbridge.operations;

import static io.callbridge.operations.Setting.bool;
import static io.callbridge.operations.Setting.duration;
import static io.callbridge.operations.Setting.enumValue;
import static io.callbridge.operations.Setting.integer;
import static io.callbridge.operations.Setting.text;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.bridge.RetryPolicy;
import java.util.List;

/** The keys of {@link HubSpotSettings} that are plain values (dispositions and the widget size stay in code). */
final class HubSpotKeys {
    private HubSpotKeys() {
    }

    static HubSpotSettings defaults() {
        return HubSpotSettings.DEFAULTS;
    }

    static List<Setting<HubSpotSettings>> settings() {
        HubSpotSettings d = HubSpotSettings.DEFAULTS;
        return List.of(
                Setting.<HubSpotSettings>of("hubspot.create-engagement", "boolean",
                        String.valueOf(d.createEngagement()), "whether callbridge asks HubSpot to create the call's "
                                + "engagement", (s, t) -> s.withCreateEngagement(bool(t))),
                Setting.<HubSpotSettings>of("hubspot.multiple-matches", "SHOW_LIST|NAVIGATE_TO_FIRST",
                        d.multipleMatches().name(), "what to do when caller id finds several records",
                        (s, t) -> s.withMultipleMatches(enumValue(HubSpotSettings.MultipleMatches.class, t))),
                Setting.<HubSpotSettings>of("hubspot.engagement-id-timeout", "duration", "30s",
                        "how long to wait for HubSpot's engagement id", (s, t) -> s.withEngagementIdTimeout(
                                duration(t))),
                Setting.<HubSpotSettings>of("hubspot.finalize-engagement", "boolean",
                        String.valueOf(d.finalizeEngagement()), "whether callbridge finalizes the engagement itself",
                        (s, t) -> s.withFinalizeEngagement(bool(t))),
                Setting.<HubSpotSettings>of("hubspot.invocation-timeout", "duration", "10s",
                        "how long a HubSpot frame may take to answer", (s, t) -> s.withInvocationTimeout(duration(t))),
                Setting.<HubSpotSettings>of("hubspot.call-scope", "ALL_CALLS|NOT_STARTED_IN_OTHER_CRMS",
                        d.callScope().name(), "which of the agent's calls go to HubSpot",
                        (s, t) -> s.withCallScope(enumValue(CallScope.class, t))),
                Setting.<HubSpotSettings>of("hubspot.fallback-from-number", "E.164 number", "(none)",
                        "the calling number announced when the phone system names none",
                        (s, t) -> s.withFallbackFromNumber(text(t))),
                Setting.<HubSpotSettings>of("hubspot.retry.initial-backoff", "duration", "2s",
                        "first wait before a side effect is retried", (s, t) -> s.withRetry(new RetryPolicy(
                                duration(t), s.retry().maxBackoff(), s.retry().maxAttempts()))),
                Setting.<HubSpotSettings>of("hubspot.retry.max-backoff", "duration", "2m",
                        "longest wait between retries", (s, t) -> s.withRetry(new RetryPolicy(
                                s.retry().initialBackoff(), duration(t), s.retry().maxAttempts()))),
                Setting.<HubSpotSettings>of("hubspot.retry.max-attempts", "integer",
                        String.valueOf(d.retry().maxAttempts()), "attempts before a side effect is given up",
                        (s, t) -> s.withRetry(new RetryPolicy(s.retry().initialBackoff(), s.retry().maxBackoff(),
                                integer(t)))));
    }
}
