package io.callbridge.adapter.salesforce;

import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.WorkItemId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PLACEHOLDER of the facade helper "adapters" writes; only here so that salesforce-rest compiles on its own branch.
 * The merger drops this file for the real one, which has exactly these signatures.
 */
public final class SalesforceCallLog {
    public static final String CRM = "salesforce";
    public static final String SAVE_LOG = "saveLog";
    public static final String COMPLETE_WORK = "completeWork";

    private static final String TASK_ID = "salesforce.taskId";
    private static final String TASK_FAILED = "salesforce.taskFailed";

    private SalesforceCallLog() {
    }

    public static String saveLogKey(CallId call) {
        return call.value() + ":" + SAVE_LOG;
    }

    public static @Nullable CallId callOf(String key) {
        String suffix = ":" + SAVE_LOG;
        return key.endsWith(suffix) ? CallId.of(key.substring(0, key.length() - suffix.length())) : null;
    }

    public static boolean settled(Call call) {
        return call.crmLink(TASK_ID).isPresent() || call.crmLink(TASK_FAILED).isPresent();
    }

    public static boolean readyToLog(Call call) {
        return call.state() == CallState.WRAPPED_UP && !settled(call);
    }

    public static Map<String, Object> taskFields(Call call, SalesforceSettings settings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TaskSubtype", "Call");
        fields.put("Subject", (call.direction() == Direction.INBOUND ? "Inbound" : "Outbound") + " call");
        fields.put("Status", settings.taskStatus());
        fields.put("CallType", call.direction() == Direction.INBOUND ? "Inbound" : "Outbound");
        fields.put("CallObject", call.id().value());
        fields.put("CallDurationInSeconds", 0);
        fields.put("ActivityDate", LocalDate.ofInstant(call.createdAt(), settings.activityDateZone()).toString());
        return fields;
    }

    public static Map<String, String> doneLinks(Instant at, String taskId) {
        return Map.of(TASK_ID, taskId);
    }

    public static Map<String, String> failedLinks(Instant at) {
        return Map.of(TASK_FAILED, "failed " + at);
    }

    public static String completeWorkKey(WorkItemId work) {
        return "work:" + work.value() + ":" + COMPLETE_WORK;
    }

    public static @Nullable WorkItemId workItemOf(String key) {
        String prefix = "work:";
        String suffix = ":" + COMPLETE_WORK;
        return key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()
                ? WorkItemId.of(key.substring(prefix.length(), key.length() - suffix.length())) : null;
    }
}
