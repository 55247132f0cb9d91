package io.callbridge.adapter.salesforce.tasklog;

import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SaveLog;
import io.callbridge.adapter.salesforce.opencti.SalesforceIds;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call log as a Salesforce {@code Task}, ready for {@code saveLog}: {@link #create()} writes a new Task
 * ({@code entityApiName: "Task"}, {@code TaskSubtype: "Call"}), {@link #update(String)} changes one by
 * {@code Id}. Text longer than a field allows is cut to the limit, because Salesforce would reject the whole
 * save and the call would go unlogged; cuts never split a character.
 */
public final class TaskLog {

    public static final int SUBJECT_MAX = 255;
    public static final int DESCRIPTION_MAX = 32_000;
    public static final int CALL_DISPOSITION_MAX = 255;
    public static final int CALL_OBJECT_MAX = 255;
    /** Picklist values (Status, Type, Priority) cannot be longer than this in any org. */
    public static final int PICKLIST_MAX = 255;

    public static final String DEFAULT_DISPOSITION_FIELD = "CallDisposition";

    private static final Logger LOG = LoggerFactory.getLogger(TaskLog.class);

    /** Custom fields, optionally namespaced ({@code ns__Field__c}). */
    private static final Pattern CUSTOM_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__c");
    /** Fields the builder owns; a custom field must not overwrite them behind its back. */
    private static final Set<String> RESERVED = Set.of("entityApiName", "Id", "TaskSubtype");

    private final Map<String, @Nullable Object> value;

    /** Takes over {@code value}: {@link Builder#build()} hands over a map that it copies before changing again. */
    private TaskLog(Map<String, @Nullable Object> value) {
        this.value = Collections.unmodifiableMap(value);
    }

    /** A new Task. */
    public static Builder create() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("entityApiName", "Task");
        fields.put("TaskSubtype", "Call");
        return new Builder(fields);
    }

    /** Changes to an existing Task, e.g. the disposition chosen in wrap-up. */
    public static Builder update(String taskId) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("Id", id(taskId, "Id"));
        return new Builder(fields);
    }

    /** The {@code saveLog} {@code value}: field API name → value, in the order the fields were set. */
    public Map<String, @Nullable Object> value() {
        return value;
    }

    public boolean isUpdate() {
        return value.containsKey("Id");
    }

    public SaveLog toSaveLog() {
        return new SaveLog(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof TaskLog log && log.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "TaskLog" + value;
    }

    /**
     * Cuts {@code text} to at most {@code max} UTF-16 units without splitting a surrogate pair. Counting
     * UTF-16 units keeps the result within the limit however Salesforce counts (units or characters).
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String id(@Nullable String value, String field) {
        if (value == null || !SalesforceIds.isValid(value)) {
            throw new InvalidInvocationException("value." + field, "must be a 15 or 18 character Salesforce id");
        }
        return value;
    }

    /**
     * Collects typed values; a setter given {@code null} leaves the field out. Not thread-safe.
     *
     * <p>{@link #build()} hands its map to the log rather than copying it (a builder is nearly always built once);
     * a builder used again after that copies the map first, so a built log never changes.
     */
    public static final class Builder {

        private Map<String, @Nullable Object> fields;
        private String dispositionField = DEFAULT_DISPOSITION_FIELD;
        private @Nullable String disposition;
        /** {@link #fields} belongs to a built log now; {@code merged} is the disposition key build() added to it. */
        private boolean handedOver;
        private @Nullable String merged;

        private Builder(Map<String, @Nullable Object> fields) {
            this.fields = fields;
        }

        /** The fields, safe to change: a copy without what build() added, once they were handed over. */
        private Map<String, @Nullable Object> writable() {
            if (handedOver) {
                Map<String, @Nullable Object> copy = new LinkedHashMap<>(fields);
                if (merged != null) {
                    copy.remove(merged);
                }
                fields = copy;
                handedOver = false;
                merged = null;
            }
            return fields;
        }

        private void set(String field, Object value) {
            writable().put(field, value);
        }

        private void unset(String field) {
            writable().remove(field);
        }

        private Builder text(String field, @Nullable String text, int max) {
            if (text == null) {
                unset(field);
                return this;
            }
            String cut = cut(text, max);
            if (cut.length() != text.length()) {
                LOG.debug("Task {} cut from {} to {} characters", field, text.length(), cut.length());
            }
            set(field, cut);
            return this;
        }

        private Builder idField(String field, @Nullable String id) {
            if (id == null) {
                unset(field);
            } else {
                set(field, id(id, field));
            }
            return this;
        }

        public Builder subject(@Nullable String subject) {
            return text("Subject", subject, SUBJECT_MAX);
        }

        /** The "Comments" of the call: notes, transcript summary. */
        public Builder description(@Nullable String description) {
            return text("Description", description, DESCRIPTION_MAX);
        }

        public Builder callType(@Nullable TaskCallType callType) {
            if (callType == null) {
                unset("CallType");
            } else {
                set("CallType", callType.picklistValue());
            }
            return this;
        }

        public Builder callDurationInSeconds(long seconds) {
            if (seconds < 0 || seconds > Integer.MAX_VALUE) {
                throw new InvalidInvocationException("value.CallDurationInSeconds",
                        "must be between 0 and " + Integer.MAX_VALUE + ", was " + seconds);
            }
            set("CallDurationInSeconds", seconds);
            return this;
        }

        /** Rounded to the nearest second: a 0.6 s call shows as 1 s, not as an unanswered 0 s. */
        public Builder callDuration(Duration duration) {
            if (duration.isNegative()) {
                throw new InvalidInvocationException("value.CallDurationInSeconds", "must not be negative");
            }
            return callDurationInSeconds(duration.plusMillis(500).getSeconds());
        }

        /**
         * Writes the disposition into a custom field instead of {@code CallDisposition}, for orgs that keep
         * call outcomes in their own picklist. Applies to the disposition set before or after.
         */
        public Builder dispositionField(String fieldApiName) {
            if (!fieldApiName.equals(DEFAULT_DISPOSITION_FIELD) && !CUSTOM_FIELD.matcher(fieldApiName).matches()) {
                throw new InvalidInvocationException("dispositionField",
                        "must be CallDisposition or a custom field API name ending in __c");
            }
            this.dispositionField = fieldApiName;
            return this;
        }

        /** The call result; cut to {@value #CALL_DISPOSITION_MAX} characters in whichever field holds it. */
        public Builder callDisposition(@Nullable String disposition) {
            this.disposition = disposition;
            return this;
        }

        /** The project's call id: makes the log correlatable with the call and safe to retry. */
        public Builder callObject(@Nullable String callId) {
            return text("CallObject", callId, CALL_OBJECT_MAX);
        }

        /** The Lead or Contact (for a person account, its contact). */
        public Builder whoId(@Nullable String whoId) {
            return idField("WhoId", whoId);
        }

        /** The Account, Opportunity, Case or other record the call is about. */
        public Builder whatId(@Nullable String whatId) {
            return idField("WhatId", whatId);
        }

        public Builder ownerId(@Nullable String ownerId) {
            return idField("OwnerId", ownerId);
        }

        public Builder recordTypeId(@Nullable String recordTypeId) {
            return idField("RecordTypeId", recordTypeId);
        }

        /** An org picklist value such as {@code Completed}. */
        public Builder status(@Nullable String status) {
            return text("Status", status, PICKLIST_MAX);
        }

        public Builder type(@Nullable String type) {
            return text("Type", type, PICKLIST_MAX);
        }

        public Builder priority(@Nullable String priority) {
            return text("Priority", priority, PICKLIST_MAX);
        }

        public Builder activityDate(@Nullable LocalDate date) {
            if (date == null) {
                unset("ActivityDate");
            } else {
                // ISO-8601 calendar date, which is what Salesforce expects: YYYY-MM-DD.
                set("ActivityDate", date.toString());
            }
            return this;
        }

        /** A custom text field, cut to the field's length as defined in the org. */
        public Builder customText(String fieldApiName, @Nullable String text, int maxLength) {
            if (maxLength < 1) {
                throw new InvalidInvocationException("value." + fieldApiName, "maxLength must be positive");
            }
            return text(customName(fieldApiName), text, maxLength);
        }

        /** A custom field of another type: number, checkbox, or text whose length needs no cut. */
        public Builder customField(String fieldApiName, @Nullable Object value) {
            String name = customName(fieldApiName);
            if (value == null) {
                unset(name);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                set(name, value);
            } else {
                throw new InvalidInvocationException("value." + name, "must be a string, number or boolean");
            }
            return this;
        }

        private String customName(String fieldApiName) {
            if (!CUSTOM_FIELD.matcher(fieldApiName).matches() || RESERVED.contains(fieldApiName)) {
                throw new InvalidInvocationException("value." + fieldApiName,
                        "must be a custom field API name ending in __c");
            }
            if (fieldApiName.equals(dispositionField)) {
                throw new InvalidInvocationException("value." + fieldApiName,
                        "is the disposition field; set it with callDisposition");
            }
            return fieldApiName;
        }

        public TaskLog build() {
            Map<String, @Nullable Object> value = writable();
            if (disposition != null) {
                if (value.containsKey(dispositionField)) {
                    throw new InvalidInvocationException("value." + dispositionField,
                            "set both as a custom field and as the disposition");
                }
                String cut = cut(disposition, CALL_DISPOSITION_MAX);
                value.put(dispositionField, cut);
                merged = dispositionField;
            }
            handedOver = true;
            return new TaskLog(value);
        }
    }
}
