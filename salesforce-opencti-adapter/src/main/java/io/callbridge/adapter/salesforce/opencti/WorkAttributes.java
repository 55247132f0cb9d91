package io.callbridge.adapter.salesforce.opencti;

/**
 * What {@code hvs.completeWork} reports for a Sales Engagement call step. Salesforce needs the disposition
 * (one of the org's call outcomes) and the saved Task's id when work completes on {@code TaskSaved}; it
 * treats a missing {@code wasConnected} as {@code true}, so the model always carries it.
 */
public record WorkAttributes(String disposition, String taskId, boolean wasConnected) {

    public WorkAttributes {
        Args.nonBlank(disposition, "attributes.disposition");
        Args.salesforceId(taskId, "attributes.taskId");
    }
}
