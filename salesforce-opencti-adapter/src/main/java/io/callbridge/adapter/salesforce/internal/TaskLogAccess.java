package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItemId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code io.callbridge.adapter.salesforce.SalesforceCallLog} answers, here because it reads the flow's
 * package-private script and Task log. Public only for that class; not API (use {@code SalesforceCallLog}).
 */
public final class TaskLogAccess {
    /** The Open CTI method of the Task log, also its key's step. */
    public static final String SAVE_LOG = "saveLog";
    /** The key's step of a work completion. */
    public static final String COMPLETE_WORK = "completeWork";
    /** The Open CTI method of a work completion, as the frame's delivery records it. */
    public static final String COMPLETE_WORK_METHOD = "hvs.completeWork";
    /** CRM link saying who saved the Task when it was not a frame. */
    public static final String LOGGED_VIA = "salesforce.loggedVia";
    /** The saveLog value's marker of a new record, not one of the Task's fields. */
    private static final String ENTITY = "entityApiName";

    private TaskLogAccess() {
    }

    public static String saveLogKey(CallId call) {
        return AgentCore.stepId(call, SAVE_LOG);
    }

    public static @Nullable CallId callOf(String key) {
        String scope = scopeOf(key, SAVE_LOG);
        if (scope == null) {
            return null;
        }
        try {
            CallId call = CallId.of(scope);
            return saveLogKey(call).equals(key) ? call : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String completeWorkKey(WorkItemId item) {
        return Invocation.deriveId("", item.value(), COMPLETE_WORK);
    }

    public static @Nullable WorkItemId workItemOf(String key) {
        String scope = scopeOf(key, COMPLETE_WORK);
        if (scope == null) {
            return null;
        }
        try {
            WorkItemId item = WorkItemId.of(scope);
            return completeWorkKey(item).equals(key) ? item : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean settled(Call call) {
        return call.crmLink(SalesforceCallScript.TASK_ID).isPresent()
                || call.crmLink(SalesforceCallScript.TASK_FAILED).isPresent();
    }

    public static boolean readyToLog(Call call) {
        return SalesforceCallScript.owed(call, null) instanceof SalesforceCallScript.Owed.SaveLog;
    }

    public static Map<String, Object> taskFields(Call call, SalesforceSettings settings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        new CallTaskLog(settings).of(call).value().forEach((name, value) -> {
            if (value != null && !ENTITY.equals(name)) {
                fields.put(name, value);
            }
        });
        return java.util.Collections.unmodifiableMap(fields);
    }

    public static Map<String, String> doneLinks(Instant at, String taskId) {
        java.util.Objects.requireNonNull(at, "at");
        return Map.of(SalesforceCallScript.TASK_ID, taskId, LOGGED_VIA, "rest");
    }

    public static Map<String, String> failedLinks(Instant at) {
        return Map.of(SalesforceCallScript.TASK_FAILED, at.toString());
    }

    private static @Nullable String scopeOf(String key, String step) {
        String end = ":" + step;
        return key.endsWith(end) && key.length() > end.length() ? key.substring(0, key.length() - end.length())
                : null;
    }
}
