package io.callbridge.operations;

import static io.callbridge.operations.Setting.duration;
import static io.callbridge.operations.Setting.integer;
import static io.callbridge.operations.Setting.text;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.RetryPolicy;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The keys of {@link SalesforceSettings} that are plain values (dispositions and screen pops stay in code). */
final class SalesforceKeys {
    private SalesforceKeys() {
    }

    static SalesforceSettings defaults() {
        return SalesforceSettings.DEFAULTS;
    }

    static List<Setting<SalesforceSettings>> settings() {
        SalesforceSettings d = SalesforceSettings.DEFAULTS;
        return List.of(
                Setting.<SalesforceSettings>of("salesforce.api-version", "integer", String.valueOf(d.apiVersion()),
                        "the Open CTI API version the softphone loads", (s, t) -> new SalesforceSettings(integer(t),
                                s.dispositions(), s.dispositionField(), s.inboundPop(), s.taskStatus(),
                                s.subjectTemplate(), s.activityDateZone(), s.invocationTimeout(), s.retry())),
                Setting.<SalesforceSettings>of("salesforce.disposition-field", "field", d.dispositionField(),
                        "the Task field the call's disposition goes to", (s, t) -> s.withDispositionField(text(t))),
                Setting.<SalesforceSettings>of("salesforce.task-status", "text", d.taskStatus(),
                        "the status of the Task a call is logged as", (s, t) -> s.withTaskStatus(text(t))),
                Setting.<SalesforceSettings>of("salesforce.subject-template", "text", d.subjectTemplate(),
                        "the Task's subject; placeholders {direction} {number} {disposition} {record}",
                        (s, t) -> s.withSubjectTemplate(text(t))),
                Setting.<SalesforceSettings>of("salesforce.activity-date-zone", "time zone",
                        d.activityDateZone().getId(), "the zone a Task's activity date is counted in",
                        (s, t) -> s.withActivityDateZone(zone(t))),
                Setting.<SalesforceSettings>of("salesforce.invocation-timeout", "duration", "10s",
                        "how long a Salesforce frame may take to answer",
                        (s, t) -> s.withInvocationTimeout(duration(t))),
                Setting.<SalesforceSettings>of("salesforce.retry.initial-backoff", "duration",
                        "2s", "first wait before a side effect is retried", (s, t) -> s.withRetry(
                                new RetryPolicy(duration(t), s.retry().policy().maxBackoff(),
                                        s.retry().policy().maxAttempts()))),
                Setting.<SalesforceSettings>of("salesforce.retry.max-backoff", "duration", "2m",
                        "longest wait between retries", (s, t) -> s.withRetry(new RetryPolicy(
                                s.retry().policy().initialBackoff(), duration(t), s.retry().policy().maxAttempts()))),
                Setting.<SalesforceSettings>of("salesforce.retry.max-attempts", "integer",
                        String.valueOf(d.retry().policy().maxAttempts()), "attempts before a side effect is given up",
                        (s, t) -> s.withRetry(new RetryPolicy(s.retry().policy().initialBackoff(),
                                s.retry().policy().maxBackoff(), integer(t)))));
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time zone such as UTC or Europe/Berlin");
        }
    }
}
