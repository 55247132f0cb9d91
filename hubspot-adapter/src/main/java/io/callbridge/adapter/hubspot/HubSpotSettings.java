package io.callbridge.adapter.hubspot;

import io.callbridge.adapter.hubspot.message.SizeInfo;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.bridge.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the HubSpot adapter behaves. Bind a replacement with
 * {@code OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(...)}.
 *
 * @param createEngagement whether HubSpot should create the call engagement itself when a call starts
 *     ({@code createEngagement} of OUTGOING_CALL_STARTED / INCOMING_CALL)
 * @param multipleMatches what to do when HubSpot finds several records for an inbound caller
 * @param engagementIdTimeout how long after a call ends (or after HubSpot heard of it, whichever is later) the adapter
 *     waits for HubSpot's engagement id before it completes the call without one
 * @param dispositions vendor disposition code (as saved at wrap-up) → HubSpot call-outcome id
 *     ({@code hs_call_disposition}); codes without an entry are left out of the engagement
 * @param widgetSize the size to ask HubSpot for (INITIALIZED {@code sizeInfo} and RESIZE_WIDGET to widget frames),
 *     or null for HubSpot's default
 * @param finalizeEngagement whether to send FINALIZE_ENGAGEMENT after CALL_COMPLETED when there is an engagement
 * @param invocationTimeout how long a frame may take to run one SDK method before the transport tries another frame
 * @param retryDelay how long to wait before sending again a message that a frame did not answer in time: the first
 *     backoff of {@code retry}, and always equal to {@code retry.initialBackoff()}. Kept so that settings made before
 *     {@code retry} existed mean what they meant; {@link #withRetry} sets both
 * @param retry how a call's message that a frame did not answer in time is retried (with backoff from
 *     {@code retryDelay}) and when the adapter gives up on it, telling the agent and showing an ERROR in HubSpot. A
 *     message that found no frame at all waits for one without counting an attempt; one the SDK refused is final at
 *     once. ERRORs shown in HubSpot are retried the same way and dropped quietly in the end (each is also a notice
 *     in the agent's softphone); a frame's own messages (INITIALIZED, agent state) back off the same way but are
 *     retried for as long as the frame is connected, since they are derived again each time
 * @param callScope which of the agent's calls go to HubSpot: all (the default), or not those dialled from another CRM
 *     (a Salesforce click-to-dial then gets no HubSpot call messages and no engagement)
 * @param fallbackFromNumber the calling number (E.164, e.g. the company's main line) to announce an outbound call with
 *     when the phone system names none ({@code ProviderEvent.Dialing} without {@code from}): OUTGOING_CALL_STARTED's
 *     {@code fromNumber} is required, so without this such a call waits for the number, and once it is answered
 *     without one HubSpot gets an ERROR and the agent a notice saying the call cannot be logged there; null (the
 *     default) for none
 */
public record HubSpotSettings(boolean createEngagement, MultipleMatches multipleMatches, Duration engagementIdTimeout,
        Map<String, String> dispositions, @Nullable SizeInfo widgetSize, boolean finalizeEngagement,
        Duration invocationTimeout, Duration retryDelay, RetryPolicy retry, CallScope callScope,
        @Nullable String fallbackFromNumber) {

    /** Caller-id policy when HubSpot returns more than one record. The list is always published to the softphone. */
    public enum MultipleMatches {
        /** Do not navigate; the agent picks from the list in the softphone. */
        SHOW_LIST,
        /** Attach the first match and navigate to it, as with a single match. */
        NAVIGATE_TO_FIRST
    }

    /** Declared before {@link #DEFAULTS}, which the constructor that reads it makes. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** Retries from 2 s, doubling up to 2 min, 8 attempts in all ({@link RetryPolicy#DEFAULT}). */
    public static final HubSpotSettings DEFAULTS = new HubSpotSettings(true, MultipleMatches.SHOW_LIST,
            Duration.ofSeconds(30), Map.of(), null, false, Duration.ofSeconds(10), Duration.ofSeconds(2));

    public HubSpotSettings {
        Objects.requireNonNull(multipleMatches, "multipleMatches");
        positive("engagementIdTimeout", engagementIdTimeout);
        positive("invocationTimeout", invocationTimeout);
        positive("retryDelay", retryDelay);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callScope, "callScope");
        if (fallbackFromNumber != null && !E164.matcher(fallbackFromNumber).matches()) {
            throw new IllegalArgumentException("fallbackFromNumber must be an E.164 number such as +14155550100, not '"
                    + fallbackFromNumber + "'");
        }
        if (!retry.initialBackoff().equals(retryDelay)) {
            throw new IllegalArgumentException("retryDelay (" + retryDelay + ") must equal retry.initialBackoff() ("
                    + retry.initialBackoff() + "); use withRetry to change both");
        }
        dispositions = Map.copyOf(dispositions);
        dispositions.forEach((code, id) -> {
            if (code.isBlank() || id.isBlank()) {
                throw new IllegalArgumentException("disposition codes and HubSpot outcome ids must not be blank");
            }
        });
    }

    /** The settings as they were before {@code fallbackFromNumber}: no calling number of the adapter's own. */
    public HubSpotSettings(boolean createEngagement, MultipleMatches multipleMatches, Duration engagementIdTimeout,
            Map<String, String> dispositions, @Nullable SizeInfo widgetSize, boolean finalizeEngagement,
            Duration invocationTimeout, Duration retryDelay, RetryPolicy retry, CallScope callScope) {
        this(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize, finalizeEngagement,
                invocationTimeout, retryDelay, retry, callScope, null);
    }

    /** The settings as they were before {@code callScope}: every call of the agent goes to HubSpot. */
    public HubSpotSettings(boolean createEngagement, MultipleMatches multipleMatches, Duration engagementIdTimeout,
            Map<String, String> dispositions, @Nullable SizeInfo widgetSize, boolean finalizeEngagement,
            Duration invocationTimeout, Duration retryDelay, RetryPolicy retry) {
        this(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize, finalizeEngagement,
                invocationTimeout, retryDelay, retry, CallScope.ALL_CALLS);
    }

    /**
     * The settings as they were before {@code retry}: retries back off from {@code retryDelay}, doubling up to
     * {@link RetryPolicy#DEFAULT}'s longest wait (or {@code retryDelay}, if longer), and give up after its attempts.
     */
    public HubSpotSettings(boolean createEngagement, MultipleMatches multipleMatches, Duration engagementIdTimeout,
            Map<String, String> dispositions, @Nullable SizeInfo widgetSize, boolean finalizeEngagement,
            Duration invocationTimeout, Duration retryDelay) {
        this(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize, finalizeEngagement,
                invocationTimeout, retryDelay, retryFrom(retryDelay));
    }

    public HubSpotSettings withCreateEngagement(boolean value) {
        return new HubSpotSettings(value, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withMultipleMatches(MultipleMatches value) {
        return new HubSpotSettings(createEngagement, value, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withEngagementIdTimeout(Duration value) {
        return new HubSpotSettings(createEngagement, multipleMatches, value, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withDispositions(Map<String, String> value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, value, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withWidgetSize(@Nullable SizeInfo value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, value,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withFinalizeEngagement(boolean value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                value, invocationTimeout, retryDelay, retry, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withInvocationTimeout(Duration value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, value, retryDelay, retry, callScope, fallbackFromNumber);
    }

    /**
     * The first retry's wait. {@code retryDelay} is always {@code retry.initialBackoff()}, so this sets the policy's
     * initial backoff too (the one pair of settings that change together); the policy's other values stay.
     */
    public HubSpotSettings withRetryDelay(Duration value) {
        positive("retryDelay", value);
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, value, retry.withInitialBackoff(value), callScope,
                fallbackFromNumber);
    }

    /** The retry policy; {@code retryDelay} becomes its {@link RetryPolicy#initialBackoff()}. */
    public HubSpotSettings withRetry(RetryPolicy value) {
        Objects.requireNonNull(value, "retry");
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, value.initialBackoff(), value, callScope, fallbackFromNumber);
    }

    public HubSpotSettings withCallScope(CallScope value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, value, fallbackFromNumber);
    }

    public HubSpotSettings withFallbackFromNumber(@Nullable String value) {
        return new HubSpotSettings(createEngagement, multipleMatches, engagementIdTimeout, dispositions, widgetSize,
                finalizeEngagement, invocationTimeout, retryDelay, retry, callScope, value);
    }

    private static RetryPolicy retryFrom(Duration retryDelay) {
        positive("retryDelay", retryDelay);
        return RetryPolicy.DEFAULT.withInitialBackoff(retryDelay);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
