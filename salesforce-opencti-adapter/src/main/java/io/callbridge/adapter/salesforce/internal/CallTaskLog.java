package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.tasklog.TaskCallType;
import io.callbridge.adapter.salesforce.tasklog.TaskLog;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The Task a wrapped-up call is logged as. Pure. */
final class CallTaskLog {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Pattern RUNS_OF_SPACE = Pattern.compile("\\s{2,}");

    private CallTaskLog() {
    }

    /** The org's call result for the call: written to the Task and sent to Sales Engagement, so both agree. */
    static String callResult(Call call, SalesforceSettings settings) {
        CallOutcome outcome = call.outcome();
        return settings.dispositions().resultFor(outcome == null ? null : outcome.disposition(), call.endStatus(),
                call.wasConnected());
    }

    static TaskLog of(Call call, SalesforceSettings settings) {
        Instant endedAt = call.endedAt() != null ? call.endedAt() : call.createdAt();
        CallOutcome outcome = call.outcome() != null ? call.outcome() : CallOutcome.NONE;
        String result = callResult(call, settings);
        RecordLinks links = RecordLinks.of(call);
        return TaskLog.create()
                .subject(subject(call, settings.subjectTemplate(), result))
                .description(outcome.notes())
                .callType(call.direction() == Direction.INBOUND ? TaskCallType.INBOUND : TaskCallType.OUTBOUND)
                .callDuration(call.talkTime(endedAt))
                .dispositionField(settings.dispositionField())
                .callDisposition(result)
                .callObject(call.id().value())
                .whoId(links.whoId())
                .whatId(links.whatId())
                .status(settings.taskStatus())
                .activityDate(LocalDate.ofInstant(call.createdAt(), settings.activityDateZone()))
                .build();
    }

    static String subject(Call call, String template, String result) {
        PhoneNumber other = call.direction() == Direction.INBOUND ? call.from() : call.to();
        String record = call.record() != null && call.record().name() != null ? call.record().name() : "";
        Map<String, String> values = Map.of(
                "direction", call.direction() == Direction.INBOUND ? "Inbound" : "Outbound",
                "number", other == null ? "" : other.raw(),
                "disposition", result,
                "record", record);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            @Nullable String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        String subject = RUNS_OF_SPACE.matcher(out.toString().strip()).replaceAll(" ");
        return subject.isEmpty() ? "Call" : subject;
    }
}
