package io.callbridge.adapter.salesforce;

import io.callbridge.adapter.salesforce.tasklog.TaskCallType;
import io.callbridge.adapter.salesforce.tasklog.TaskLog;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Task a wrapped-up call is logged as, under one agent bridge's settings: the one place it is made, for the frame's
 * {@code saveLog} and for a REST log alike ({@link SalesforceCallLog#taskFields}). The subject template is cut at its
 * placeholders once, here, rather than matched again for every call. Immutable; pure.
 */
final class CallTaskLog {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final SalesforceSettings settings;
    /** The activity-date zone's rules, looked up once: a ZoneOffset makes new ones on every getRules(). */
    private final ZoneRules activityDateRules;
    /** The subject template: literal text ({@link String}) and {@link Placeholder}s, in order. */
    private final List<Object> subjectParts;

    /** The CRM links and context a click-to-dial leaves on its call (the flow's RecordLinks writes them). */
    private static final String CRM = "salesforce";
    private static final String CONTEXT_RECORD = "salesforce.recordId";
    private static final String CONTEXT_WHO = "salesforce.whoId";
    private static final String CONTEXT_WHAT = "salesforce.whatId";

    CallTaskLog(SalesforceSettings settings) {
        this.settings = settings;
        this.activityDateRules = settings.activityDateZone().getRules();
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(settings.subjectTemplate());
        int literalFrom = 0;
        while (m.find()) {
            Placeholder p = Placeholder.named(m.group(1));
            if (p == null) {
                continue; // not a placeholder: stays literal text (SalesforceSettings admits none, but be safe)
            }
            if (m.start() > literalFrom) {
                parts.add(settings.subjectTemplate().substring(literalFrom, m.start()));
            }
            parts.add(p);
            literalFrom = m.end();
        }
        if (literalFrom < settings.subjectTemplate().length()) {
            parts.add(settings.subjectTemplate().substring(literalFrom));
        }
        this.subjectParts = List.copyOf(parts);
    }

    /** The org's call result for the call: written to the Task and sent to Sales Engagement, so both agree. */
    static String callResult(Call call, SalesforceSettings settings) {
        CallOutcome outcome = call.outcome();
        return settings.dispositions().resultFor(outcome == null ? null : outcome.disposition(), call.endStatus(),
                call.wasConnected());
    }

    SalesforceSettings settings() {
        return settings;
    }

    TaskLog of(Call call) {
        Instant endedAt = call.endedAt() != null ? call.endedAt() : call.createdAt();
        CallOutcome outcome = call.outcome() != null ? call.outcome() : CallOutcome.NONE;
        String result = callResult(call, settings);
        String[] links = whoAndWhat(call);
        return TaskLog.create()
                .subject(subject(call, result))
                .description(outcome.notes())
                .callType(call.direction() == Direction.INBOUND ? TaskCallType.INBOUND : TaskCallType.OUTBOUND)
                .callDuration(call.talkTime(endedAt))
                .dispositionField(settings.dispositionField())
                .callDisposition(result)
                .callObject(call.id().value())
                .whoId(links[0])
                .whatId(links[1])
                .status(settings.taskStatus())
                .activityDate(activityDate(call.createdAt()))
                .build();
    }

    /**
     * The Task's WhoId and WhatId, as the flow's {@code RecordLinks.of} says: the click-to-dial's links while the call
     * is still about the record it was dialled from, else the Salesforce record attached later, a Lead or Contact
     * as WhoId and anything else as WhatId.
     */
    private static @Nullable String[] whoAndWhat(Call call) {
        CrmRecordRef record = call.record();
        if (record == null || !CRM.equals(record.crm())) {
            return new String[2];
        }
        Map<String, String> context = call.crmContext();
        if (record.id().equals(context.get(CONTEXT_RECORD))) {
            return new String[] {context.get(CONTEXT_WHO), context.get(CONTEXT_WHAT)};
        }
        // The type is always known here: the flow names one for every record it attaches.
        boolean person = record.objectType().equals("Lead") || record.objectType().equals("Contact");
        return person ? new String[] {record.id(), null} : new String[] {null, record.id()};
    }

    /** As {@link LocalDate#ofInstant} computes it, with the zone's rules at hand. */
    LocalDate activityDate(Instant instant) {
        long localSecond = instant.getEpochSecond() + activityDateRules.getOffset(instant).getTotalSeconds();
        return LocalDate.ofEpochDay(Math.floorDiv(localSecond, 86_400));
    }

    /** The template filled in, stripped, runs of white space made one space; "Call" if nothing is left. */
    String subject(Call call, String result) {
        StringBuilder out = new StringBuilder(64);
        for (Object part : subjectParts) {
            out.append(part instanceof Placeholder p ? p.value(call, result) : (String) part);
        }
        String subject = collapseRunsOfSpace(out.toString().strip());
        return subject.isEmpty() ? "Call" : subject;
    }

    /**
     * Replaces each run of two or more of regex {@code \s}'s characters (space, tab, line feed, vertical tab, form
     * feed, carriage return) by one space; a single one stays as it is.
     */
    static String collapseRunsOfSpace(String text) {
        StringBuilder out = null;
        int copiedTo = 0;
        int i = 0;
        while (i < text.length() - 1) {
            if (!isRegexSpace(text.charAt(i)) || !isRegexSpace(text.charAt(i + 1))) {
                i++;
                continue;
            }
            int end = i + 2;
            while (end < text.length() && isRegexSpace(text.charAt(end))) {
                end++;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copiedTo, i).append(' ');
            copiedTo = end;
            i = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copiedTo, text.length()).toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** What the subject template can say, as {@link SalesforceSettings#subjectTemplate()} documents. */
    private enum Placeholder {
        DIRECTION, NUMBER, DISPOSITION, RECORD;

        static @Nullable Placeholder named(String name) {
            for (Placeholder p : values()) {
                if (p.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                    return p;
                }
            }
            return null;
        }

        String value(Call call, String result) {
            return switch (this) {
                case DIRECTION -> call.direction() == Direction.INBOUND ? "Inbound" : "Outbound";
                case NUMBER -> {
                    PhoneNumber other = call.direction() == Direction.INBOUND ? call.from() : call.to();
                    yield other == null ? "" : other.raw();
                }
                case DISPOSITION -> result;
                case RECORD -> call.record() != null && call.record().name() != null ? call.record().name() : "";
            };
        }
    }
}
