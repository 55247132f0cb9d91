package io.callbridge.adapter.salesforce;

import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.model.EndStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the Salesforce adapter behaves in one deployment. Replace the defaults with
 * {@code OptionalBinder.newOptionalBinder(binder(), SalesforceSettings.class).setBinding().toInstance(...)}.
 *
 * @param apiVersion the Open CTI API version the softphone page loads ({@code 46} or later: Sales Engagement needs it)
 * @param dispositions how a call's outcome becomes the org's call result, written to the Task and sent to Sales
 *     Engagement
 * @param dispositionField the Task field that holds the call result: {@code CallDisposition} or a custom field
 *     ({@code …__c}) for orgs that keep outcomes in their own picklist
 * @param inboundPop what to show for an inbound call, by how many records its number matches
 * @param taskStatus the Task's {@code Status}, a value of the org's picklist
 * @param subjectTemplate the Task's {@code Subject}; may use {@code {direction}} (Inbound/Outbound), {@code {number}}
 *     (the other party's number as received), {@code {disposition}} (the call result) and {@code {record}} (the name
 *     of the record the call is about, or nothing)
 * @param activityDateZone the time zone in which the call's date becomes the Task's {@code ActivityDate}
 * @param invocationTimeout how long one frame may take to answer an Open CTI call (Open CTI has no timeout of its own)
 * @param retry how often and how fast transient failures of screen pops, Task logs and work completions are retried
 *     (core's {@link RetryPolicy}, see {@link Retry})
 * @param callScope which of the agent's calls go to Salesforce: all (the default), or not those dialled from another
 *     CRM (a HubSpot click-to-dial then gets no screen pop and no Task)
 */
public record SalesforceSettings(int apiVersion, Dispositions dispositions, String dispositionField,
        InboundPopPolicy inboundPop, String taskStatus, String subjectTemplate, ZoneId activityDateZone,
        Duration invocationTimeout, Retry retry, CallScope callScope) {

    // Declared before DEFAULTS, whose construction uses them.
    private static final Pattern DISPOSITION_FIELD = Pattern.compile("CallDisposition|[A-Za-z][A-Za-z0-9_]*__c");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("direction", "number", "disposition", "record");

    /** Open CTI API version the Sales Engagement ({@code sforce.opencti.hvs}) methods appeared in. */
    public static final int MIN_API_VERSION = 46;

    public static final SalesforceSettings DEFAULTS = new SalesforceSettings(62, Dispositions.DEFAULTS,
            "CallDisposition", InboundPopPolicy.DEFAULT, "Completed", "{direction} call {number}", ZoneOffset.UTC,
            Duration.ofSeconds(10), Retry.DEFAULT, CallScope.ALL_CALLS);

    public SalesforceSettings {
        if (apiVersion < MIN_API_VERSION || apiVersion > 999) {
            throw new IllegalArgumentException("apiVersion must be " + MIN_API_VERSION + " or later, was " + apiVersion);
        }
        Objects.requireNonNull(dispositions, "dispositions");
        Objects.requireNonNull(dispositionField, "dispositionField");
        if (!DISPOSITION_FIELD.matcher(dispositionField).matches()) {
            throw new IllegalArgumentException("dispositionField must be CallDisposition or a custom field ending in"
                    + " __c, was '" + dispositionField + "'");
        }
        Objects.requireNonNull(inboundPop, "inboundPop");
        nonBlank(taskStatus, "taskStatus", 255);
        nonBlank(subjectTemplate, "subjectTemplate", 1000);
        Matcher m = PLACEHOLDER.matcher(subjectTemplate);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("subjectTemplate has an unknown placeholder {" + m.group(1)
                        + "}; known: " + PLACEHOLDERS);
            }
        }
        Objects.requireNonNull(activityDateZone, "activityDateZone");
        Objects.requireNonNull(invocationTimeout, "invocationTimeout");
        if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
            throw new IllegalArgumentException("invocationTimeout must be positive");
        }
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callScope, "callScope");
    }

    /** The settings as they were before {@code callScope}: every call of the agent goes to Salesforce. */
    public SalesforceSettings(int apiVersion, Dispositions dispositions, String dispositionField,
            InboundPopPolicy inboundPop, String taskStatus, String subjectTemplate, ZoneId activityDateZone,
            Duration invocationTimeout, Retry retry) {
        this(apiVersion, dispositions, dispositionField, inboundPop, taskStatus, subjectTemplate, activityDateZone,
                invocationTimeout, retry, CallScope.ALL_CALLS);
    }

    public SalesforceSettings withApiVersion(int value) {
        return new SalesforceSettings(value, dispositions, dispositionField, inboundPop, taskStatus, subjectTemplate,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withDispositions(Dispositions value) {
        return new SalesforceSettings(apiVersion, value, dispositionField, inboundPop, taskStatus, subjectTemplate,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withDispositionField(String value) {
        return new SalesforceSettings(apiVersion, dispositions, value, inboundPop, taskStatus, subjectTemplate,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withInboundPop(InboundPopPolicy value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, value, taskStatus, subjectTemplate,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withTaskStatus(String value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, value, subjectTemplate,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withSubjectTemplate(String value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, taskStatus, value,
                activityDateZone, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withActivityDateZone(ZoneId value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, taskStatus,
                subjectTemplate, value, invocationTimeout, retry, callScope);
    }

    public SalesforceSettings withInvocationTimeout(Duration value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, taskStatus,
                subjectTemplate, activityDateZone, value, retry, callScope);
    }

    public SalesforceSettings withRetry(Retry value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, taskStatus,
                subjectTemplate, activityDateZone, invocationTimeout, value, callScope);
    }

    public SalesforceSettings withCallScope(CallScope value) {
        return new SalesforceSettings(apiVersion, dispositions, dispositionField, inboundPop, taskStatus,
                subjectTemplate, activityDateZone, invocationTimeout, retry, value);
    }

    /** The same as {@code withRetry(Retry.of(value))}. */
    public SalesforceSettings withRetry(RetryPolicy value) {
        return withRetry(Retry.of(value));
    }

    private static void nonBlank(@Nullable String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1-" + max + " characters");
        }
    }

    /**
     * The vendor's dispositions as the org's call results. Sales Engagement branches on them, so they must be values of
     * the org's call-outcome mapping (Meaningful Connect, Left Voicemail, Call Back Later, Not Interested, Unqualified
     * out of the box).
     *
     * @param byCode a vendor disposition code, or an end status name such as {@code BUSY}, → the org's call result;
     *     the code is looked up first, then the end status
     * @param connectedDefault the result of an answered call whose code and end status are not mapped
     * @param notConnectedDefault the result of a call never answered (busy, no answer, failed, canceled) whose code and
     *     end status are not mapped
     */
    public record Dispositions(Map<String, String> byCode, String connectedDefault, String notConnectedDefault) {

        public static final Dispositions DEFAULTS = new Dispositions(Map.of(), "Meaningful Connect", "Call Back Later");

        public Dispositions {
            byCode = Map.copyOf(byCode);
            byCode.forEach((code, result) -> nonBlank(result, "disposition for " + code, 255));
            nonBlank(connectedDefault, "connectedDefault", 255);
            nonBlank(notConnectedDefault, "notConnectedDefault", 255);
        }

        public Dispositions with(String code, String result) {
            Map<String, String> next = new java.util.HashMap<>(byCode);
            next.put(code, result);
            return new Dispositions(next, connectedDefault, notConnectedDefault);
        }

        /** The org's call result for a call that ended with {@code endStatus} and was wrapped up with {@code code}. */
        public String resultFor(@Nullable String code, @Nullable EndStatus endStatus, boolean wasConnected) {
            if (code != null && byCode.containsKey(code)) {
                return byCode.get(code);
            }
            if (endStatus != null && byCode.containsKey(endStatus.name())) {
                return byCode.get(endStatus.name());
            }
            return wasConnected ? connectedDefault : notConnectedDefault;
        }
    }

    /** What to pop for an inbound call. */
    public enum PopAction {
        /** Open the record (only for exactly one match). */
        RECORD,
        /** Open global search for the number. */
        SEARCH,
        /** Open the new-record modal with the number filled in. */
        NEW_RECORD,
        /** Show nothing. */
        NONE
    }

    /**
     * The screen pop for an inbound call by the number of records its number matches.
     *
     * @param newRecordEntity the object whose new-record modal {@link PopAction#NEW_RECORD} opens
     * @param newRecordPhoneField the field of that object the caller's number goes into
     */
    public record InboundPopPolicy(PopAction noMatch, PopAction oneMatch, PopAction manyMatches,
            String newRecordEntity, String newRecordPhoneField) {

        private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

        public static final InboundPopPolicy DEFAULT = new InboundPopPolicy(PopAction.NEW_RECORD, PopAction.RECORD,
                PopAction.SEARCH, "Contact", "Phone");


        public InboundPopPolicy {
            Objects.requireNonNull(noMatch, "noMatch");
            Objects.requireNonNull(oneMatch, "oneMatch");
            Objects.requireNonNull(manyMatches, "manyMatches");
            if (noMatch == PopAction.RECORD || manyMatches == PopAction.RECORD) {
                throw new IllegalArgumentException("RECORD pops the one match; it cannot apply to none or many");
            }
            Objects.requireNonNull(newRecordEntity, "newRecordEntity");
            Objects.requireNonNull(newRecordPhoneField, "newRecordPhoneField");
            if (!API_NAME.matcher(newRecordEntity).matches() || !API_NAME.matcher(newRecordPhoneField).matches()) {
                throw new IllegalArgumentException("newRecordEntity and newRecordPhoneField must be API names");
            }
        }

        /** The action for {@code matches} records found. */
        public PopAction actionFor(int matches) {
            return matches == 0 ? noMatch : matches == 1 ? oneMatch : manyMatches;
        }
    }

    /**
     * Exponential backoff: the n-th retry waits {@code initialBackoff × 2^(n-1)}, at most {@code maxBackoff}; after
     * {@code maxAttempts} attempts in all the failure is final.
     *
     * <p>The rule itself is core's {@link RetryPolicy}, the one every adapter's owed side effects are retried by;
     * this record keeps the three values under the name the settings have always used, so code written against it
     * compiles as before. {@link #policy()} is the policy the adapter runs, {@link #of(RetryPolicy)} goes the other
     * way, and {@link SalesforceSettings#withRetry(RetryPolicy)} takes a policy directly. Waiting for a Salesforce tab
     * to be open at all is not an attempt (see {@link RetryPolicy}).
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

        public static final Retry DEFAULT = of(RetryPolicy.DEFAULT);

        public Retry {
            // Checked by the one rule, so both say the same about the same values.
            new RetryPolicy(initialBackoff, maxBackoff, maxAttempts);
        }

        /** The same values as a {@link Retry}. */
        public static Retry of(RetryPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            return new Retry(policy.initialBackoff(), policy.maxBackoff(), policy.maxAttempts());
        }

        /** The same values as core's {@link RetryPolicy}, which the adapter retries by. */
        public RetryPolicy policy() {
            return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts);
        }

        /** The wait before retry number {@code retry} (1 for the first retry), as {@link RetryPolicy#delayBefore}. */
        public Duration delayBefore(int retry) {
            return policy().delayBefore(retry);
        }
    }
}
