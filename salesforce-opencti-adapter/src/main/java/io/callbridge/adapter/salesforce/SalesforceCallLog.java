package io.callbridge.adapter.salesforce;

import io.callbridge.core.model.Call;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.WorkItemId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Salesforce call log (the Task {@code saveLog} creates) and the Sales Engagement completion
 * ({@code hvs.completeWork}) as a server-side executor sees them, for running them by Salesforce's REST API when no tab
 * does ({@link io.callbridge.core.bridge.ServerSideExecutor}).
 *
 * <p>The adapter parks the Task in core's {@link io.callbridge.core.spi.DeliveryStore} under {@link #saveLogKey}
 * (crm {@value #CRM}, method {@value #SAVE_LOG}, arguments {@code {}}) as soon as it reconciles a call in its scope
 * that has no Task yet, and the completion under {@link #completeWorkKey} (method {@value #COMPLETE_WORK_METHOD}) once
 * core matched the call's Sales Engagement work item; the frame's delivery claims, runs and finishes those same keys.
 * An executor that claimed the Task's key instead saves it and writes {@link #doneLinks} (or {@link #failedLinks}) on
 * the call; the adapter then sees the call {@link #settled} and never sends {@code saveLog}. Entries nobody will run
 * (work that failed or expired, a Task given up) are taken back by the adapter.
 *
 * <p>Pure functions of their arguments; thread-safe.
 */
public final class SalesforceCallLog {
    /** The CRM of the parked entries, as in {@code OwedDelivery.crm()}. */
    public static final String CRM = "salesforce";
    /** The Open CTI method of the Task log, as in {@code OwedDelivery.method()}, and its key's last part. */
    public static final String SAVE_LOG = "saveLog";
    /** The last part of a work completion's key. */
    public static final String COMPLETE_WORK = "completeWork";
    /** The Open CTI method of a work completion, as in {@code OwedDelivery.method()}. */
    public static final String COMPLETE_WORK_METHOD = "hvs.completeWork";

    // The CRM links of the flow's script (SalesforceCallScript): the saved Task's id, why it could not be saved.
    private static final String TASK_ID = "salesforce.taskId";
    private static final String TASK_FAILED = "salesforce.taskFailed";
    private static final String LOGGED_VIA = "salesforce.loggedVia";
    /** The saveLog value's marker of a new record, not one of the Task's fields. */
    private static final String ENTITY = "entityApiName";

    /** The Task log of the settings last asked about: the subject template is cut once, not for every call. */
    private static volatile @Nullable CallTaskLog last;

    private SalesforceCallLog() {
    }

    /**
     * The idempotency key of the call's Task: the delivery store key and the invocation id of its {@code saveLog},
     * {@code <call>:saveLog} (a digest of the call id instead when that would make it longer than an invocation id may
     * be). The Task's {@code CallObject} is the call id itself ({@link #taskFields}), which is what to query by after
     * an unclear failure.
     */
    public static String saveLogKey(CallId call) {
        return Invocation.deriveId("", call.value(), SAVE_LOG);
    }

    /**
     * The call whose Task {@code key} is ({@link #saveLogKey}'s inverse), or null for any other key (a completion's, a
     * screen pop's, another CRM's). A key that holds a digest of a call id too long to appear in it gives a call id
     * core does not know.
     */
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

    /**
     * The call a console step's entry is about: for the keys of an inbound call's screen pop ({@code <call>:search}
     * and {@code <call>:pop}), the call; null for any other key, and for one that holds a digest of a call id too long
     * to appear in it (that digest names no call core could know). An executor may drop such a step once core no
     * longer has its call: no console can want a screen pop for a call that is gone.
     */
    public static @Nullable CallId callOfStep(String key) {
        for (String step : CALL_STEPS) {
            String scope = Invocation.scopeOf(key, "", step);
            if (scope != null) {
                try {
                    return CallId.of(scope);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The steps the adapter owes about one call besides its Task, each under {@code <call>:<step>}. */
    private static final List<String> CALL_STEPS = List.of("search", "pop");

    /** Whether the call's Task is behind it: saved (its {@code salesforce.taskId} link) or given up. */
    public static boolean settled(Call call) {
        return call.crmLink(TASK_ID).isPresent() || call.crmLink(TASK_FAILED).isPresent();
    }

    /**
     * Whether the adapter would owe {@code saveLog} for the call now: it is wrapped up (the outcome is final) and its
     * Task is neither saved nor given up. (The adapter's scope, {@code SalesforceSettings.callScope}, is not asked
     * here: only calls in it are ever parked.)
     */
    public static boolean readyToLog(Call call) {
        return call.state() == CallState.WRAPPED_UP && !settled(call);
    }

    /**
     * Exactly the Task fields {@code saveLog} would send for the call under {@code settings}, by API name, in order:
     * {@code TaskSubtype}, {@code Subject}, {@code Description}, {@code CallType}, {@code CallDurationInSeconds}, the
     * disposition field, {@code CallObject} (the call id), {@code WhoId}, {@code WhatId}, {@code Status},
     * {@code ActivityDate} (ISO date) as the call has them; values are {@link String}, {@link Number} or
     * {@link Boolean}. Only Open CTI's {@code entityApiName} ({@code Task}, the REST path's object) is left out.
     *
     * @throws IllegalArgumentException when the call cannot make a Task (e.g. a record id that is not a Salesforce
     *     id): {@code saveLog} would be given up for the same reason
     */
    public static Map<String, Object> taskFields(Call call, SalesforceSettings settings) {
        CallTaskLog log = last;
        if (log == null || log.settings() != settings) {
            log = new CallTaskLog(settings);
            last = log;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        log.of(call).value().forEach((name, value) -> {
            if (value != null && !ENTITY.equals(name)) {
                fields.put(name, value);
            }
        });
        return Collections.unmodifiableMap(fields);
    }

    /**
     * The CRM links to write on the call once its Task was saved without a tab: the ones a frame's save writes
     * ({@code salesforce.taskId} = {@code taskId}, which also makes the call's matched work owe its completion), plus
     * {@code salesforce.loggedVia} = {@code rest}.
     *
     * @param at when it was saved (a frame's save records no time, so neither link holds it)
     */
    public static Map<String, String> doneLinks(Instant at, String taskId) {
        Objects.requireNonNull(at, "at");
        return Map.of(TASK_ID, taskId, LOGGED_VIA, "rest");
    }

    /** The CRM links to write on the call once its Task was given up for good: {@code salesforce.taskFailed}. */
    public static Map<String, String> failedLinks(Instant at) {
        return Map.of(TASK_FAILED, at.toString());
    }

    /**
     * The idempotency key of the completion of Sales Engagement work {@code item}, {@code <workId>:completeWork}.
     * {@code hvs.completeWork} needs the work id and {@code attributes}: {@code disposition} (the call result, the
     * {@link #taskFields} disposition field's value), {@code taskId} (the call's saved Task) and {@code wasConnected};
     * it is owed only once the call's Task is saved and while core's work item (whose {@code call()} names the call) is
     * MATCHED or LOGGED, and a completion is reported to core with {@code WorkCommand.CompleteWork} (or
     * {@code FailWork}). Salesforce offers no REST equivalent that carries the outcome.
     */
    public static String completeWorkKey(WorkItemId item) {
        return Invocation.deriveId("", item.value(), COMPLETE_WORK);
    }

    /** The work item whose completion {@code key} is ({@link #completeWorkKey}'s inverse), or null for any other key. */
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

    /** What comes before {@code :step} in {@code key}, or null when the key is not that step's. */
    private static @Nullable String scopeOf(String key, String step) {
        int scope = key.length() - step.length() - 1;
        return scope > 0 && key.endsWith(step) && key.charAt(scope) == ':' ? key.substring(0, scope) : null;
    }
}
